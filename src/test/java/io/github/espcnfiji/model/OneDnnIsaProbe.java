package io.github.espcnfiji.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * Run in a child JVM by {@link CpuInfoTest}: makes libtorch run one oneDNN convolution (so that
 * oneDNN, under {@code ONEDNN_VERBOSE=1}, prints the ISA it dispatches to) and prints what
 * {@link CpuInfo} says it is.
 */
public final class OneDnnIsaProbe {

	private OneDnnIsaProbe() {}

	public static void main(String[] args) {
		DjlRuntime.run(() -> {
			try (NDManager m = NDManager.newBaseManager()) {
				// a batch of 2: libtorch sends float convolutions with batch > 1 to oneDNN
				NDArray x = m.ones(new Shape(2, 1, 8, 8)), w = m.ones(new Shape(4, 1, 3, 3)), b = m
					.zeros(new Shape(4));
				Conv2d.conv2d(x, w, b, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1)
					.singletonOrThrow().sum().getFloat();
			}
		});
		System.out.flush();
		System.out.println("cpuinfo-isa=" + CpuInfo.current().onednnIsa());
	}
}
