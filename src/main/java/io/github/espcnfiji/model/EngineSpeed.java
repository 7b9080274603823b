package io.github.espcnfiji.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * What this machine computes through the engine at best, measured the way inference runs, one
 * operation per {@link InferenceThreads} worker at the same time: the float32 rate of PyTorch's
 * {@code matmul} (a GEMM, on x86 usually MKL's), and that of a 3x3 convolution of 64 to 64
 * channels-last maps on 128x128 pixels (oneDNN's direct convolution, the kernel ESPCN's
 * middle layer runs on). The ceilings that inference speeds are put against.
 */
public final class EngineSpeed {

	private EngineSpeed() {}

	/**
	 * GFLOP/s of {@code rounds} rounds, each a {@code size x size} by {@code size x size}
	 * multiplication on every worker at once (2 size^3 FLOP each), after one round of warm-up.
	 */
	public static double[] matmulGflops(int size, int rounds) {
		return DjlRuntime.call(() -> measure(rounds, 2.0 * size * size * size, manager -> {
			NDArray a = manager.randomUniform(-1, 1, new Shape(size, size)), b = manager
				.randomUniform(-1, 1, new Shape(size, size));
			return () -> a.matMul(b);
		}));
	}

	/**
	 * GFLOP/s of {@code rounds} rounds, each a 3x3 convolution of a 64-channel 128x128
	 * channels-last map to 64 channels ('same' padding) on every worker at once, after one
	 * round of warm-up.
	 */
	public static double[] convolutionGflops(int rounds) {
		int side = 128, c = 64;
		return DjlRuntime.call(() -> measure(rounds, 2.0 * side * side * c * c * 9, manager -> {
			PtNDArray x = (PtNDArray) manager.randomUniform(-1, 1, new Shape(1, side, side, c))
				.transpose(0, 3, 1, 2);
			PtNDArray w = (PtNDArray) manager.randomUniform(-1, 1, new Shape(c, 3, 3, c)).transpose(0,
				3, 1, 2);
			PtNDArray bias = (PtNDArray) manager.zeros(new Shape(c));
			return () -> JniUtils.convolution(x, w, bias, new Shape(1, 1), new Shape(1, 1), new Shape(
				1, 1), 1);
		}));
	}

	/** Makes one operation's operands in a manager and returns the operation. */
	private interface Workload {

		Supplier<NDArray> prepare(NDManager manager);
	}

	private static double[] measure(int rounds, double flopPerOperation, Workload workload) {
		InferenceThreads threads = InferenceThreads.shared();
		int n = threads.count();
		double[] out = new double[rounds];
		try (NDManager manager = NDManager.newBaseManager()) {
			List<Supplier<NDArray>> operations = new ArrayList<>();
			for (int i = 0; i < n; i++)
				operations.add(workload.prepare(manager));
			for (int r = -1; r < rounds; r++) {
				long start = System.nanoTime();
				runOnAll(threads, operations);
				double seconds = (System.nanoTime() - start) / 1e9;
				if (r >= 0) out[r] = flopPerOperation * n / seconds / 1e9;
			}
		}
		return out;
	}

	private static void runOnAll(InferenceThreads threads, List<Supplier<NDArray>> operations) {
		CountDownLatch done = new CountDownLatch(operations.size());
		AtomicReference<RuntimeException> failure = new AtomicReference<>();
		for (Supplier<NDArray> operation : operations)
			threads.executor().execute(() -> {
				try (NDArray c = operation.get()) {
					c.getShape();
				}
				catch (RuntimeException e) {
					failure.set(e);
				}
				finally {
					done.countDown();
				}
			});
		boolean interrupted = false;
		while (true) {
			try {
				done.await();
				break;
			}
			catch (InterruptedException e) {
				interrupted = true;
			}
		}
		if (interrupted) Thread.currentThread().interrupt();
		if (failure.get() != null) throw failure.get();
	}

	/** The FLOP of one forward pass per low-resolution pixel: 2 x multiply-adds. */
	public static double flopPerPixel(EspcnSpec spec) {
		double macs = 0;
		for (int l = 0; l < spec.layers(); l++)
			macs += (double) spec.inputsOf(l) * spec.outputsOf(l) * spec.kernels()[l] * spec
				.kernels()[l];
		return 2 * macs;
	}
}
