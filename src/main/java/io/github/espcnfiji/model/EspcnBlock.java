package io.github.espcnfiji.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import io.github.espcnfiji.core.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The ESPCN network as a DJL block: convolutions with "same" zero padding and the spec's
 * activation between them, then a {@link PixelShuffle}. Input (N, C, H, W) in [0, 1], output
 * (N, C, H*r, W*r).
 */
public final class EspcnBlock extends AbstractBlock {

	private final EspcnSpec spec;
	private final List<Conv2d> convolutions = new ArrayList<>();

	public EspcnBlock(EspcnSpec spec) {
		this.spec = spec;
		for (int i = 0; i < spec.layers(); i++) {
			int k = spec.kernels()[i];
			Conv2d conv = Conv2d.builder().setKernelShape(new Shape(k, k)).optPadding(new Shape(k /
				2, k / 2)).setFilters(spec.outputsOf(i)).build();
			convolutions.add(addChildBlock(spec.layerKey(i).replace('.', '_'), conv));
		}
	}

	public EspcnSpec spec() {
		return spec;
	}

	@Override
	protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
		PairList<String, Object> params)
	{
		NDList x = inputs;
		for (int i = 0; i < convolutions.size(); i++) {
			x = convolutions.get(i).forward(store, x, training, params);
			if (i < convolutions.size() - 1) x = new NDList(spec.activation().apply(x
				.singletonOrThrow()));
		}
		return new NDList(PixelShuffle.apply(x.singletonOrThrow(), spec.scale()));
	}

	@Override
	public Shape[] getOutputShapes(Shape[] inputShapes) {
		Shape s = inputShapes[0];
		return new Shape[] { new Shape(s.get(0), spec.channels(), s.get(2) * spec.scale(), s.get(
			3) * spec.scale()) };
	}

	@Override
	protected void initializeChildBlocks(NDManager manager, DataType dataType,
		Shape... inputShapes)
	{
		Shape shape = inputShapes[0];
		for (Conv2d conv : convolutions) {
			conv.initialize(manager, dataType, shape);
			shape = conv.getOutputShapes(new Shape[] { shape })[0];
		}
	}

	/**
	 * Allocates the parameters holding {@code weights}, for inputs of {@code channels} planes (any
	 * size works after).
	 */
	public void allocate(NDManager manager, Map<String, Tensor> weights) {
		useWeights(weights);
		initialize(manager, DataType.FLOAT32, new Shape(1, spec.channels(), 8, 8));
	}

	/**
	 * Makes the next initialisation (by {@link #allocate} or a DJL trainer) give the parameters
	 * these values; shapes must match the spec. Weights are set only this way, never written into
	 * initialised parameters (see {@link NativeArrays}).
	 */
	public void useWeights(Map<String, Tensor> weights) {
		for (Map.Entry<String, Parameter> e : namedParameters().entrySet()) {
			Tensor t = weights.get(e.getKey());
			if (t == null) throw new IllegalArgumentException("Weights lack '" + e.getKey() + "'");
			long[] expected = spec.shapeOf(e.getKey());
			if (!t.hasShape(expected))
				throw new IllegalArgumentException("Parameter '" + e.getKey() + "' has shape " +
					new Shape(t.shape()) + " but " + spec + " needs " + new Shape(expected));
			e.getValue().setInitializer((manager, shape, dataType) -> NativeArrays.owned(manager,
				t));
		}
	}

	/** The parameters by their reference-code names ({@code first_part.0.weight}, ...). */
	public Map<String, Parameter> namedParameters() {
		Map<String, Parameter> out = new LinkedHashMap<>();
		for (int i = 0; i < convolutions.size(); i++) {
			PairList<String, Parameter> p = convolutions.get(i).getParameters();
			out.put(spec.layerKey(i) + ".weight", p.get("weight"));
			out.put(spec.layerKey(i) + ".bias", p.get("bias"));
		}
		return out;
	}

	/** A copy of the current parameter values. */
	public Map<String, Tensor> getWeights() {
		Map<String, Tensor> out = new LinkedHashMap<>();
		for (Map.Entry<String, Parameter> e : namedParameters().entrySet()) {
			NDArray a = e.getValue().getArray();
			out.put(e.getKey(), new Tensor(a.getShape().getShape(), a.toFloatArray()));
		}
		return out;
	}

	/**
	 * The reference code's initialisation, reproducible from {@code seed}: weights normal with
	 * std sqrt(2 / (out * k * k)), the last layer's with std 0.001; biases zero.
	 */
	public static Map<String, Tensor> initialWeights(EspcnSpec spec, long seed) {
		Random random = new Random(seed);
		Map<String, Tensor> out = new LinkedHashMap<>();
		for (int i = 0; i < spec.layers(); i++) {
			long[] ws = spec.shapeOf(spec.layerKey(i) + ".weight");
			int k = spec.kernels()[i];
			double std = i == spec.layers() - 1 ? 0.001 : Math.sqrt(2.0 / (spec.outputsOf(i) * k *
				k));
			float[] w = new float[(int) (ws[0] * ws[1] * ws[2] * ws[3])];
			for (int j = 0; j < w.length; j++)
				w[j] = (float) (random.nextGaussian() * std);
			out.put(spec.layerKey(i) + ".weight", new Tensor(ws, w));
			out.put(spec.layerKey(i) + ".bias", new Tensor(new long[] { spec.outputsOf(i) },
				new float[spec.outputsOf(i)]));
		}
		return out;
	}
}
