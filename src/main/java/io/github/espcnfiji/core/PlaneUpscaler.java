package io.github.espcnfiji.core;

import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Anything that super-resolves one plane of [0, 1] samples by an integer factor and whose output
 * pixels depend only on input pixels within {@link #halo()} of them (with zero padding beyond the
 * input's edge). The tiler relies on that locality to cut big images into exact tiles.
 * <p>
 * Only {@link #scale()}, {@link #halo()} and {@link #upscale} are required; an upscaler that can
 * do better overrides the rest: write a tile's centre without intermediate copies
 * ({@link #upscaleTile}), work on several tiles at once ({@link #tileExecutor}), or name the tile
 * size at which it is fastest ({@link #preferredTileSize}).
 */
public interface PlaneUpscaler {

	int scale();

	/** The receptive radius in input pixels. */
	int halo();

	/** Super-resolves the whole plane: w x h in, (w*scale) x (h*scale) out. */
	FloatPlane upscale(FloatPlane lowRes);

	/**
	 * Super-resolves one tile: reads the tile's context in {@code lowRes} and writes the upscaled
	 * centre into {@code out}, the whole plane's result. The default cuts the context out, calls
	 * {@link #upscale} and copies the centre. When {@link #tileExecutor} is present, this is
	 * called for different tiles of one plane at the same time.
	 */
	default void upscaleTile(FloatPlane lowRes, Tile tile, FloatPlane out) {
		tile.writeCentre(upscale(tile.context(lowRes)), scale(), out);
	}

	/**
	 * Where tiles may run at the same time, if anywhere. Empty (the default): the tiler runs
	 * them one after another on its own thread.
	 */
	default Optional<Executor> tileExecutor() {
		return Optional.empty();
	}

	/**
	 * The tile side, in input pixels, at which this upscaler is fastest; tilers use tiles no
	 * larger than this nor than their own limit. The default sets no limit.
	 */
	default int preferredTileSize() {
		return Integer.MAX_VALUE;
	}
}
