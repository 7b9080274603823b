package io.github.espcnfiji.command;

import io.github.espcnfiji.core.SuperResolver;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * An ImgLib2 image of any of the types ESPCN handles through a {@link SuperResolver}: 8-bit,
 * 16-bit and 32-bit float gray ({@link SuperResolver#upscale}) and RGB
 * ({@link SuperResolver#upscaleRgb}), chosen by the pixel type.
 */
public final class Upscaling {

	private Upscaling() {}

	/**
	 * @return a new image of the input's type, X and Y times {@code sr.scale()}
	 * @throws IllegalArgumentException for other pixel types, with advice to convert
	 * @throws java.util.concurrent.CancellationException when the super-resolver is cancelled
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public static Img<?> upscale(SuperResolver sr, RandomAccessibleInterval<?> input) {
		Object type = input.getType();
		if (type instanceof ARGBType) return sr.upscaleRgb(
			(RandomAccessibleInterval<ARGBType>) input);
		if (type instanceof UnsignedByteType || type instanceof UnsignedShortType ||
			type instanceof FloatType) return sr.upscale((RandomAccessibleInterval) input);
		throw new IllegalArgumentException("ESPCN super-resolves 8-bit, 16-bit, 32-bit float and " +
			"RGB images, not " + type.getClass().getSimpleName() + " images; convert the image first");
	}
}
