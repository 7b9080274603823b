package io.github.espcnfiji.bioimageio;

import java.util.Arrays;

/** A float32 array of any rank in C order: what a test tensor or a weight of a package holds. */
public final class NdArray {

	private final long[] shape;
	private final float[] data;

	/** @throws IllegalArgumentException if the data's length is not the shape's product */
	public NdArray(long[] shape, float[] data) {
		long n = 1;
		for (long s : shape) {
			if (s < 0) throw new IllegalArgumentException("Negative size in " + Arrays.toString(shape));
			n *= s;
		}
		if (n != data.length)
			throw new IllegalArgumentException("Shape " + Arrays.toString(shape) + " holds " + n +
				" values, not " + data.length);
		this.shape = shape.clone();
		this.data = data;
	}

	public long[] shape() {
		return shape.clone();
	}

	/** The values, not copied. */
	public float[] data() {
		return data;
	}

	public int rank() {
		return shape.length;
	}

	@Override
	public String toString() {
		return "float32" + Arrays.toString(shape);
	}
}
