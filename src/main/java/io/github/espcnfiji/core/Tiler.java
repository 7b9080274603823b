package io.github.espcnfiji.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Super-resolves a plane of any size through a {@link PlaneUpscaler} in tiles of at most
 * {@code tileSize x tileSize} input pixels (or the upscaler's
 * {@link PlaneUpscaler#preferredTileSize() preferred size}, when smaller), so that memory is
 * bounded by the tile size rather than by the image.
 * <p>
 * Each tile is cut out with a margin of {@link PlaneUpscaler#halo()} input pixels on every side
 * where the image continues (none beyond the image's edge, where the upscaler's own zero padding
 * applies), upscaled, and its centre (the margin times the scale cropped off) written into the
 * output plane, which is allocated once (see {@link Tile}). Because an upscaler's output pixels
 * depend only on input pixels within its halo, the result equals upscaling the whole plane at
 * once, up to float rounding of the upscaler's arithmetic.
 * <p>
 * Tiles are spread evenly: a side of {@code n} pixels is cut into {@code ceil(n / tileSize)}
 * tiles whose sizes differ by at most one pixel. When the upscaler offers a
 * {@link PlaneUpscaler#tileExecutor() tile executor}, tiles run there, several at a time; the
 * listener and the cancel check are still called only on the thread that runs the tiler, after
 * each finished tile, and when the work stops early (cancelled or failed) the tiler returns only
 * after every tile already started has finished.
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

	/** The largest tile side used: the tile size, or the upscaler's preferred size if smaller. */
	public int tileSize() {
		return Math.max(1, Math.min(tileSize, upscaler.preferredTileSize()));
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
	 * @param cancelled asked before each tile (with a tile executor: after each finished tile)
	 * @throws CancellationException when {@code cancelled} answers true or the thread is
	 *           interrupted while waiting for tiles
	 */
	public FloatPlane upscale(FloatPlane lowRes, TileListener listener, BooleanSupplier cancelled) {
		int w = lowRes.width(), h = lowRes.height();
		int nx = tilesAlong(w), ny = tilesAlong(h), total = nx * ny;
		if (cancelled.getAsBoolean()) throw cancelledAfter(0, total);
		int s = upscaler.scale();
		if (total == 1) {
			FloatPlane out = upscaler.upscale(lowRes);
			if (out.width() != w * s || out.height() != h * s)
				throw new IllegalStateException("Upscaler made " + out.width() + "x" + out.height() +
					" from " + w + "x" + h + " at scale " + s);
			listener.tileDone(1, 1);
			return out;
		}
		FloatPlane out = FloatPlane.zeros(Math.multiplyExact(w, s), Math.multiplyExact(h, s));
		forEachTile(w, h, upscaler.halo(), tile -> upscaler.upscaleTile(lowRes, tile, out), listener,
			cancelled);
		return out;
	}

	/** The tiles of a {@code width x height} plane, row by row, with the upscaler's halo. */
	public List<Tile> tiles(int width, int height) {
		return tiles(width, height, upscaler.halo());
	}

	/**
	 * The tiles of a {@code width x height} plane, row by row, with a halo of {@code halo} pixels
	 * (at least the upscaler's: more context changes nothing of its result).
	 */
	public List<Tile> tiles(int width, int height, int halo) {
		if (halo < upscaler.halo())
			throw new IllegalArgumentException("A halo of " + halo + " is less than the upscaler's " +
				upscaler.halo());
		int nx = tilesAlong(width), ny = tilesAlong(height);
		List<Tile> tiles = new ArrayList<>(nx * ny);
		for (int ty = 0; ty < ny; ty++)
			for (int tx = 0; tx < nx; tx++)
				tiles.add(new Tile(start(tx, nx, width), start(ty, ny, height), start(tx + 1, nx, width),
					start(ty + 1, ny, height), halo, width, height));
		return tiles;
	}

	/**
	 * Runs {@code work} once for every tile of a {@code width x height} plane with a halo of
	 * {@code halo} pixels (see {@link #tiles(int, int, int)}): on the upscaler's
	 * {@link PlaneUpscaler#tileExecutor() tile executor}, several at a time, when it has one and
	 * there is more than one tile, else one after another on this thread. Progress and
	 * cancellation are as for {@link #upscale(FloatPlane, TileListener, BooleanSupplier)}; the
	 * work must be safe to run for different tiles at once.
	 *
	 * @throws CancellationException when {@code cancelled} answers true
	 */
	public void forEachTile(int width, int height, int halo, Consumer<Tile> work,
		TileListener listener, BooleanSupplier cancelled)
	{
		List<Tile> tiles = tiles(width, height, halo);
		int total = tiles.size();
		Optional<Executor> executor = upscaler.tileExecutor();
		if (executor.isPresent() && total > 1) runConcurrently(executor.get(), tiles, work,
			listener, cancelled);
		else for (int i = 0; i < total; i++) {
			if (cancelled.getAsBoolean()) throw cancelledAfter(i, total);
			work.accept(tiles.get(i));
			listener.tileDone(i + 1, total);
		}
	}

	private static void runConcurrently(Executor executor, List<Tile> tiles, Consumer<Tile> work,
		TileListener listener, BooleanSupplier cancelled)
	{
		int total = tiles.size();
		AtomicBoolean stop = new AtomicBoolean();
		CompletionService<Void> done = new ExecutorCompletionService<>(executor);
		int submitted = 0;
		try {
			for (Tile tile : tiles) {
				done.submit(() -> {
					if (!stop.get()) work.accept(tile);
					return null;
				});
				submitted++;
			}
		}
		catch (RuntimeException e) { // rejected: the executor was shut down
			stop.set(true);
			awaitRemaining(done, submitted);
			throw e;
		}
		int finished = 0;
		try {
			while (finished < total) {
				done.take().get();
				finished++;
				listener.tileDone(finished, total);
				if (finished < total && cancelled.getAsBoolean()) throw cancelledAfter(finished, total);
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw cancelledAfter(finished, total);
		}
		catch (ExecutionException e) {
			finished++;
			Throwable cause = e.getCause();
			if (cause instanceof RuntimeException) throw (RuntimeException) cause;
			if (cause instanceof Error) throw (Error) cause;
			throw new IllegalStateException(cause);
		}
		finally {
			if (finished < total) {
				stop.set(true);
				awaitRemaining(done, total - finished);
			}
		}
	}

	/** Waits, uninterruptibly, for {@code n} more tiles to finish (or to skip their work). */
	private static void awaitRemaining(CompletionService<Void> done, int n) {
		boolean interrupted = false;
		for (int i = 0; i < n; i++)
			while (true) {
				try {
					done.take();
					break;
				}
				catch (InterruptedException e) {
					interrupted = true;
				}
			}
		if (interrupted) Thread.currentThread().interrupt();
	}

	private int tilesAlong(int length) {
		int size = tileSize();
		return (length + size - 1) / size;
	}

	/** The first pixel of tile {@code i} of {@code n} along a side of {@code length}. */
	private static int start(int i, int n, int length) {
		return (int) ((long) i * length / n);
	}

	private static CancellationException cancelledAfter(int done, int total) {
		return new CancellationException("Super-resolution cancelled after " + done + " of " +
			total + " tiles");
	}
}
