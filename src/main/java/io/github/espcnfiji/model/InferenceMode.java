package io.github.espcnfiji.model;

import java.util.Locale;

/**
 * How {@link EspcnModel} runs the network for inference. All but {@link #BF16} give the same
 * results within float rounding (at most 1e-5 apart on [0, 1] samples); {@link #BF16} trades a
 * little accuracy for speed and is never chosen unless asked for.
 */
public enum InferenceMode {
	/**
	 * The straightforward path: the training block's forward pass (DJL's convolutions, tanh and a
	 * reshape pixel shuffle) on the whole plane on the caller's thread. The yardstick the others
	 * are tested against.
	 */
	PLAIN("plain"),
	/**
	 * DJL operators on channels-last tiles on worker threads, tanh computed as
	 * {@code 2 sigmoid(2x) - 1} (PyTorch's sigmoid is several times faster than its tanh), the
	 * pixel shuffle done in Java while copying out. The fallback when {@link #FP32} cannot run.
	 */
	FP32_OPS("fp32-ops"),
	/**
	 * The default: each tile through one TorchScript call of oneDNN convolutions with the
	 * activation fused in, channels-last, on worker threads with one PyTorch thread each; the
	 * weights reordered into oneDNN's format once per model (where that fails, as
	 * {@link #FP32_REORDER}).
	 */
	FP32("fp32"),
	/**
	 * As {@link #FP32} with the weights handed to oneDNN channels-last, which reorders them in
	 * every call (the default before December 2026; kept to measure against).
	 */
	FP32_REORDER("fp32-reorder"),
	/**
	 * As {@link #FP32} with the activations in oneDNN's blocked layout from the first layer to
	 * the last and the weights reordered for it once, as PyTorch's
	 * {@code torch.jit.optimize_for_inference} runs the same network (the activation a separate
	 * in-place pass); slower than {@link #FP32} here, kept to measure against. Tanh and ReLU
	 * only.
	 */
	FP32_BLOCKED("fp32-blocked"),
	/**
	 * As {@link #FP32} with every layer but the first in bfloat16 (weights and activations;
	 * oneDNN accumulates in float32) and a float32 output: about 1.5 times as fast on CPUs with
	 * AVX512_BF16, a few hundredths of a dB less PSNR (Set5: x2 0.03, x3 0.01). Opt-in.
	 */
	BF16("bf16");

	private final String id;

	InferenceMode(String id) {
		this.id = id;
	}

	/** The name used on command lines: {@code plain}, {@code fp32-ops}, {@code fp32}, {@code fp32-reorder},
	 * {@code fp32-blocked}, {@code bf16}. */
	public String id() {
		return id;
	}

	/** The precisions a user chooses between: {@code fp32} (the default) and {@code bf16}. */
	public static final String PRECISIONS = "fp32|bf16";
	/** What the choice means, for help texts and dialogs. */
	public static final String PRECISION_HELP = "fp32 (default, exact) or bf16 (faster on CPUs " +
		"with AVX-512 BF16 or AMX, a few hundredths of a dB lower PSNR)";

	/**
	 * A user's choice of precision, as the upscale and video commands and the Fiji dialogs take
	 * it: {@code fp32} ({@link #FP32}, the default, exact) or {@code bf16} ({@link #BF16}).
	 *
	 * @throws IllegalArgumentException for anything else, saying what is accepted
	 */
	public static InferenceMode precision(String name) {
		String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
		if (n.equals(FP32.id)) return FP32;
		if (n.equals(BF16.id)) return BF16;
		throw new IllegalArgumentException("Precision must be " + PRECISION_HELP + ", not '" + name +
			"'");
	}

	/** Parses {@link #id()} (any case). */
	public static InferenceMode parse(String name) {
		String n = name.trim().toLowerCase(Locale.ROOT);
		for (InferenceMode m : values())
			if (m.id.equals(n)) return m;
		throw new IllegalArgumentException("Unknown inference mode '" + name +
			"': use plain, fp32-ops, fp32, fp32-reorder, fp32-blocked or bf16");
	}
}
