package io.github.espcnfiji.core;

/**
 * Bicubic resizing that matches MATLAB's {@code imresize(I, scale, 'bicubic')}: Keys' cubic
 * kernel with a = -0.5, antialiasing (a widened kernel) when shrinking, and symmetric
 * (half-sample mirror) borders. This is the resizer of the super-resolution evaluation
 * protocol: low-resolution inputs are made with {@link #downscale}, bicubic baselines and chroma
 * with {@link #upscale}.
 * <p>
 * Arithmetic is in double precision; the result is not rounded or clamped, so callers that need
 * 8-bit images (as the protocol does) quantise with {@link Quantize#toUnsignedByteRange}.
 * <pre>{@code
 * FloatPlane lr = MatlabResize.downscale(hr, 3); // hr mod-cropped to a multiple of 3
 * FloatPlane bicubic = MatlabResize.upscale(lr, 3);
 * }</pre>
 */
public final class MatlabResize {

	/**
	 * How far, in input pixels, the input that an enlarged pixel depends on reaches beyond the
	 * input pixel it lies in: the cubic kernel's radius. Enlarging a crop that extends this far
	 * beyond a region (or to the image's edge) gives the region exactly what enlarging the whole
	 * plane gives it.
	 */
	public static final int UPSCALE_SUPPORT = 2;

	private MatlabResize() {}

	/** Shrinks by an integer factor; the plane's sides must be multiples of {@code factor}. */
	public static FloatPlane downscale(FloatPlane in, int factor) {
		checkFactor(factor);
		if (in.width() % factor != 0 || in.height() % factor != 0)
			throw new IllegalArgumentException("Image of " + in.width() + "x" + in.height() +
				" is not a multiple of the scale " + factor + "; mod-crop it first");
		return resize(in, in.width() / factor, in.height() / factor, 1.0 / factor, 1.0 / factor);
	}

	/** Enlarges by an integer factor. */
	public static FloatPlane upscale(FloatPlane in, int factor) {
		checkFactor(factor);
		return resize(in, in.width() * factor, in.height() * factor, factor, factor);
	}

	/**
	 * The window {@code (x, y, w, h)} of {@link #upscale upscale(in, factor)}, computed alone:
	 * bit for bit what {@code upscale(in, factor).crop(x, y, w, h)} holds, for the work and
	 * memory of the window (the tiles of an RGB image need only their centre's chroma).
	 *
	 * @throws IllegalArgumentException when the window is empty or leaves the enlarged plane
	 */
	public static FloatPlane upscaleWindow(FloatPlane in, int factor, int x, int y, int w, int h) {
		checkFactor(factor);
		int inW = in.width(), inH = in.height();
		if (x < 0 || y < 0 || w < 1 || h < 1 || x + w > (long) inW * factor || y + h > (long) inH *
			factor) throw new IllegalArgumentException("Window " + w + "x" + h + "+" + x + "+" + y +
				" is outside the " + inW * factor + "x" + inH * factor + " enlargement");
		// as resize(): rows first (equal factors), the same sums in the same order
		Contributions rows = Contributions.of(inH, inH * factor, factor);
		Contributions columns = Contributions.of(inW, inW * factor, factor);
		float[] src = in.data();
		double[] mid = new double[inW * h];
		for (int o = 0; o < h; o++) {
			int base = o * inW, first = (y + o) * rows.taps;
			for (int k = 0; k < rows.taps; k++) {
				double wt = rows.weights[first + k];
				if (wt == 0) continue;
				int row = rows.indices[first + k] * inW;
				for (int c = 0; c < inW; c++)
					mid[base + c] += wt * src[row + c];
			}
		}
		// the columns' taps without their zero weights (adding 0 x v adds exactly 0); where the
		// four left are neighbours in order (all but mirrored edges), one fused expression that
		// sums in the same order
		int[] firstIndex = new int[w];
		double[][] tapWeights = new double[w][];
		int[][] tapIndices = new int[w][];
		for (int o = 0; o < w; o++) {
			int first = (x + o) * columns.taps, n = 0;
			for (int k = 0; k < columns.taps; k++)
				if (columns.weights[first + k] != 0) n++;
			tapWeights[o] = new double[n];
			tapIndices[o] = new int[n];
			for (int k = 0, j = 0; k < columns.taps; k++)
				if (columns.weights[first + k] != 0) {
					tapWeights[o][j] = columns.weights[first + k];
					tapIndices[o][j++] = columns.indices[first + k];
				}
			boolean neighbours = n == 4;
			for (int j = 1; j < n && neighbours; j++)
				neighbours = tapIndices[o][j] == tapIndices[o][0] + j;
			firstIndex[o] = neighbours ? tapIndices[o][0] : -1;
		}
		float[] out = new float[w * h];
		for (int r = 0; r < h; r++) {
			int row = r * inW;
			for (int o = 0; o < w; o++) {
				double[] wt = tapWeights[o];
				double sum;
				if (firstIndex[o] >= 0) {
					int i = row + firstIndex[o];
					sum = wt[0] * mid[i] + wt[1] * mid[i + 1] + wt[2] * mid[i + 2] + wt[3] * mid[i + 3];
				}
				else {
					sum = 0;
					int[] idx = tapIndices[o];
					for (int k = 0; k < wt.length; k++)
						sum += wt[k] * mid[row + idx[k]];
				}
				out[r * w + o] = (float) sum;
			}
		}
		return new FloatPlane(out, w, h);
	}

	/** Resizes to the given size, with the scale of each axis taken as out / in, as MATLAB does. */
	public static FloatPlane resize(FloatPlane in, int outWidth, int outHeight) {
		return resize(in, outWidth, outHeight, (double) outWidth / in.width(),
			(double) outHeight / in.height());
	}

	private static FloatPlane resize(FloatPlane in, int outWidth, int outHeight, double scaleX,
		double scaleY)
	{
		if (outWidth < 1 || outHeight < 1)
			throw new IllegalArgumentException("Output size " + outWidth + "x" + outHeight +
				" is empty");
		double[] data = new double[in.width() * in.height()];
		float[] src = in.data();
		for (int i = 0; i < data.length; i++) data[i] = src[i];
		int w = in.width(), h = in.height();
		// MATLAB resizes the dimension with the smaller scale factor first (rows on a tie).
		if (scaleY <= scaleX) {
			data = resizeRows(data, w, h, outHeight, scaleY);
			data = resizeColumns(data, w, outHeight, outWidth, scaleX);
		}
		else {
			data = resizeColumns(data, w, h, outWidth, scaleX);
			data = resizeRows(data, outWidth, h, outHeight, scaleY);
		}
		float[] out = new float[outWidth * outHeight];
		for (int i = 0; i < out.length; i++) out[i] = (float) data[i];
		return new FloatPlane(out, outWidth, outHeight);
	}

	/** Resizes along y: {@code h} rows of width {@code w} become {@code outH} rows. */
	private static double[] resizeRows(double[] in, int w, int h, int outH, double scale) {
		Contributions c = Contributions.of(h, outH, scale);
		double[] out = new double[w * outH];
		for (int o = 0; o < outH; o++) {
			int base = o * w;
			for (int k = 0; k < c.taps; k++) {
				double wt = c.weights[o * c.taps + k];
				if (wt == 0) continue;
				int row = c.indices[o * c.taps + k] * w;
				for (int x = 0; x < w; x++)
					out[base + x] += wt * in[row + x];
			}
		}
		return out;
	}

	/** Resizes along x: rows of width {@code w} become rows of width {@code outW}. */
	private static double[] resizeColumns(double[] in, int w, int h, int outW, double scale) {
		Contributions c = Contributions.of(w, outW, scale);
		double[] out = new double[outW * h];
		for (int y = 0; y < h; y++) {
			int row = y * w, base = y * outW;
			for (int o = 0; o < outW; o++) {
				double sum = 0;
				for (int k = 0; k < c.taps; k++)
					sum += c.weights[o * c.taps + k] * in[row + c.indices[o * c.taps + k]];
				out[base + o] = sum;
			}
		}
		return out;
	}

	private static void checkFactor(int factor) {
		if (factor < 1) throw new IllegalArgumentException("Scale factor must be >= 1, got " +
			factor);
	}

	/** Keys' cubic convolution kernel, a = -0.5. */
	static double cubic(double x) {
		double ax = Math.abs(x), ax2 = ax * ax, ax3 = ax2 * ax;
		if (ax <= 1) return 1.5 * ax3 - 2.5 * ax2 + 1;
		if (ax <= 2) return -0.5 * ax3 + 2.5 * ax2 - 4 * ax + 2;
		return 0;
	}

	/** For each output sample, the input samples that contribute to it and their weights. */
	static final class Contributions {

		final int taps;
		final double[] weights;
		final int[] indices;

		private Contributions(int taps, double[] weights, int[] indices) {
			this.taps = taps;
			this.weights = weights;
			this.indices = indices;
		}

		static Contributions of(int inLength, int outLength, double scale) {
			double kernelWidth = 4.0;
			boolean antialias = scale < 1;
			if (antialias) kernelWidth /= scale;
			int taps = (int) Math.ceil(kernelWidth) + 2;
			double[] weights = new double[outLength * taps];
			int[] indices = new int[outLength * taps];
			for (int o = 0; o < outLength; o++) {
				double x = o + 1; // MATLAB is 1-based
				double u = x / scale + 0.5 * (1 - 1 / scale);
				double left = Math.floor(u - kernelWidth / 2);
				double sum = 0;
				for (int k = 0; k < taps; k++) {
					double index = left + k;
					double dist = u - index;
					double wt = antialias ? scale * cubic(dist * scale) : cubic(dist);
					weights[o * taps + k] = wt;
					indices[o * taps + k] = mirror((long) index - 1, inLength);
					sum += wt;
				}
				for (int k = 0; k < taps; k++)
					weights[o * taps + k] /= sum;
			}
			return new Contributions(taps, weights, indices);
		}

		/** Symmetric padding: ... 1 0 | 0 1 2 ... n-1 | n-1 n-2 ... */
		private static int mirror(long i, int n) {
			long period = 2L * n;
			long m = Math.floorMod(i, period);
			return (int) (m < n ? m : period - 1 - m);
		}
	}
}
