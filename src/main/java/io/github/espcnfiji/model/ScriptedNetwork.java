package io.github.espcnfiji.model;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;

import io.github.espcnfiji.core.Tensor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The network as one call of the {@link EspcnScript} module per tile, its parameters held in the
 * module's precision and in the module's {@link EspcnScript.Layout} (weights reordered for
 * oneDNN here, once, where the layout asks for it).
 */
final class ScriptedNetwork implements TileNetwork {

	private final PtSymbolBlock module;
	private final PtNDArray[] params;
	private final EspcnScript.Layout layout;

	/**
	 * @throws RuntimeException (from the engine) when the module cannot be compiled, e.g. a
	 *           PyTorch built without oneDNN
	 */
	ScriptedNetwork(NDManager manager, EspcnSpec spec, Map<String, Tensor> weights,
		boolean[] bfloat16)
	{
		this(manager, spec, weights, bfloat16, EspcnScript.Layout.CHANNELS_LAST);
	}

	/**
	 * @throws RuntimeException (from the engine) when the module cannot be compiled or the
	 *           weights cannot be reordered for {@code layout}
	 */
	ScriptedNetwork(NDManager manager, EspcnSpec spec, Map<String, Tensor> weights,
		boolean[] bfloat16, EspcnScript.Layout layout)
	{
		this.layout = layout;
		try {
			this.module = JniUtils.loadModule((PtNDManager) manager, new ByteArrayInputStream(
				EspcnScript.archive(spec, bfloat16, layout)), false, false);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e); // read from memory: does not happen
		}
		JniUtils.enableInferenceMode(module);
		PtNDArray[] fp32 = ChannelsLastWeights.of(manager, spec, weights, ChannelsLastWeights.ones(
			spec), ChannelsLastWeights.ones(spec));
		this.params = fp32;
		for (int i = 0; i < spec.layers(); i++) {
			if (bfloat16[i]) for (int j = 2 * i; j < 2 * i + 2; j++)
				params[j] = cast(fp32[j], (PtNDManager) manager);
			if (layout != EspcnScript.Layout.CHANNELS_LAST) {
				PtNDArray w = params[2 * i];
				params[2 * i] = reorder(w, spec.kernels()[i] / 2, w.getShape().get(1),
					(PtNDManager) manager);
				w.close();
			}
		}
	}

	/** A weight through the module's {@code reorder}, once rather than in every call. */
	private PtNDArray reorder(PtNDArray weight, int pad, long channels, PtNDManager manager) {
		try (IValue w = IValue.from(weight); IValue p = IValue.from((long) pad); IValue c = IValue
			.from(channels); IValue reordered = IValueUtils.runMethod(module, "reorder", w, p, c))
		{
			return reordered.toTensor(manager);
		}
	}

	/**
	 * A parameter through the module's {@code cast} (to bfloat16, keeping its strides),
	 * once rather than in every call. DJL cannot name bfloat16 arrays, but holds and passes them.
	 */
	private PtNDArray cast(PtNDArray param, PtNDManager manager) {
		try (IValue in = IValue.from(param); IValue cast = IValueUtils.runMethod(module, "cast",
			in)) {
			return cast.toTensor(manager);
		}
	}

	EspcnScript.Layout layout() {
		return layout;
	}

	@Override
	public boolean channelsLastOutput() {
		return layout != EspcnScript.Layout.BLOCKED;
	}

	@Override
	public PtNDArray forward(PtNDArray input) {
		IValue[] args = new IValue[1 + params.length];
		try {
			args[0] = IValue.from(input);
			for (int i = 0; i < params.length; i++)
				args[i + 1] = IValue.from(params[i]);
			try (IValue out = IValueUtils.forward(module, args)) {
				return out.toTensor(input.getManager());
			}
		}
		finally {
			for (IValue a : args)
				if (a != null) a.close();
		}
	}
}
