package io.github.espcnfiji.core;

import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.ARGBType;

/**
 * The tiles of one RGB image for {@link SuperResolver#upscaleRgb}: a tile's context converted
 * to YCbCr, Y / 255 through the network, and then, one output row at a time, Cb and Cr enlarged
 * by MATLAB's bicubic ({@link BicubicTaps}: the row's four input rows, then four columns per
 * output pixel, in double) and converted back to packed RGB with the network's luma
 * ({@link YCbCr#toPackedRgb}). The pixels are bit for bit those of the plain steps
 * ({@link YCbCr#fromPackedRgb(int[], int, int)}, {@link MatlabResize#upscaleWindow},
 * {@link YCbCr#toPackedRgb} pixel by pixel); what differs is that no enlarged chroma plane, no
 * packed array and no upscaled plane per tile are made.
 * <p>
 * The arrays a tile needs are kept, per context size, for the next tile of that size: tiles
 * of one image allocate only as many sets as run at the same time. One instance serves one
 * image; its tiles may run on several threads at once.
 */
final class RgbTiles {

	private final PlaneUpscaler upscaler;
	private final int scale;
	private final ConcurrentHashMap<Long, Queue<Scratch>> idle = new ConcurrentHashMap<>();

	RgbTiles(PlaneUpscaler upscaler) {
		this.upscaler = upscaler;
		this.scale = upscaler.scale();
	}

	/**
	 * Super-resolves {@code tile} of plane {@code plane} of {@code in} into its place in
	 * {@code out} (the image {@code scale} times larger, backed by int arrays, as
	 * {@link SuperResolver} makes it), writing the output's pixels straight into its array.
	 *
	 * @throws IllegalArgumentException when {@code out} is not backed by int arrays
	 */
	void upscale(RandomAccessibleInterval<ARGBType> in, long plane, Tile tile,
		RandomAccessibleInterval<ARGBType> out)
	{
		if (Planes.argbArray(out, plane) == null) throw new IllegalArgumentException(
			"The RGB output must be an ArrayImg or PlanarImg of int arrays");
		int w = tile.contextWidth(), h = tile.contextHeight(), s = scale, n = w * h;
		Scratch sc = take(w, h);
		Planes.readArgb(in, plane, tile.contextX(), tile.contextY(), w, h, sc.argb);
		float[] y = sc.lowRes.data();
		YCbCr.fromPackedRgb(sc.argb, n, y, sc.cb, sc.cr);
		for (int i = 0; i < n; i++)
			y[i] /= 255f;
		Tile local = tile.inContext();
		upscaler.upscaleTile(sc.lowRes, local, sc.up);
		int x0 = local.x0() * s, y0 = local.y0() * s, cw = tile.width() * s, ch = tile.height() * s;
		BicubicTaps rows = BicubicTaps.of(h, s), columns = BicubicTaps.of(w, s);
		int[] pixels = Planes.argbArray(out, plane);
		int stride = (int) out.dimension(0);
		pack(sc, w, rows, columns, x0, y0, cw, ch, pixels, Planes.argbOffset(out, plane) + tile.y0() *
			s * stride + tile.x0() * s, stride);
		idle.get(key(w, h)).add(sc);
	}

	/**
	 * The window {@code (x0, y0, cw, ch)} of the enlarged context as packed RGB, into
	 * {@code packed} from {@code offset} on, rows {@code stride} apart: per output row, Cb and Cr
	 * of the context's columns from the row's four input rows, then per output pixel from four of
	 * those columns.
	 */
	private static void pack(Scratch sc, int w, BicubicTaps rows, BicubicTaps columns, int x0,
		int y0, int cw, int ch, int[] packed, int offset, int stride)
	{
		int[] ri = rows.indices(), ci = columns.indices();
		double[] rw = rows.weights(), cwt = columns.weights(), mb = sc.midCb, mr = sc.midCr;
		float[] cb = sc.cb, cr = sc.cr, luma = sc.up.data();
		int lumaStride = sc.up.width(), first = w, last = -1;
		for (int t = x0 * BicubicTaps.TAPS; t < (x0 + cw) * BicubicTaps.TAPS; t++) {
			first = Math.min(first, ci[t]);
			last = Math.max(last, ci[t]);
		}
		// output columns [start, end) take four neighbouring columns; the rest (at the edges) any
		int start = Math.min(Math.max(x0, columns.neighboursFrom()), x0 + cw);
		int end = Math.max(start, Math.min(x0 + cw, columns.neighboursTo()));
		for (int r = 0; r < ch; r++) {
			int t = (y0 + r) * BicubicTaps.TAPS;
			int a0 = ri[t] * w, a1 = ri[t + 1] * w, a2 = ri[t + 2] * w, a3 = ri[t + 3] * w;
			double v0 = rw[t], v1 = rw[t + 1], v2 = rw[t + 2], v3 = rw[t + 3];
			for (int c = first; c <= last; c++) {
				mb[c] = v0 * cb[a0 + c] + v1 * cb[a1 + c] + v2 * cb[a2 + c] + v3 * cb[a3 + c];
				mr[c] = v0 * cr[a0 + c] + v1 * cr[a1 + c] + v2 * cr[a2 + c] + v3 * cr[a3 + c];
			}
			int from = (y0 + r) * lumaStride, to = offset + r * stride - x0;
			for (int o = x0; o < start; o++)
				packed[to + o] = edge(ci, cwt, o, mb, mr, luma[from + o]);
			for (int o = start; o < end; o++) {
				int u = o * BicubicTaps.TAPS, j = ci[u];
				double u0 = cwt[u], u1 = cwt[u + 1], u2 = cwt[u + 2], u3 = cwt[u + 3];
				float b = (float) (u0 * mb[j] + u1 * mb[j + 1] + u2 * mb[j + 2] + u3 * mb[j + 3]);
				float red = (float) (u0 * mr[j] + u1 * mr[j + 1] + u2 * mr[j + 2] + u3 * mr[j + 3]);
				packed[to + o] = YCbCr.toPackedRgb(luma[from + o] * 255f, b, red);
			}
			for (int o = Math.max(start, end); o < x0 + cw; o++)
				packed[to + o] = edge(ci, cwt, o, mb, mr, luma[from + o]);
		}
	}

	/** The packed pixel of output column {@code o}, its taps read from the table. */
	private static int edge(int[] ci, double[] cwt, int o, double[] mb, double[] mr, float luma) {
		int u = o * BicubicTaps.TAPS;
		int j0 = ci[u], j1 = ci[u + 1], j2 = ci[u + 2], j3 = ci[u + 3];
		double u0 = cwt[u], u1 = cwt[u + 1], u2 = cwt[u + 2], u3 = cwt[u + 3];
		float b = (float) (u0 * mb[j0] + u1 * mb[j1] + u2 * mb[j2] + u3 * mb[j3]);
		float red = (float) (u0 * mr[j0] + u1 * mr[j1] + u2 * mr[j2] + u3 * mr[j3]);
		return YCbCr.toPackedRgb(luma * 255f, b, red);
	}

	private Scratch take(int w, int h) {
		Scratch sc = idle.computeIfAbsent(key(w, h), k -> new ConcurrentLinkedQueue<>()).poll();
		return sc != null ? sc : new Scratch(w, h, scale);
	}

	private static long key(int w, int h) {
		return (long) w << 32 | h;
	}

	/** The arrays of one tile of a given context size. */
	private static final class Scratch {

		final int[] argb;
		final float[] cb, cr;
		final double[] midCb, midCr;
		final FloatPlane lowRes, up;

		Scratch(int w, int h, int s) {
			argb = new int[w * h];
			cb = new float[w * h];
			cr = new float[w * h];
			midCb = new double[w];
			midCr = new double[w];
			lowRes = FloatPlane.zeros(w, h);
			up = FloatPlane.zeros(Math.multiplyExact(w, s), Math.multiplyExact(h, s));
		}
	}
}
