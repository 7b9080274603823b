package io.github.espcnfiji.bioimageio.export;

import io.github.espcnfiji.core.EvaluationProtocol;
import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.MatlabResize;
import io.github.espcnfiji.core.PlaneUpscaler;
import io.github.espcnfiji.core.Quantize;
import io.github.espcnfiji.core.Tensor;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/**
 * A package's test tensors and cover, made from the bundled sample image (Set5 butterfly, 256x256
 * RGB) as the paper's protocol makes a low-resolution input: mod-crop to the scale, MATLAB-style
 * bicubic down by the scale, 8 bits.
 */
final class SampleTensors {

	static final String RESOURCE = "/sample/butterfly.png";

	private final FloatPlane[] lowRes;
	private final PlaneUpscaler network;

	SampleTensors(PlaneUpscaler network) throws IOException {
		this.network = network;
		FloatPlane[] hr = EvaluationProtocol.modCrop(readSample(), network.scale());
		this.lowRes = EvaluationProtocol.lowRes(hr, network.scale());
	}

	/** The luma package's input: (1, 1, y, x) BT.601 Y of the low-resolution image, 0-255. */
	Tensor lumaInput() {
		return stack(EvaluationProtocol.luma(lowRes));
	}

	/**
	 * The luma package's output for {@link #lumaInput()}, after its postprocessing: the network's
	 * output for Y / 255, times 255, clipped to [0, 255].
	 */
	Tensor lumaOutput() {
		FloatPlane y = EvaluationProtocol.luma(lowRes);
		float[] in = y.data().clone();
		for (int i = 0; i < in.length; i++)
			in[i] /= 255f;
		FloatPlane out = network.upscale(new FloatPlane(in, y.width(), y.height()));
		float[] d = out.data();
		for (int i = 0; i < d.length; i++)
			d[i] = Math.min(255f, Math.max(0f, d[i] * 255f));
		return stack(out);
	}

	/** The RGB package's input: (1, 3, y, x) R, G, B of the low-resolution image, 0-255. */
	Tensor rgbInput() {
		return stack(lowRes);
	}

	/** The RGB package's output for {@link #rgbInput()}, see {@link RgbReference}. */
	Tensor rgbOutput() {
		return stack(RgbReference.upscale(lowRes, network));
	}

	/**
	 * The cover: bicubic (left) beside ESPCN (right), both from the low-resolution sample, as a
	 * PNG twice as wide as high.
	 */
	byte[] coverPng() {
		int r = network.scale();
		FloatPlane[] bicubic = new FloatPlane[3];
		for (int c = 0; c < 3; c++)
			bicubic[c] = MatlabResize.upscale(lowRes[c], r);
		FloatPlane[] espcn = RgbReference.upscale(lowRes, network);
		int w = espcn[0].width(), h = espcn[0].height();
		BufferedImage img = new BufferedImage(2 * w, h, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				img.setRGB(x, y, packed(bicubic, x, y));
				img.setRGB(w + x, y, packed(espcn, x, y));
			}
		for (int y = 0; y < h; y++)
			img.setRGB(w, y, 0xffffff); // a white line between the halves
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(img, "png", out);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e); // in memory: does not happen
		}
		return out.toByteArray();
	}

	private static int packed(FloatPlane[] rgb, int x, int y) {
		int v = 0;
		for (FloatPlane p : rgb)
			v = v << 8 | (int) Quantize.roundClamp(p.get(x, y), 0, 255);
		return v;
	}

	/** Planes of one size as a (1, planes, y, x) array. */
	static Tensor stack(FloatPlane... planes) {
		int w = planes[0].width(), h = planes[0].height(), n = w * h;
		float[] d = new float[planes.length * n];
		for (int c = 0; c < planes.length; c++)
			System.arraycopy(planes[c].data(), 0, d, c * n, n);
		return new Tensor(new long[] { 1, planes.length, h, w }, d);
	}

	private static FloatPlane[] readSample() throws IOException {
		BufferedImage img;
		try (InputStream in = SampleTensors.class.getResourceAsStream(RESOURCE)) {
			if (in == null) throw new IOException("The sample image " + RESOURCE +
				" is missing from the plugin jar; rebuild or reinstall it");
			img = ImageIO.read(in);
		}
		int w = img.getWidth(), h = img.getHeight();
		float[][] rgb = new float[3][w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int p = img.getRGB(x, y);
				rgb[0][y * w + x] = (p >> 16) & 0xff;
				rgb[1][y * w + x] = (p >> 8) & 0xff;
				rgb[2][y * w + x] = p & 0xff;
			}
		return new FloatPlane[] { new FloatPlane(rgb[0], w, h), new FloatPlane(rgb[1], w, h),
			new FloatPlane(rgb[2], w, h) };
	}
}
