package io.github.espcnfiji.core;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

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
 * {@link net.imglib2.img.planar.PlanarImg}.
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
		T type = input.getType();
		if (!(type instanceof UnsignedByteType) && !(type instanceof UnsignedShortType) &&
			!(type instanceof FloatType)) throw Normalization.unsupported(type);
		RandomAccessibleInterval<T> in = zeroMin(input);
		checkShape(in);
		Normalization normalization = Normalization.of(in);
		Img<T> out = create(in, type.createVariable());
		long planes = Planes.count(in);
		for (long p = 0; p < planes; p++) {
			float[] values = Planes.readReal(in, p);
			normalization.toUnit(values);
			float[] result = upscalePlane(values, in, p, planes);
			normalization.fromUnit(result);
			Planes.writeReal(result, out, p);
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
		int w = (int) in.dimension(0), h = (int) in.dimension(1), s = scale();
		long planes = Planes.count(in);
		for (long p = 0; p < planes; p++) {
			int[] argb = Planes.readArgb(in, p);
			FloatPlane r = FloatPlane.zeros(w, h), g = FloatPlane.zeros(w, h), b = FloatPlane.zeros(w,
				h);
			for (int i = 0; i < argb.length; i++) {
				r.data()[i] = ARGBType.red(argb[i]);
				g.data()[i] = ARGBType.green(argb[i]);
				b.data()[i] = ARGBType.blue(argb[i]);
			}
			FloatPlane[] ycc = YCbCr.fromRgb(r, g, b);
			float[] y = ycc[0].data();
			for (int i = 0; i < y.length; i++)
				y[i] /= 255f;
			float[] ySr = upscalePlane(y, in, p, planes);
			for (int i = 0; i < ySr.length; i++)
				ySr[i] *= 255f;
			FloatPlane[] rgb = YCbCr.toRgb(new FloatPlane(ySr, w * s, h * s), MatlabResize.upscale(
				ycc[1], s), MatlabResize.upscale(ycc[2], s));
			int[] packed = new int[ySr.length];
			for (int i = 0; i < packed.length; i++)
				packed[i] = ARGBType.rgba(channel(rgb[0], i), channel(rgb[1], i), channel(rgb[2], i),
					255);
			Planes.writeArgb(packed, out, p);
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
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public Img<?> upscaleImage(RandomAccessibleInterval<?> input) {
		Object type = input.getType();
		if (type instanceof ARGBType) return upscaleRgb((RandomAccessibleInterval<ARGBType>) input);
		if (type instanceof UnsignedByteType || type instanceof UnsignedShortType ||
			type instanceof FloatType) return upscale((RandomAccessibleInterval) input);
		throw new IllegalArgumentException("ESPCN super-resolves 8-bit, 16-bit, 32-bit float and " +
			"RGB images, not " + type.getClass().getSimpleName() + " images; convert the image first");
	}

	private float[] upscalePlane(float[] unit, Dimensions in, long plane, long planes) {
		if (options.cancelled.getAsBoolean())
			throw new CancellationException("Super-resolution cancelled at plane " + (plane + 1) +
				" of " + planes);
		FloatPlane lowRes = new FloatPlane(unit, (int) in.dimension(0), (int) in.dimension(1));
		return tiler.upscale(lowRes, (done, total) -> options.progress.progress(plane, planes, done,
			total), options.cancelled).data();
	}

	private static int channel(FloatPlane p, int i) {
		return (int) Quantize.roundClamp(p.data()[i], 0, 255);
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
