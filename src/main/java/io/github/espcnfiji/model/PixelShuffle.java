package io.github.espcnfiji.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Sub-pixel rearrangement, index for index as {@code torch.nn.functional.pixel_shuffle}:
 * {@code out[n, c, h*r + i, w*r + j] = in[n, c*r*r + i*r + j, h, w]}. DJL has no such operator;
 * a reshape, a transpose and a reshape do it.
 */
public final class PixelShuffle {

	private PixelShuffle() {}

	/** (N, C*r*r, H, W) -> (N, C, H*r, W*r). */
	public static NDArray apply(NDArray x, int r) {
		Shape s = x.getShape();
		if (s.dimension() != 4 || s.get(1) % ((long) r * r) != 0)
			throw new IllegalArgumentException("Pixel shuffle x" + r + " needs (N, C*" + r * r +
				", H, W), got " + s);
		long n = s.get(0), c = s.get(1) / ((long) r * r), h = s.get(2), w = s.get(3);
		return x.reshape(n, c, r, r, h, w).transpose(0, 1, 4, 2, 5, 3).reshape(n, c, h * r, w *
			r);
	}
}
