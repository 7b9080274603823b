package io.github.espcnfiji.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

import io.github.espcnfiji.core.Tensor;

import java.util.Map;

/**
 * The network through individual DJL operators on channels-last tensors, in float32; the
 * fallback when the fused {@link ScriptedNetwork} cannot run.
 * <p>
 * PyTorch's CPU tanh is several times slower than its sigmoid (3.2 against 0.5 ns per value
 * measured here), so tanh is computed through the sigmoid. With {@code u = sigmoid(2z) - 0.5}
 * the activation is {@code tanh(z) = 2u}, and the factor 2 moves into the next layer's weights;
 * the 2 inside the sigmoid moves into this layer's weights and bias. Both are powers of two,
 * so the convolutions round exactly as they would on the unscaled values, and zero padding of
 * {@code u} is zero padding of {@code tanh(z)}. Per hidden layer: one convolution, one sigmoid,
 * one in-place subtraction.
 */
final class OpsNetwork implements TileNetwork {

	private final EspcnSpec spec;
	private final PtNDArray[] params;

	OpsNetwork(NDManager manager, EspcnSpec spec, Map<String, Tensor> weights) {
		this.spec = spec;
		int n = spec.layers();
		float[] wf = ChannelsLastWeights.ones(spec), bf = ChannelsLastWeights.ones(spec);
		if (spec.activation() == Activation.TANH) for (int i = 0; i < n; i++) {
			float in = i == 0 ? 1f : 2f, out = i < n - 1 ? 2f : 1f;
			wf[i] = in * out;
			bf[i] = out;
		}
		this.params = ChannelsLastWeights.of(manager, spec, weights, wf, bf);
	}

	@Override
	public PtNDArray forward(PtNDArray input) {
		PtNDArray x = input;
		int n = spec.layers();
		for (int i = 0; i < n; i++) {
			int pad = spec.kernels()[i] / 2;
			PtNDArray z = JniUtils.convolution(x, params[2 * i], params[2 * i + 1], new Shape(1, 1),
				new Shape(pad, pad), new Shape(1, 1), 1);
			if (x != input) x.close();
			if (i == n - 1) return z;
			if (spec.activation() == Activation.TANH) {
				x = (PtNDArray) ai.djl.nn.Activation.sigmoid(z);
				x.subi(0.5f);
			}
			else x = (PtNDArray) spec.activation().apply(z);
			z.close();
		}
		throw new AssertionError("a network has at least one layer");
	}
}
