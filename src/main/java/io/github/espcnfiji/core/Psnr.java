package io.github.espcnfiji.core;

/**
 * Peak signal-to-noise ratio between two planes on the 0-255 scale, with a border of
 * {@code border} pixels cropped on every side (the protocol crops {@code scale} pixels).
 */
public final class Psnr {

	private Psnr() {}

	/** PSNR in dB for peak 255; infinite when the planes are equal. */
	public static double of(FloatPlane reference, FloatPlane test, int border) {
		return fromMse(meanSquaredError(reference, test, border), 255.0);
	}

	public static double meanSquaredError(FloatPlane reference, FloatPlane test, int border) {
		if (reference.width() != test.width() || reference.height() != test.height())
			throw new IllegalArgumentException("Reference is " + reference.width() + "x" +
				reference.height() + " but test is " + test.width() + "x" + test.height());
		int w = reference.width(), h = reference.height();
		if (2 * border >= w || 2 * border >= h)
			throw new IllegalArgumentException("Border of " + border + " leaves nothing of a " + w +
				"x" + h + " image");
		double sum = 0;
		float[] a = reference.data(), b = test.data();
		for (int y = border; y < h - border; y++)
			for (int x = border; x < w - border; x++) {
				double d = (double) a[y * w + x] - b[y * w + x];
				sum += d * d;
			}
		return sum / ((double) (w - 2 * border) * (h - 2 * border));
	}

	public static double fromMse(double mse, double peak) {
		return 10 * Math.log10(peak * peak / mse);
	}
}
