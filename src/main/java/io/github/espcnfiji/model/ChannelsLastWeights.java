package io.github.espcnfiji.model;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;

import io.github.espcnfiji.core.Tensor;

import java.util.Map;

/**
 * A network's parameters as native arrays for inference: each convolution's weight stored as
 * (out, kernel height, kernel width, in) and viewed as (out, in, kernel height, kernel width),
 * the channels-last strides that make oneDNN keep activations channels-last between layers
 * instead of reordering every layer's input and output; biases as they are. Each layer's
 * weight and bias may be multiplied by a power of two, which changes no rounding.
 */
final class ChannelsLastWeights {

	private ChannelsLastWeights() {}

	/**
	 * Layer {@code i}'s weight at {@code [2 i]} and bias at {@code [2 i + 1]}, in
	 * {@code manager}, weights times {@code weightFactors[i]}, biases times
	 * {@code biasFactors[i]}.
	 */
	static PtNDArray[] of(NDManager manager, EspcnSpec spec, Map<String, Tensor> weights,
		float[] weightFactors, float[] biasFactors)
	{
		PtNDArray[] out = new PtNDArray[2 * spec.layers()];
		for (int i = 0; i < spec.layers(); i++) {
			String key = spec.layerKey(i);
			Tensor w = weights.get(key + ".weight"), b = weights.get(key + ".bias");
			if (w == null || b == null) throw new IllegalArgumentException("Weights lack layer '" +
				key + "'");
			long[] s = w.shape();
			int o = (int) s[0], in = (int) s[1], kh = (int) s[2], kw = (int) s[3];
			float[] src = w.data(), ohwi = new float[src.length];
			float f = weightFactors[i];
			for (int a = 0; a < o; a++)
				for (int c = 0; c < in; c++)
					for (int y = 0; y < kh; y++)
						for (int x = 0; x < kw; x++)
							ohwi[((a * kh + y) * kw + x) * in + c] = f * src[((a * in + c) * kh + y) * kw + x];
			out[2 * i] = (PtNDArray) NativeArrays.owned(manager, new Tensor(new long[] { o, kh, kw,
				in }, ohwi)).transpose(0, 3, 1, 2);
			float[] bias = b.data().clone();
			for (int j = 0; j < bias.length; j++)
				bias[j] *= biasFactors[i];
			out[2 * i + 1] = (PtNDArray) NativeArrays.owned(manager, new Tensor(b.shape(), bias));
		}
		return out;
	}

	/** Factors of one for every layer. */
	static float[] ones(EspcnSpec spec) {
		float[] f = new float[spec.layers()];
		java.util.Arrays.fill(f, 1f);
		return f;
	}
}
