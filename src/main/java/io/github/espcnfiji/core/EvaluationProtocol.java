package io.github.espcnfiji.core;

import java.util.Arrays;

/**
 * The super-resolution evaluation protocol of the ESPCN paper (and of SRCNN before it) for one
 * high-resolution image, given as planes on the 0-255 scale: one plane for grey, three for
 * R, G, B.
 * <ol>
 * <li>Mod-crop to a multiple of the scale.</li>
 * <li>Make the low-resolution image by MATLAB-style bicubic downscaling of each channel,
 * quantised to 8 bits ({@link #lowRes}).</li>
 * <li>Bicubic baseline: MATLAB-style upscaling of the low-resolution channels, quantised.</li>
 * <li>Model: the low-resolution luma divided by 255 goes through the network; the output times
 * 255 is quantised.</li>
 * <li>Both are compared with the high-resolution luma ({@link #luma}: BT.601 Y for colour, the
 * plane itself for grey) by PSNR and SSIM, cropping a border of {@code scale} pixels.</li>
 * </ol>
 * <pre>{@code
 * Scores s = EvaluationProtocol.evaluate(new FloatPlane[] { r, g, b }, 3, model);
 * double gain = s.modelPsnr().getAsDouble() - s.bicubicPsnr();
 * }</pre>
 */
public final class EvaluationProtocol {

	private EvaluationProtocol() {}

	/** Bicubic scores only. */
	public static Scores evaluate(FloatPlane[] highRes, int scale) {
		return evaluate(highRes, scale, null);
	}

	/**
	 * Bicubic scores, and the model's when {@code upscaler} is not null.
	 *
	 * @throws IllegalArgumentException if the planes are not 1 or 3 of one size, the image is too
	 *           small for the scale and SSIM's window, or the upscaler has another scale
	 */
	public static Scores evaluate(FloatPlane[] highRes, int scale, PlaneUpscaler upscaler) {
		if (upscaler != null && upscaler.scale() != scale)
			throw new IllegalArgumentException("The model upscales x" + upscaler.scale() +
				" but the evaluation is at x" + scale);
		FloatPlane[] hr = modCrop(highRes, scale);
		FloatPlane[] lr = lowRes(hr, scale);
		FloatPlane hrY = luma(hr);
		FloatPlane[] bicubic = new FloatPlane[lr.length];
		for (int c = 0; c < lr.length; c++)
			bicubic[c] = Quantize.toUnsignedByteRange(MatlabResize.upscale(lr[c], scale));
		FloatPlane bicubicY = luma(bicubic);
		double bicubicPsnr = Psnr.of(hrY, bicubicY, scale);
		double bicubicSsim = Ssim.of(hrY, bicubicY, scale);
		if (upscaler == null) return new Scores(bicubicPsnr, bicubicSsim, Double.NaN, Double.NaN);
		FloatPlane srY = upscaleLuma(luma(lr), upscaler);
		return new Scores(bicubicPsnr, bicubicSsim, Psnr.of(hrY, srY, scale), Ssim.of(hrY, srY,
			scale));
	}

	/**
	 * The network's output for a low-resolution luma plane on 0-255: the input is divided by 255,
	 * the output multiplied by 255, rounded and clamped to [0, 255].
	 */
	public static FloatPlane upscaleLuma(FloatPlane lowResY, PlaneUpscaler upscaler) {
		float[] in = lowResY.data();
		float[] scaled = new float[in.length];
		for (int i = 0; i < in.length; i++)
			scaled[i] = in[i] / 255f;
		FloatPlane out = upscaler.upscale(new FloatPlane(scaled, lowResY.width(), lowResY
			.height()));
		int s = upscaler.scale();
		if (out.width() != lowResY.width() * s || out.height() != lowResY.height() * s)
			throw new IllegalStateException("The model returned " + out.width() + "x" + out
				.height() + " for a " + lowResY.width() + "x" + lowResY.height() + " input at x" + s);
		float[] o = out.data();
		float[] up = new float[o.length];
		for (int i = 0; i < o.length; i++)
			up[i] = o[i] * 255f;
		return Quantize.toUnsignedByteRange(new FloatPlane(up, out.width(), out.height()));
	}

	/** Each plane cropped to the largest multiple of {@code scale} (top-left kept). */
	public static FloatPlane[] modCrop(FloatPlane[] planes, int scale) {
		checkPlanes(planes);
		if (scale < 1) throw new IllegalArgumentException("Scale must be >= 1, got " + scale);
		return Arrays.stream(planes).map(p -> p.modCrop(scale)).toArray(FloatPlane[]::new);
	}

	/**
	 * The low-resolution image of the protocol: each plane mod-cropped, shrunk by MATLAB-style
	 * bicubic and rounded/clamped to 8 bits (values 0-255).
	 */
	public static FloatPlane[] lowRes(FloatPlane[] highRes, int scale) {
		FloatPlane[] hr = modCrop(highRes, scale);
		FloatPlane[] lr = new FloatPlane[hr.length];
		for (int c = 0; c < hr.length; c++)
			lr[c] = Quantize.toUnsignedByteRange(MatlabResize.downscale(hr[c], scale));
		return lr;
	}

	/**
	 * The plane the protocol compares: BT.601 Y ({@link YCbCr#lumaOf}) of R, G, B planes, or the
	 * plane itself (not copied) for grey.
	 */
	public static FloatPlane luma(FloatPlane[] planes) {
		checkPlanes(planes);
		return planes.length == 1 ? planes[0] : YCbCr.lumaOf(planes[0], planes[1], planes[2]);
	}

	private static void checkPlanes(FloatPlane[] planes) {
		if (planes == null || planes.length != 1 && planes.length != 3)
			throw new IllegalArgumentException("Expected 1 (grey) or 3 (R, G, B) planes, got " +
				(planes == null ? 0 : planes.length));
		for (FloatPlane p : planes)
			if (p.width() != planes[0].width() || p.height() != planes[0].height())
				throw new IllegalArgumentException("Colour planes differ in size: " + planes[0]
					.width() + "x" + planes[0].height() + " and " + p.width() + "x" + p.height());
	}
}
