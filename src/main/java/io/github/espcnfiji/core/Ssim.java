package io.github.espcnfiji.core;

/**
 * Structural similarity (SSIM) as reported in super-resolution papers: the reference
 * {@code ssim_index} of Wang et al. (2004). An 11x11 Gaussian window with sigma 1.5
 * (normalised to sum 1), K1 = 0.01, K2 = 0.03, dynamic range L = 255, 'valid' filtering (no
 * padding, no downsampling) and the mean of the SSIM map.
 * <pre>{@code
 * double ssim = Ssim.of(hrY, srY, scale); // planes on 0-255, border of scale pixels cropped
 * }</pre>
 */
public final class Ssim {

	/** Side of the Gaussian window. */
	public static final int WINDOW = 11;
	private static final double SIGMA = 1.5;
	private static final double L = 255;
	private static final double C1 = (0.01 * L) * (0.01 * L);
	private static final double C2 = (0.03 * L) * (0.03 * L);
	/** The 1D factor of the separable window; its outer product is the normalised 2D window. */
	private static final double[] KERNEL = gaussian();

	private Ssim() {}

	/**
	 * Mean SSIM between two planes on the 0-255 scale after cropping {@code border} pixels on
	 * every side; 1 for identical planes.
	 *
	 * @throws IllegalArgumentException if the planes differ in size or the cropped planes are
	 *           smaller than the 11x11 window
	 */
	public static double of(FloatPlane reference, FloatPlane test, int border) {
		if (reference.width() != test.width() || reference.height() != test.height())
			throw new IllegalArgumentException("Reference is " + reference.width() + "x" +
				reference.height() + " but test is " + test.width() + "x" + test.height());
		if (border < 0) throw new IllegalArgumentException("Border must be >= 0, got " + border);
		int w = reference.width() - 2 * border, h = reference.height() - 2 * border;
		if (w < WINDOW || h < WINDOW)
			throw new IllegalArgumentException("SSIM needs at least " + WINDOW + "x" + WINDOW +
				" pixels after cropping a border of " + border + "; the image is " + reference
					.width() + "x" + reference.height());
		int stride = reference.width(), n = w * h;
		double[] a = new double[n], b = new double[n];
		float[] ra = reference.data(), tb = test.data();
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int src = (y + border) * stride + x + border;
				a[y * w + x] = ra[src];
				b[y * w + x] = tb[src];
			}
		double[] aa = new double[n], bb = new double[n], ab = new double[n];
		for (int i = 0; i < n; i++) {
			aa[i] = a[i] * a[i];
			bb[i] = b[i] * b[i];
			ab[i] = a[i] * b[i];
		}
		double[] mu1 = filterValid(a, w, h), mu2 = filterValid(b, w, h);
		double[] s11 = filterValid(aa, w, h), s22 = filterValid(bb, w, h), s12 = filterValid(ab,
			w, h);
		double sum = 0;
		for (int i = 0; i < mu1.length; i++) {
			double m1 = mu1[i], m2 = mu2[i], m12 = m1 * m2, m11 = m1 * m1, mm22 = m2 * m2;
			double var1 = s11[i] - m11, var2 = s22[i] - mm22, cov = s12[i] - m12;
			sum += ((2 * m12 + C1) * (2 * cov + C2)) / ((m11 + mm22 + C1) * (var1 + var2 + C2));
		}
		return sum / mu1.length;
	}

	/** Separable 'valid' correlation with the window: (w-10) x (h-10) out. */
	private static double[] filterValid(double[] in, int w, int h) {
		int ow = w - WINDOW + 1, oh = h - WINDOW + 1;
		double[] rows = new double[ow * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < ow; x++) {
				double s = 0;
				int base = y * w + x;
				for (int k = 0; k < WINDOW; k++)
					s += KERNEL[k] * in[base + k];
				rows[y * ow + x] = s;
			}
		double[] out = new double[ow * oh];
		for (int y = 0; y < oh; y++)
			for (int x = 0; x < ow; x++) {
				double s = 0;
				for (int k = 0; k < WINDOW; k++)
					s += KERNEL[k] * rows[(y + k) * ow + x];
				out[y * ow + x] = s;
			}
		return out;
	}

	private static double[] gaussian() {
		double[] g = new double[WINDOW];
		double sum = 0;
		int half = WINDOW / 2;
		for (int i = 0; i < WINDOW; i++) {
			double d = i - half;
			g[i] = Math.exp(-d * d / (2 * SIGMA * SIGMA));
			sum += g[i];
		}
		for (int i = 0; i < WINDOW; i++)
			g[i] /= sum;
		return g;
	}
}
