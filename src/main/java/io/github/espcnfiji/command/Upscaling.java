package io.github.espcnfiji.command;

import io.github.espcnfiji.core.SuperResolver;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;

/**
 * An ImgLib2 image of any of the types ESPCN handles through a {@link SuperResolver}: 8-bit,
 * 16-bit and 32-bit float gray and RGB, chosen by the pixel type
 * ({@link SuperResolver#upscaleImage}).
 */
public final class Upscaling {

	private Upscaling() {}

	/**
	 * @return a new image of the input's type, X and Y times {@code sr.scale()}
	 * @throws IllegalArgumentException for other pixel types, with advice to convert
	 * @throws java.util.concurrent.CancellationException when the super-resolver is cancelled
	 */
	public static Img<?> upscale(SuperResolver sr, RandomAccessibleInterval<?> input) {
		return sr.upscaleImage(input);
	}
}
