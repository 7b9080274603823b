package io.github.espcnfiji.model;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;
import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.PlaneUpscaler;
import io.github.espcnfiji.core.Tile;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The fast inference path around a {@link TileNetwork}: tiles run on the shared
 * {@link InferenceThreads} (whichever they are when the tile starts); a tile's context goes into the network straight from the plane's
 * array through a reused direct buffer, as a channels-last tensor, and the network's r² output
 * maps are read where the engine left them (no copy when they are channels-last) and pixel-
 * shuffled in Java straight into the tile's place in the result.
 * <p>
 * Why tiles of {@link #TILE} pixels: on the machine this was tuned on, touching memory that
 * was just given back to the OS costs about 15 us per 4 KiB page, and the allocator gives back
 * the large arrays of a whole-frame pass every time; a tile's arrays (a few MiB) are reused
 * from call to call, and stay in cache.
 */
final class FastUpscaler implements PlaneUpscaler {

	/**
	 * The tile side (input pixels) at which a frame was fastest (see docs/PERFORMANCE.md); the
	 * system property {@code espcn.inference.tile} overrides it, for tuning on other machines.
	 */
	static final int TILE = Integer.getInteger("espcn.inference.tile", 192);

	private final EspcnSpec spec;
	private final TileNetwork network;
	private final NDManager manager;

	FastUpscaler(EspcnSpec spec, TileNetwork network, NDManager manager) {
		if (spec.channels() != 1)
			throw new IllegalArgumentException("The fast path takes one channel, not " + spec
				.channels());
		this.spec = spec;
		this.network = network;
		this.manager = manager;
	}

	TileNetwork network() {
		return network;
	}

	@Override
	public int scale() {
		return spec.scale();
	}

	@Override
	public int halo() {
		return spec.receptiveRadius();
	}

	/** The whole plane as one tile, on a worker thread. */
	@Override
	public FloatPlane upscale(FloatPlane lowRes) {
		int r = spec.scale();
		FloatPlane out = FloatPlane.zeros(Math.multiplyExact(lowRes.width(), r), Math
			.multiplyExact(lowRes.height(), r));
		upscaleTile(lowRes, Tile.whole(lowRes.width(), lowRes.height()), out);
		return out;
	}

	@Override
	public void upscaleTile(FloatPlane lowRes, Tile tile, FloatPlane out) {
		InferenceThreads.shared().call(() -> {
			run(lowRes, tile, out);
			return null;
		});
	}

	@Override
	public Optional<Executor> tileExecutor() {
		return Optional.of(InferenceThreads.shared().executor());
	}

	@Override
	public int preferredTileSize() {
		return TILE;
	}

	private void run(FloatPlane lowRes, Tile t, FloatPlane out) {
		int cw = t.contextWidth(), ch = t.contextHeight(), w = lowRes.width();
		ByteBuffer in = InferenceThreads.buffer(Math.multiplyExact(cw * ch, Float.BYTES));
		FloatBuffer f = in.asFloatBuffer();
		float[] src = lowRes.data();
		for (int y = 0; y < ch; y++)
			f.put(src, (t.contextY() + y) * w + t.contextX(), cw);
		try (PtNDManager m = (PtNDManager) manager.newSubManager()) {
			PtNDArray nhwc = JniUtils.createNdFromByteBuffer(m, in, new Shape(1, ch, cw, 1),
				DataType.FLOAT32, SparseFormat.DENSE, Device.cpu());
			PtNDArray y = network.forward(JniUtils.permute(nhwc, new long[] { 0, 3, 1, 2 }));
			if (!network.channelsLastOutput()) {
				shufflePlanes(JniUtils.getByteBuffer(y, true).order(ByteOrder.nativeOrder())
					.asFloatBuffer(), t, out);
				return;
			}
			PtNDArray maps = JniUtils.permute(y, new long[] { 0, 2, 3, 1 }); // (1, H, W, r*r)
			shuffle(JniUtils.getByteBuffer(maps, true).order(ByteOrder.nativeOrder())
				.asFloatBuffer(), t, out);
		}
	}

	/**
	 * As {@link #shuffle} from contiguous (r*r, H, W) maps:
	 * {@code out[(y r + i), (x r + j)] = maps[i r + j, y, x]}.
	 */
	private void shufflePlanes(FloatBuffer maps, Tile t, FloatPlane out) {
		int r = spec.scale(), cw = t.contextWidth(), plane = cw * t.contextHeight(), tw = t.width();
		float[] row = new float[tw], o = out.data();
		int outWidth = out.width();
		for (int c = 0; c < r * r; c++) {
			int i = c / r, j = c % r;
			for (int y = t.y0(); y < t.y1(); y++) {
				maps.position(c * plane + (y - t.contextY()) * cw + t.x0() - t.contextX());
				maps.get(row);
				int to = (y * r + i) * outWidth + t.x0() * r + j;
				for (int x = 0; x < tw; x++)
					o[to + x * r] = row[x];
			}
		}
	}

	/**
	 * Writes the centre of the tile from its (H, W, r*r) maps into {@code out}:
	 * {@code out[(y r + i), (x r + j)] = maps[y, x, i r + j]}, as PyTorch's pixel_shuffle.
	 */
	private void shuffle(FloatBuffer maps, Tile t, FloatPlane out) {
		int r = spec.scale(), rr = r * r, cw = t.contextWidth(), tw = t.width();
		float[] row = new float[tw * rr], o = out.data();
		int outWidth = out.width();
		for (int y = t.y0(); y < t.y1(); y++) {
			maps.position(((y - t.contextY()) * cw + t.x0() - t.contextX()) * rr);
			maps.get(row);
			for (int i = 0; i < r; i++) {
				int base = (y * r + i) * outWidth + t.x0() * r;
				for (int x = 0; x < tw; x++) {
					int from = x * rr + i * r, to = base + x * r;
					for (int j = 0; j < r; j++)
						o[to + j] = row[from + j];
				}
			}
		}
	}
}
