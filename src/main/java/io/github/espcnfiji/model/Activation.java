package io.github.espcnfiji.model;

import ai.djl.ndarray.NDArray;

/** The non-linearity between ESPCN's convolutions. */
public enum Activation {
	/** The paper's and the reference code's choice. */
	TANH,
	RELU,
	/** Gaussian error linear unit (exact, erf form), as {@code torch.nn.GELU()}. */
	GELU;

	public NDArray apply(NDArray x) {
		switch (this) {
			case TANH:
				return ai.djl.nn.Activation.tanh(x);
			case RELU:
				return ai.djl.nn.Activation.relu(x);
			case GELU:
				return ai.djl.nn.Activation.gelu(x);
			default:
				throw new AssertionError(this);
		}
	}

	/** The lower-case name used on command lines, in macros and in model cards. */
	public String id() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

	/** Parses {@code tanh}, {@code relu} or {@code gelu} (any case). */
	public static Activation parse(String name) {
		for (Activation a : values())
			if (a.name().equalsIgnoreCase(name.trim())) return a;
		throw new IllegalArgumentException("Unknown activation '" + name +
			"': use tanh, relu or gelu");
	}
}
