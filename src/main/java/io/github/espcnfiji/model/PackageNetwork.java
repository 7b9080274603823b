package io.github.espcnfiji.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import io.github.espcnfiji.bioimageio.Processing;
import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.PlaneUpscaler;
import io.github.espcnfiji.core.Tile;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * A bioimage.io package's TorchScript network as an upscaler of one-channel planes. Planes in
 * [0, 1] are given to the package on the 0-255 scale (an 8-bit image's own values), through its
 * preprocessing, and its output, after its postprocessing, is read back on that scale. Per-sample
 * statistics are those of the whole plane when the tiler gives it ({@link #upscaleTile}). An
 * input whose side must be one of a series ({@code min + n * step}, or a fixed length) is padded
 * symmetrically at its right and bottom to the next length of the series, and the output cropped.
 */
final class PackageNetwork implements PlaneUpscaler {

	/** Input layout: where batch, channel, y and x are, as the package orders its axes. */
	static final class Layout {

		final String[] axes; // "batch", "channel", "y", "x" in the package's order
		final long[] minSide = new long[2], stepSide = new long[2]; // y, x; step 0: fixed

		Layout(String[] axes) {
			this.axes = axes;
		}

		boolean xBeforeY() {
			return Arrays.asList(axes).indexOf("x") < Arrays.asList(axes).indexOf("y");
		}

		long[] shape(long h, long w) {
			long[] s = new long[axes.length];
			for (int i = 0; i < axes.length; i++)
				s[i] = axes[i].equals("y") ? h : axes[i].equals("x") ? w : 1;
			return s;
		}

		/** The smallest length of the series that is at least {@code n}; -1 if there is none. */
		long fit(int side, long n) {
			long min = minSide[side], step = stepSide[side];
			if (n <= min) return min;
			if (step == 0) return -1;
			return min + (n - min + step - 1) / step * step;
		}
	}

	private final String name;
	private final NDManager manager;
	private final PtSymbolBlock module;
	private final int scale, halo, tile;
	private final Layout in, out;
	private final Processing pre, post;
	private float[] statsOf;
	private Processing.Bound statsBound;

	/**
	 * @param manager where the module lives (closing it frees the module)
	 * @param halo the receptive radius in input pixels the tiles get
	 * @param tile the largest tile side, in input pixels
	 */
	PackageNetwork(String name, NDManager manager, byte[] torchscript, int scale, int halo,
		int tile, Layout in, Layout out, Processing pre, Processing post)
	{
		this.name = name;
		this.manager = manager;
		try {
			this.module = JniUtils.loadModule((PtNDManager) manager, new ByteArrayInputStream(
				torchscript), false, false);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e); // read from memory: does not happen
		}
		JniUtils.enableInferenceMode(module);
		this.scale = scale;
		this.halo = halo;
		this.tile = tile;
		this.in = in;
		this.out = out;
		this.pre = pre;
		this.post = post;
	}

	@Override
	public int scale() {
		return scale;
	}

	@Override
	public int halo() {
		return halo;
	}

	@Override
	public int preferredTileSize() {
		return tile;
	}

	@Override
	public FloatPlane upscale(FloatPlane lowRes) {
		return run(lowRes, pre.bind(raw(lowRes)));
	}

	@Override
	public void upscaleTile(FloatPlane lowRes, Tile t, FloatPlane result) {
		t.writeCentre(run(t.context(lowRes), boundFor(lowRes)), scale, result);
	}

	/** The preprocessing with the statistics of the whole plane, computed once per plane. */
	private synchronized Processing.Bound boundFor(FloatPlane plane) {
		if (statsOf != plane.data()) {
			statsBound = pre.bind(raw(plane));
			statsOf = plane.data();
		}
		return statsBound;
	}

	private static float[] raw(FloatPlane p) {
		float[] d = p.data().clone();
		for (int i = 0; i < d.length; i++)
			d[i] *= 255f;
		return d;
	}

	private FloatPlane run(FloatPlane plane, Processing.Bound bound) {
		int w = plane.width(), h = plane.height();
		long ph = in.fit(0, h), pw = in.fit(1, w);
		if (ph < 0 || pw < 0) throw new IllegalArgumentException(name + " takes only " + in.minSide[1] +
			"x" + in.minSide[0] + " inputs, not " + w + "x" + h);
		float[] x = padded(raw(plane), w, h, (int) pw, (int) ph);
		bound.apply(x);
		if (in.xBeforeY()) x = transpose(x, (int) pw, (int) ph);
		float[] y = forward(x, in.shape(ph, pw), ph, pw);
		int ow = (int) pw * scale, oh = (int) ph * scale;
		if (out.xBeforeY()) y = transpose(y, oh, ow);
		post.bind(y).apply(y);
		float[] cropped = new float[w * scale * h * scale];
		for (int r = 0; r < h * scale; r++)
			for (int c = 0; c < w * scale; c++)
				cropped[r * w * scale + c] = y[r * ow + c] / 255f;
		return new FloatPlane(cropped, w * scale, h * scale);
	}

	private synchronized float[] forward(float[] x, long[] shape, long ph, long pw) {
		return DjlRuntime.call(() -> {
			try (NDManager step = manager.newSubManager()) {
				NDArray input = step.create(FloatBuffer.wrap(x), new Shape(shape));
				try (IValue i = IValue.from((PtNDArray) input); IValue o = IValueUtils.forward(module,
					new IValue[] { i }))
				{
					if (!o.isTensor()) throw new IllegalStateException(name +
						" returned no single tensor; only networks with one output are supported");
					NDArray result = o.toTensor((PtNDManager) step);
					long[] s = result.getShape().getShape();
					long[] expected = out.shape(ph * scale, pw * scale);
					if (!Arrays.equals(s, expected)) throw new IllegalStateException(name + " returned " +
						Arrays.toString(s) + " for " + Arrays.toString(shape) + ", not " + Arrays.toString(
							expected) + " (x" + scale + ", as its axes declare)");
					return result.toFloatArray();
				}
			}
		});
	}

	/** The plane padded symmetrically at its right and bottom to {@code pw x ph}. */
	private static float[] padded(float[] v, int w, int h, int pw, int ph) {
		if (pw == w && ph == h) return v;
		float[] out = new float[pw * ph];
		for (int r = 0; r < ph; r++)
			for (int c = 0; c < pw; c++)
				out[r * pw + c] = v[mirror(r, h) * w + mirror(c, w)];
		return out;
	}

	/** Index i folded into [0, n) by symmetric (edge-repeating) mirroring. */
	private static int mirror(int i, int n) {
		int period = 2 * n;
		int m = i % period;
		return m < n ? m : period - 1 - m;
	}

	/** A rows x cols array (row-major) transposed. */
	private static float[] transpose(float[] v, int rows, int cols) {
		float[] t = new float[v.length];
		for (int r = 0; r < rows; r++)
			for (int c = 0; c < cols; c++)
				t[c * rows + r] = v[r * cols + c];
		return t;
	}
}
