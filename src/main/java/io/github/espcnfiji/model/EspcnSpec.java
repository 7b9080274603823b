package io.github.espcnfiji.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The architecture of an ESPCN network: hidden convolutions with {@link #filters()} outputs and
 * kernel sizes {@link #kernels()} (one more kernel than filters: the last convolution makes
 * {@code channels * scale^2} outputs), the activation between them, and a pixel shuffle. The
 * paper's network is {@link #paper(int)}: 5x5 -> 64, 3x3 -> 32, 3x3 -> r^2.
 * <p>
 * Parameter names follow the reference PyTorch code ({@code first_part.0.weight},
 * {@code first_part.2.weight}, {@code last_part.0.weight}, and biases) so weights move between
 * the two unchanged.
 */
public final class EspcnSpec {

	private final int scale;
	private final int channels;
	private final Activation activation;
	private final int[] filters;
	private final int[] kernels;

	public EspcnSpec(int scale, int channels, Activation activation, int[] filters,
		int[] kernels)
	{
		if (scale < 2 || scale > 4)
			throw new IllegalArgumentException("Scale must be 2, 3 or 4, got " + scale);
		if (channels < 1) throw new IllegalArgumentException("Channels must be >= 1");
		if (activation == null) throw new IllegalArgumentException("Activation missing");
		if (filters.length < 1 || kernels.length != filters.length + 1)
			throw new IllegalArgumentException("Need one kernel size per convolution: " + Arrays
				.toString(filters) + " filters, " + Arrays.toString(kernels) + " kernels");
		for (int f : filters)
			if (f < 1) throw new IllegalArgumentException("Filter counts must be >= 1");
		for (int k : kernels)
			if (k < 1 || k % 2 == 0)
				throw new IllegalArgumentException("Kernel sizes must be odd, got " + k);
		this.scale = scale;
		this.channels = channels;
		this.activation = activation;
		this.filters = filters.clone();
		this.kernels = kernels.clone();
	}

	/** The paper's network (64 and 32 filters, kernels 5, 3, 3) on one channel with tanh. */
	public static EspcnSpec paper(int scale) {
		return paper(scale, Activation.TANH);
	}

	public static EspcnSpec paper(int scale, Activation activation) {
		return new EspcnSpec(scale, 1, activation, new int[] { 64, 32 }, new int[] { 5, 3, 3 });
	}

	public int scale() {
		return scale;
	}

	public int channels() {
		return channels;
	}

	public Activation activation() {
		return activation;
	}

	public int[] filters() {
		return filters.clone();
	}

	public int[] kernels() {
		return kernels.clone();
	}

	/** Number of convolutions, the last one included. */
	public int layers() {
		return kernels.length;
	}

	/** Input channels of convolution {@code i}. */
	public int inputsOf(int layer) {
		return layer == 0 ? channels : filters[layer - 1];
	}

	/** Output channels of convolution {@code i}. */
	public int outputsOf(int layer) {
		return layer < filters.length ? filters[layer] : channels * scale * scale;
	}

	/** How far (in input pixels) an output pixel sees on each side: the tiling halo. */
	public int receptiveRadius() {
		int r = 0;
		for (int k : kernels)
			r += k / 2;
		return r;
	}

	/** The reference code's name of convolution {@code i}'s parameters, without suffix. */
	public String layerKey(int layer) {
		return layer < filters.length ? "first_part." + (2 * layer) : "last_part.0";
	}

	/** Parameter names in order: weight and bias of each convolution. */
	public List<String> parameterKeys() {
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < layers(); i++) {
			keys.add(layerKey(i) + ".weight");
			keys.add(layerKey(i) + ".bias");
		}
		return keys;
	}

	/** Shape of a named parameter: weights (out, in, k, k), biases (out). */
	public long[] shapeOf(String key) {
		for (int i = 0; i < layers(); i++) {
			if (key.equals(layerKey(i) + ".weight"))
				return new long[] { outputsOf(i), inputsOf(i), kernels[i], kernels[i] };
			if (key.equals(layerKey(i) + ".bias")) return new long[] { outputsOf(i) };
		}
		throw new IllegalArgumentException("No parameter '" + key + "' in " + this);
	}

	@Override
	public boolean equals(Object o) {
		if (!(o instanceof EspcnSpec)) return false;
		EspcnSpec s = (EspcnSpec) o;
		return scale == s.scale && channels == s.channels && activation == s.activation &&
			Arrays.equals(filters, s.filters) && Arrays.equals(kernels, s.kernels);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(filters) * 31 + Arrays.hashCode(kernels) + scale * 7 + activation
			.hashCode();
	}

	@Override
	public String toString() {
		return "ESPCN x" + scale + " " + activation.id() + " filters " + Arrays.toString(filters) +
			" kernels " + Arrays.toString(kernels) + " channels " + channels;
	}
}
