package io.github.espcnfiji.model;

import io.github.espcnfiji.core.Tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Makes native arrays that own their storage. On PyTorch, DJL's {@code create(float[])} and
 * {@code set(Buffer)} point a tensor at a Java direct buffer instead of copying; writing such
 * values into parameters after a trainer is initialised was seen to turn the weights into NaN
 * after the first optimiser step. Parameters and optimiser state are therefore always made
 * here, as native copies, before training starts.
 */
public final class NativeArrays {

	private NativeArrays() {}

	/** A new array in {@code manager} holding a native copy of {@code t}. */
	public static NDArray owned(NDManager manager, Tensor t) {
		NDArray owned = manager.zeros(new Shape(t.shape()));
		try (NDArray view = manager.create(t.data(), new Shape(t.shape()))) {
			owned.addi(view);
		}
		return owned;
	}
}
