package io.github.espcnfiji.core;

/**
 * ITU-R BT.601 colour conversion on the 0-255 scale, exactly as MATLAB's {@code rgb2ycbcr}:
 * Y = 16 + (65.481 R + 128.553 G + 24.966 B) / 255. (The reference PyTorch code's red weight
 * 64.738 / 256 is a typo of 65.738 / 256; it shifts PSNR by about 0.04 dB.) The inverse is the
 * exact inverse matrix, so a round trip returns the input up to float rounding.
 */
public final class YCbCr {

	private static final double[][] FORWARD = {
		{ 65.481 / 255, 128.553 / 255, 24.966 / 255 },
		{ -37.797 / 255, -74.203 / 255, 112.0 / 255 },
		{ 112.0 / 255, -93.786 / 255, -18.214 / 255 } };
	private static final double[] OFFSET = { 16, 128, 128 };
	private static final double[][] INVERSE = invert(FORWARD);

	private YCbCr() {}

	/** A copy of the RGB to YCbCr matrix (rows Y, Cb, Cr; columns R, G, B on 0-255). */
	public static double[][] forwardMatrix() {
		return copy(FORWARD);
	}

	/** A copy of the YCbCr to RGB matrix, the exact inverse of {@link #forwardMatrix()}. */
	public static double[][] inverseMatrix() {
		return copy(INVERSE);
	}

	/** A copy of the offsets added to Y, Cb, Cr after the matrix: 16, 128, 128. */
	public static double[] offsets() {
		return OFFSET.clone();
	}

	private static double[][] copy(double[][] m) {
		double[][] c = new double[m.length][];
		for (int i = 0; i < m.length; i++)
			c[i] = m[i].clone();
		return c;
	}

	/** The luma of one RGB sample (0-255 scale). */
	public static double luma(double r, double g, double b) {
		return 16.0 + (65.481 * r + 128.553 * g + 24.966 * b) / 255.0;
	}

	/** Converts planes R, G, B (0-255) to Y, Cb, Cr (Y in [16, 235]). */
	public static FloatPlane[] fromRgb(FloatPlane r, FloatPlane g, FloatPlane b) {
		return apply(FORWARD, OFFSET, false, r, g, b);
	}

	/** Converts Y, Cb, Cr planes back to R, G, B on the 0-255 scale (not clamped). */
	public static FloatPlane[] toRgb(FloatPlane y, FloatPlane cb, FloatPlane cr) {
		return apply(INVERSE, OFFSET, true, y, cb, cr);
	}

	/**
	 * Y, Cb and Cr of packed RGB pixels (alpha ignored) of a {@code width x height} plane: what
	 * {@link #fromRgb} gives for their R, G and B planes.
	 */
	public static FloatPlane[] fromPackedRgb(int[] argb, int width, int height) {
		float[][] out = new float[3][argb.length];
		fromPackedRgb(argb, argb.length, out[0], out[1], out[2]);
		return new FloatPlane[] { new FloatPlane(out[0], width, height), new FloatPlane(out[1], width,
			height), new FloatPlane(out[2], width, height) };
	}

	/**
	 * As {@link #fromPackedRgb(int[], int, int)} for the first {@code n} pixels, into the first
	 * {@code n} elements of {@code y}, {@code cb} and {@code cr}.
	 */
	static void fromPackedRgb(int[] argb, int n, float[] y, float[] cb, float[] cr) {
		for (int i = 0; i < n; i++) {
			double r = (argb[i] >> 16) & 0xff, g = (argb[i] >> 8) & 0xff, b = argb[i] & 0xff;
			y[i] = (float) (Y_R * r + Y_G * g + Y_B * b + OFFSET_Y);
			cb[i] = (float) (CB_R * r + CB_G * g + CB_B * b + OFFSET_C);
			cr[i] = (float) (CR_R * r + CR_G * g + CR_B * b + OFFSET_C);
		}
	}

	/** The forward matrix's entries and the offsets as constants, for the per-pixel path. */
	private static final double Y_R = FORWARD[0][0], Y_G = FORWARD[0][1], Y_B = FORWARD[0][2],
			CB_R = FORWARD[1][0], CB_G = FORWARD[1][1], CB_B = FORWARD[1][2], CR_R = FORWARD[2][0],
			CR_G = FORWARD[2][1], CR_B = FORWARD[2][2], OFFSET_Y = OFFSET[0], OFFSET_C = OFFSET[1];

	/**
	 * The opaque packed RGB pixel of Y, Cb, Cr: {@link #toRgb}'s values, each rounded half up
	 * and clamped to 0-255.
	 */
	public static int toPackedRgb(float y, float cb, float cr) {
		double x0 = y - 16.0, x1 = cb - 128.0, x2 = cr - 128.0;
		return 0xff000000 | toByte(R_Y * x0 + R_CB * x1 + R_CR * x2) << 16 | toByte(G_Y * x0 + G_CB *
			x1 + G_CR * x2) << 8 | toByte(B_Y * x0 + B_CB * x1 + B_CR * x2);
	}

	/** The inverse matrix's entries as constants, for the per-pixel path. */
	private static final double R_Y = INVERSE[0][0], R_CB = INVERSE[0][1], R_CR = INVERSE[0][2],
			G_Y = INVERSE[1][0], G_CB = INVERSE[1][1], G_CR = INVERSE[1][2], B_Y = INVERSE[2][0],
			B_CB = INVERSE[2][1], B_CR = INVERSE[2][2];

	/**
	 * {@code Quantize.roundClamp((float) v, 0, 255)} without branches: below 0 (and NaN) the
	 * truncation gives 0 or less, from 255 on 255 or more, and between them truncating
	 * {@code f + 0.5f} is the floor that roundClamp takes.
	 */
	private static int toByte(double v) {
		return Math.min(255, Math.max(0, (int) ((float) v + 0.5f)));
	}

	/** One row of a conversion matrix times (x0, x1, x2), summed left to right. */
	private static double row(double[] m, double x0, double x1, double x2) {
		return m[0] * x0 + m[1] * x1 + m[2] * x2;
	}

	/** The luma plane of an RGB image (0-255). */
	public static FloatPlane lumaOf(FloatPlane r, FloatPlane g, FloatPlane b) {
		float[] out = new float[r.data().length];
		float[] rd = r.data(), gd = g.data(), bd = b.data();
		for (int i = 0; i < out.length; i++)
			out[i] = (float) luma(rd[i], gd[i], bd[i]);
		return new FloatPlane(out, r.width(), r.height());
	}

	private static FloatPlane[] apply(double[][] m, double[] offset, boolean offsetFirst,
		FloatPlane a, FloatPlane b, FloatPlane c)
	{
		int n = a.data().length;
		if (b.data().length != n || c.data().length != n)
			throw new IllegalArgumentException("Colour planes differ in size");
		float[][] out = new float[3][n];
		float[] ad = a.data(), bd = b.data(), cd = c.data();
		for (int i = 0; i < n; i++) {
			double x0 = ad[i], x1 = bd[i], x2 = cd[i];
			if (offsetFirst) {
				x0 -= offset[0];
				x1 -= offset[1];
				x2 -= offset[2];
			}
			for (int k = 0; k < 3; k++) {
				double v = row(m[k], x0, x1, x2);
				out[k][i] = (float) (offsetFirst ? v : v + offset[k]);
			}
		}
		return new FloatPlane[] { new FloatPlane(out[0], a.width(), a.height()),
			new FloatPlane(out[1], a.width(), a.height()), new FloatPlane(out[2], a.width(), a
				.height()) };
	}

	private static double[][] invert(double[][] m) {
		double a = m[0][0], b = m[0][1], c = m[0][2];
		double d = m[1][0], e = m[1][1], f = m[1][2];
		double g = m[2][0], h = m[2][1], i = m[2][2];
		double det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
		return new double[][] {
			{ (e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det },
			{ (f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det },
			{ (d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det } };
	}
}
