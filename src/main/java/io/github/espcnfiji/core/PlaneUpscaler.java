package io.github.espcnfiji.core;

/**
 * Anything that super-resolves one plane of [0, 1] samples by an integer factor and whose output
 * pixels depend only on input pixels within {@link #halo()} of them (with zero padding beyond the
 * input's edge). The tiler relies on that locality to cut big images into exact tiles.
 */
public interface PlaneUpscaler {

	int scale();

	/** The receptive radius in input pixels. */
	int halo();

	/** Super-resolves the whole plane: w x h in, (w*scale) x (h*scale) out. */
	FloatPlane upscale(FloatPlane lowRes);
}
