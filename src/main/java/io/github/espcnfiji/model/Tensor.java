package io.github.espcnfiji.model;

import java.util.Arrays;

/** A named-free float tensor in row-major (C) order: the engine-neutral form of a parameter. */
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

	public boolean hasShape(long[] other) {
		return Arrays.equals(shape, other);
	}

	@Override
	public String toString() {
		return "Tensor" + Arrays.toString(shape);
	}
}
