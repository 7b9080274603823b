package io.github.espcnfiji.core;

import java.util.Arrays;

/**
 * A float32 array of any rank in row-major (C) order: the engine-neutral form of a parameter,
 * and what an {@code .npz} or {@code .npy} file or a model package's test tensor holds.
 */
public final class Tensor {

	private final long[] shape;
	private final float[] data;

	public Tensor(long[] shape, float[] data) {
		long n = 1;
		for (long d : shape) {
			if (d < 0) throw new IllegalArgumentException("Negative dimension in " + Arrays
				.toString(shape));
			n *= d;
		}
		if (n != data.length)
			throw new IllegalArgumentException("Shape " + Arrays.toString(shape) + " needs " + n +
				" values, got " + data.length);
		this.shape = shape.clone();
		this.data = data;
	}

	public long[] shape() {
		return shape.clone();
	}

	/** The values; shared, not copied. */
	public float[] data() {
		return data;
	}

	public int rank() {
		return shape.length;
	}

	public boolean hasShape(long[] other) {
		return Arrays.equals(shape, other);
	}

	@Override
	public String toString() {
		return "Tensor" + Arrays.toString(shape);
	}
}
