package io.github.espcnfiji.core;

import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import net.imglib2.Dimensions;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.planar.PlanarImgFactory;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Super-resolves whole images, gray or RGB, 2D or with more dimensions, through a
 * {@link PlaneUpscaler} (an ESPCN model). This is the predictor behind the command line and the
 * Fiji commands.
 * <p>
 * Dimensions 0 and 1 are X and Y; every further dimension (channel, Z, time, ...) is kept as it
 * is, and every XY plane is super-resolved on its own, in tiles (see {@link Tiler}). The output
 * is X and Y times {@link #scale()}, of the input's pixel type, in a new
 * {@link net.imglib2.img.planar.PlanarImg}. Each tile's context is read from the input and its
 * result written into the output directly, so that the memory needed beside the two images is
 * bounded by the tile size; when the upscaler runs tiles side by side (as
 * {@link PlaneUpscaler#tileExecutor()} allows), the reading, colour conversion, chroma
 * interpolation and writing of each tile run there too.
 * <ul>
 * <li>Gray ({@link #upscale}): 8-bit, 16-bit or 32-bit float; intensities are mapped to [0, 1]
 * and back as {@link Normalization} describes.</li>
 * <li>RGB ({@link #upscaleRgb}): each plane is converted to YCbCr (BT.601, as MATLAB's
 * {@code rgb2ycbcr}); Y / 255 goes through the network, Cb and Cr are enlarged by MATLAB-style
 * bicubic interpolation; the result is converted back to RGB, rounded and clamped to 0-255, with
 * alpha 255.</li>
 * </ul>
 * <pre>{@code
 * SuperResolver sr = new SuperResolver(model, SuperResolver.Options.defaults().withTileSize(128)
 *     .withProgress((plane, planes, tile, tiles) -> ...).withCancellation(() -> cancelled));
 * Img<UnsignedShortType> big = sr.upscale(stack);
 * }</pre>
 */
public final class SuperResolver {

	/** Told after each finished tile; called on the thread that runs the super-resolver. */
	@FunctionalInterface
	public interface ProgressListener {

		/**
		 * @param plane the plane being worked on (0-based)
		 * @param planes the number of planes
		 * @param tilesDone tiles of this plane finished (1 to {@code tiles})
		 * @param tiles the number of tiles per plane
		 */
		void progress(long plane, long planes, int tilesDone, int tiles);
	}

	/** How the work is cut up and watched; immutable, change it with the {@code with} methods. */
	public static final class Options {

		private final int tileSize;
		private final ProgressListener progress;
		private final BooleanSupplier cancelled;

		private Options(int tileSize, ProgressListener progress, BooleanSupplier cancelled) {
			if (tileSize < 1)
				throw new IllegalArgumentException("Tile size must be at least 1 pixel, got " +
					tileSize);
			if (progress == null || cancelled == null)
				throw new IllegalArgumentException("Progress listener and cancel check must not be " +
					"null");
			this.tileSize = tileSize;
			this.progress = progress;
			this.cancelled = cancelled;
		}

		/** Tiles of {@link Tiler#DEFAULT_TILE_SIZE}, no progress reports, never cancelled. */
		public static Options defaults() {
			return new Options(Tiler.DEFAULT_TILE_SIZE, (plane, planes, done, tiles) -> {},
				() -> false);
		}

		/** The largest tile side in input pixels. */
		public Options withTileSize(int pixels) {
			return new Options(pixels, progress, cancelled);
		}

		public Options withProgress(ProgressListener listener) {
			return new Options(tileSize, listener, cancelled);
		}

		/** Asked before each tile; when it answers true the work stops with a
		 * {@link CancellationException}. */
		public Options withCancellation(BooleanSupplier check) {
			return new Options(tileSize, progress, check);
		}

		public int tileSize() {
			return tileSize;
		}
	}

	private final Tiler tiler;
	private final Options options;

	public SuperResolver(PlaneUpscaler upscaler) {
		this(upscaler, Options.defaults());
	}

	public SuperResolver(PlaneUpscaler upscaler, Options options) {
		this.tiler = new Tiler(upscaler, options.tileSize);
		this.options = options;
	}

	/** The enlargement factor of X and Y. */
	public int scale() {
		return tiler.upscaler().scale();
	}

	/**
	 * Super-resolves a gray image: 8-bit ({@link UnsignedByteType}), 16-bit
	 * ({@link UnsignedShortType}) or 32-bit ({@link FloatType}).
	 *
	 * @return a new image of the input's type, X and Y times {@link #scale()}, other dimensions
	 *         as in the input
	 * @throws IllegalArgumentException for other pixel types, fewer than two dimensions, planes
	 *           too large, and float images with NaN or infinite pixels
	 * @throws CancellationException when cancelled
	 */
	public <T extends RealType<T> & NativeType<T>> Img<T> upscale(
		RandomAccessibleInterval<T> input)
	{
		return upscale(input, Optional.empty());
	}

	/**
	 * {@link #upscale(RandomAccessibleInterval)} with the intensity mapping given, where the image
	 * is part of a longer series (a video's frame) whose range it must share; empty: the image's
	 * own ({@link Normalization#of}).
	 *
	 * @throws IllegalArgumentException also when the mapping is for another pixel type
	 */
	public <T extends RealType<T> & NativeType<T>> Img<T> upscale(
		RandomAccessibleInterval<T> input, Optional<Normalization> series)
	{
		T type = input.getType();
		if (!(type instanceof UnsignedByteType) && !(type instanceof UnsignedShortType) &&
			!(type instanceof FloatType)) throw Normalization.unsupported(type);
		RandomAccessibleInterval<T> in = zeroMin(input);
		checkShape(in);
		if (series.isPresent() && !series.get().isFor(type)) throw new IllegalArgumentException(
			"A " + series.get().kind() + " intensity range cannot map a " + type.getClass()
				.getSimpleName() + " image");
		Normalization normalization = series.isPresent() ? series.get() : Normalization.of(in);
		Img<T> out = create(in, type.createVariable());
		long planes = Planes.count(in);
		int s = scale();
		for (long p = 0; p < planes; p++) {
			long plane = p;
			forEachTile(in, p, planes, tiler.upscaler().halo(), tile -> {
				float[] context = Planes.readReal(in, plane, tile.contextX(), tile.contextY(), tile
					.contextWidth(), tile.contextHeight());
				normalization.toUnit(context);
				FloatPlane up = upscaleContext(context, tile);
				normalization.fromUnit(up.data());
				Tile local = tile.inContext();
				Planes.writeReal(up, local.x0() * s, local.y0() * s, out, plane, tile.x0() * s, tile
					.y0() * s, tile.width() * s, tile.height() * s);
			});
		}
		return out;
	}

	/**
	 * Super-resolves an RGB image (alpha ignored): Y through the network, Cb and Cr by bicubic
	 * interpolation.
	 *
	 * @return a new RGB image, X and Y times {@link #scale()}, alpha 255
	 * @throws IllegalArgumentException for fewer than two dimensions or planes too large
	 * @throws CancellationException when cancelled
	 */
	public Img<ARGBType> upscaleRgb(RandomAccessibleInterval<ARGBType> input) {
		RandomAccessibleInterval<ARGBType> in = zeroMin(input);
		checkShape(in);
		Img<ARGBType> out = create(in, new ARGBType());
		long planes = Planes.count(in);
		RgbTiles tiles = new RgbTiles(tiler.upscaler());
		for (long p = 0; p < planes; p++) {
			long plane = p;
			forEachTile(in, p, planes, Math.max(tiler.upscaler().halo(), MatlabResize.UPSCALE_SUPPORT),
				tile -> tiles.upscale(in, plane, tile, out));
		}
		return out;
	}

	/**
	 * Super-resolves an image of any type this class handles, chosen by its pixel type: RGB
	 * ({@link ARGBType}) through {@link #upscaleRgb}, 8-bit, 16-bit and 32-bit float gray through
	 * {@link #upscale}.
	 *
	 * @return a new image of the input's type, X and Y times {@link #scale()}
	 * @throws IllegalArgumentException for other pixel types, with advice to convert
	 * @throws CancellationException when cancelled
	 */
	public Img<?> upscaleImage(RandomAccessibleInterval<?> input) {
		return upscaleImage(input, Optional.empty());
	}

	/**
	 * {@link #upscaleImage(RandomAccessibleInterval)} with a gray series' intensity mapping
	 * ({@link #upscale(RandomAccessibleInterval, Optional)}); RGB ignores it.
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public Img<?> upscaleImage(RandomAccessibleInterval<?> input, Optional<Normalization> series) {
		Object type = input.getType();
		if (type instanceof ARGBType) return upscaleRgb((RandomAccessibleInterval<ARGBType>) input);
		if (type instanceof UnsignedByteType || type instanceof UnsignedShortType ||
			type instanceof FloatType) return upscale((RandomAccessibleInterval) input, series);
		throw new IllegalArgumentException("ESPCN super-resolves 8-bit, 16-bit, 32-bit float and " +
			"RGB images, not " + type.getClass().getSimpleName() + " images; convert the image first");
	}

	/**
	 * The network's output for a tile's context ({@code context}, [0, 1] samples): a plane the
	 * size of the context times the scale, holding the upscaled centre at its place.
	 */
	private FloatPlane upscaleContext(float[] context, Tile tile) {
		int s = scale();
		FloatPlane lowRes = new FloatPlane(context, tile.contextWidth(), tile.contextHeight());
		FloatPlane up = FloatPlane.zeros(tile.contextWidth() * s, tile.contextHeight() * s);
		tiler.upscaler().upscaleTile(lowRes, tile.inContext(), up);
		return up;
	}

	/** Runs {@code work} on every tile of plane {@code plane}, with progress and cancellation. */
	private void forEachTile(Dimensions in, long plane, long planes, int halo,
		Consumer<Tile> work)
	{
		if (options.cancelled.getAsBoolean())
			throw new CancellationException("Super-resolution cancelled at plane " + (plane + 1) +
				" of " + planes);
		tiler.forEachTile((int) in.dimension(0), (int) in.dimension(1), halo, work, (done,
			total) -> options.progress.progress(plane, planes, done, total), options.cancelled);
	}

	private static <T> RandomAccessibleInterval<T> zeroMin(RandomAccessibleInterval<T> input) {
		return Views.isZeroMin(input) ? input : Views.zeroMin(input);
	}

	private void checkShape(Dimensions in) {
		if (in.numDimensions() < 2)
			throw new IllegalArgumentException("Super-resolution needs an image with X and Y, got " +
				in.numDimensions() + " dimension(s)");
		long[] dims = in.dimensionsAsLongArray();
		int s = scale();
		if (dims[0] * dims[1] > Integer.MAX_VALUE || dims[0] * s * dims[1] * s > Integer.MAX_VALUE)
			throw new IllegalArgumentException("A plane of " + dims[0] + "x" + dims[1] +
				" pixels is too large to super-resolve by " + s + " (the result may have at most " +
				Integer.MAX_VALUE + " pixels per plane); crop it into parts first");
		if (Planes.count(in) > Integer.MAX_VALUE)
			throw new IllegalArgumentException("Too many planes: " + Planes.count(in));
	}

	/** The output image: X and Y times the scale, other dimensions as in the input. */
	private <T extends NativeType<T>> Img<T> create(Dimensions in, T type) {
		long[] dims = in.dimensionsAsLongArray();
		int s = scale();
		dims[0] *= s;
		dims[1] *= s;
		return new PlanarImgFactory<>(type).create(dims);
	}
}
