package io.github.espcnfiji.command;

import io.github.espcnfiji.core.EvaluationProtocol;
import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.Psnr;
import io.github.espcnfiji.core.Ssim;

import java.util.Arrays;
import java.util.List;

import net.imglib2.RandomAccessibleInterval;

/**
 * PSNR (dB) and SSIM between a reference image and a test image, plane by plane, as the
 * super-resolution papers measure them: on the luma (BT.601 Y for RGB, the plane itself for
 * gray) on the 0-255 scale (see {@link ByteScalePlanes}), with a border of {@code scale} pixels
 * cropped on every side.
 * <p>
 * The images may differ in width and height by less than {@code scale} pixels, as a
 * super-resolved image and a high-resolution image that is not a multiple of the scale do
 * (mod-crop); then the common top-left region is compared.
 * <pre>{@code
 * ImageComparison c = ImageComparison.of(groundTruth, superResolved, 3);
 * double db = c.meanPsnr();
 * }</pre>
 */
public final class ImageComparison {

	private final double[] psnr;
	private final double[] ssim;

	private ImageComparison(double[] psnr, double[] ssim) {
		this.psnr = psnr;
		this.ssim = ssim;
	}

	/**
	 * @throws IllegalArgumentException if the images have different numbers of planes, sizes
	 *           that differ by {@code scale} or more, or are too small for the border and SSIM's
	 *           11x11 window
	 */
	public static ImageComparison of(RandomAccessibleInterval<?> reference,
		RandomAccessibleInterval<?> test, int scale)
	{
		return of(ByteScalePlanes.of(reference), ByteScalePlanes.of(test), scale);
	}

	/** As {@link #of(RandomAccessibleInterval, RandomAccessibleInterval, int)} for planes. */
	public static ImageComparison of(List<FloatPlane[]> reference, List<FloatPlane[]> test,
		int scale)
	{
		if (scale < 1) throw new IllegalArgumentException("Scale must be at least 1, got " + scale);
		if (reference.size() != test.size()) throw new IllegalArgumentException(
			"The reference has " + reference.size() + " plane(s) but the test image has " + test
				.size());
		if (reference.isEmpty()) throw new IllegalArgumentException("The images have no planes");
		double[] psnr = new double[reference.size()], ssim = new double[reference.size()];
		for (int p = 0; p < psnr.length; p++) {
			FloatPlane ref = EvaluationProtocol.luma(reference.get(p));
			FloatPlane tst = EvaluationProtocol.luma(test.get(p));
			int w = Math.min(ref.width(), tst.width()), h = Math.min(ref.height(), tst.height());
			if (Math.abs(ref.width() - tst.width()) >= scale || Math.abs(ref.height() - tst
				.height()) >= scale) throw new IllegalArgumentException("The reference is " + ref
					.width() + "x" + ref.height() + " but the test image is " + tst.width() + "x" + tst
						.height() + "; they must be the same size (up to the mod-crop to a multiple of " +
						scale + ")");
			ref = ref.crop(0, 0, w, h);
			tst = tst.crop(0, 0, w, h);
			psnr[p] = Psnr.of(ref, tst, scale);
			ssim[p] = Ssim.of(ref, tst, scale);
		}
		return new ImageComparison(psnr, ssim);
	}

	public int planes() {
		return psnr.length;
	}

	/** PSNR in dB of plane {@code p} (0-based); infinite for identical planes. */
	public double psnr(int p) {
		return psnr[p];
	}

	public double ssim(int p) {
		return ssim[p];
	}

	/** The mean of the planes' PSNR (dB). */
	public double meanPsnr() {
		return Arrays.stream(psnr).average().getAsDouble();
	}

	public double meanSsim() {
		return Arrays.stream(ssim).average().getAsDouble();
	}
}
