package io.github.espcnfiji.core;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Super-resolves a plane of any size through a {@link PlaneUpscaler} in tiles of at most
 * {@code tileSize x tileSize} input pixels, so that memory is bounded by the tile size rather
 * than by the image.
 * <p>
 * Each tile is cut out with a margin of {@link PlaneUpscaler#halo()} input pixels on every side
 * where the image continues (none beyond the image's edge, where the upscaler's own zero padding
 * applies), upscaled, and its centre (the margin times the scale cropped off) written into the
 * output plane, which is allocated once. Because an upscaler's output pixels depend only on input
 * pixels within its halo, the result equals upscaling the whole plane at once, up to float
 * rounding of the upscaler's arithmetic.
 * <p>
 * Tiles are spread evenly: a side of {@code n} pixels is cut into {@code ceil(n / tileSize)}
 * tiles whose sizes differ by at most one pixel.
 * <pre>{@code
 * FloatPlane sr = new Tiler(model, 256).upscale(lowRes, (done, total) -> log(done + "/" + total),
 *     () -> userPressedCancel);
 * }</pre>
 */
public final class Tiler {

	/** The default largest tile side, in input pixels. */
	public static final int DEFAULT_TILE_SIZE = 256;

	/** Told after each finished tile; called on the thread that runs the tiler. */
	@FunctionalInterface
	public interface TileListener {

		/** @param done tiles finished so far (1 to {@code total}) */
		void tileDone(int done, int total);
	}

	private final PlaneUpscaler upscaler;
	private final int tileSize;

	/** A tiler with tiles of at most {@code tileSize x tileSize} input pixels. */
	public Tiler(PlaneUpscaler upscaler, int tileSize) {
		if (upscaler == null) throw new IllegalArgumentException("No upscaler given");
		if (tileSize < 1)
			throw new IllegalArgumentException("Tile size must be at least 1 pixel, got " +
				tileSize);
		this.upscaler = upscaler;
		this.tileSize = tileSize;
	}

	public PlaneUpscaler upscaler() {
		return upscaler;
	}

	public int tileSize() {
		return tileSize;
	}

	/** The number of tiles a {@code width x height} plane is cut into. */
	public int tileCount(int width, int height) {
		return tilesAlong(width) * tilesAlong(height);
	}

	/** Upscales {@code lowRes} tile by tile, without progress reports or cancellation. */
	public FloatPlane upscale(FloatPlane lowRes) {
		return upscale(lowRes, (done, total) -> {}, () -> false);
	}

	/**
	 * Upscales {@code lowRes} tile by tile: w x h in, (w*scale) x (h*scale) out.
	 *
	 * @param listener told after each tile
	 * @param cancelled asked before each tile
	 * @throws CancellationException when {@code cancelled} answers true
	 */
	public FloatPlane upscale(FloatPlane lowRes, TileListener listener, BooleanSupplier cancelled) {
		int w = lowRes.width(), h = lowRes.height();
		int nx = tilesAlong(w), ny = tilesAlong(h), total = nx * ny;
		if (cancelled.getAsBoolean()) throw cancelledAfter(0, total);
		if (total == 1) {
			FloatPlane out = upscaler.upscale(lowRes);
			checkSize(out, w, h);
			listener.tileDone(1, 1);
			return out;
		}
		int s = upscaler.scale(), halo = upscaler.halo();
		FloatPlane out = FloatPlane.zeros(Math.multiplyExact(w, s), Math.multiplyExact(h, s));
		int done = 0;
		for (int ty = 0; ty < ny; ty++) {
			int y0 = start(ty, ny, h), y1 = start(ty + 1, ny, h);
			int cy0 = Math.max(0, y0 - halo), cy1 = Math.min(h, y1 + halo);
			for (int tx = 0; tx < nx; tx++) {
				if (cancelled.getAsBoolean()) throw cancelledAfter(done, total);
				int x0 = start(tx, nx, w), x1 = start(tx + 1, nx, w);
				int cx0 = Math.max(0, x0 - halo), cx1 = Math.min(w, x1 + halo);
				FloatPlane tile = upscaler.upscale(lowRes.crop(cx0, cy0, cx1 - cx0, cy1 - cy0));
				checkSize(tile, cx1 - cx0, cy1 - cy0);
				copyRect(tile, (x0 - cx0) * s, (y0 - cy0) * s, out, x0 * s, y0 * s, (x1 - x0) * s,
					(y1 - y0) * s);
				listener.tileDone(++done, total);
			}
		}
		return out;
	}

	private int tilesAlong(int length) {
		return (length + tileSize - 1) / tileSize;
	}

	/** The first pixel of tile {@code i} of {@code n} along a side of {@code length}. */
	private static int start(int i, int n, int length) {
		return (int) ((long) i * length / n);
	}

	private void checkSize(FloatPlane out, int w, int h) {
		int s = upscaler.scale();
		if (out.width() != w * s || out.height() != h * s)
			throw new IllegalStateException("Upscaler made " + out.width() + "x" + out.height() +
				" from " + w + "x" + h + " at scale " + s);
	}

	private static void copyRect(FloatPlane src, int sx, int sy, FloatPlane dst, int dx, int dy,
		int w, int h)
	{
		float[] from = src.data(), to = dst.data();
		for (int row = 0; row < h; row++)
			System.arraycopy(from, (sy + row) * src.width() + sx, to, (dy + row) * dst.width() + dx,
				w);
	}

	private static CancellationException cancelledAfter(int done, int total) {
		return new CancellationException("Super-resolution cancelled after " + done + " of " +
			total + " tiles");
	}
}
