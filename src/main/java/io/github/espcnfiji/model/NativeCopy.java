package io.github.espcnfiji.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

/**
 * Copies values into an existing array's own native storage. DJL's {@code NDArray.set(Buffer)}
 * on PyTorch instead points the tensor at a Java direct buffer; under training (autograd and
 * in-place optimizer updates) such tensors were seen to read freed memory after a garbage
 * collection, turning the loss into NaN. A native copy keeps the storage owned by PyTorch.
 */
public final class NativeCopy {

	private NativeCopy() {}

	public static void into(NDArray target, float[] values) {
		try (NDManager temp = target.getManager().newSubManager()) {
			NDArray src = temp.create(values, target.getShape());
			target.set(new NDIndex(":"), src);
		}
	}
}
