package io.github.espcnfiji.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import io.github.espcnfiji.core.Tensor;
import io.github.espcnfiji.model.NativeArrays;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam (Kingma and Ba) with per-parameter learning rates and a state that can be saved and
 * restored, so that a resumed run continues exactly where it stopped. The update itself is
 * DJL's fused native {@code adamUpdate}, as in DJL's own Adam; DJL's Adam hides its moments and
 * step counts, which a checkpoint needs.
 */
final class CheckpointableAdam extends Optimizer implements AutoCloseable {

	private static final float BETA1 = 0.9f, BETA2 = 0.999f, EPSILON = 1e-8f;

	private final ParameterTracker learningRate;
	/** Owns the moments: the arrays handed to {@link #update} may live in short-lived managers. */
	private final NDManager stateManager = NDManager.newBaseManager();
	private final Map<String, NDArray> means = new LinkedHashMap<>();
	private final Map<String, NDArray> variances = new LinkedHashMap<>();
	private final Map<String, Integer> steps = new LinkedHashMap<>();

	CheckpointableAdam(ParameterTracker learningRate) {
		super(new Builder());
		this.learningRate = learningRate;
	}

	@Override
	public void update(String parameterId, NDArray weight, NDArray grad) {
		int t = steps.merge(parameterId, 1, Integer::sum);
		double coef1 = 1.0 - Math.pow(BETA1, t);
		double coef2 = 1.0 - Math.pow(BETA2, t);
		float lr = learningRate.getNewValue(parameterId, t);
		float corrected = (float) (lr * Math.sqrt(coef2) / coef1);
		NDArray mean = means.computeIfAbsent(parameterId, k -> fresh(weight));
		NDArray variance = variances.computeIfAbsent(parameterId, k -> fresh(weight));
		weight.getNDArrayInternal().adamUpdate(new NDList(weight, grad, mean, variance),
			new NDList(weight), lr, corrected, 0f, rescaleGrad, clipGrad, BETA1, BETA2, EPSILON,
			true, false);
	}

	private NDArray fresh(NDArray like) {
		return stateManager.zeros(like.getShape(), like.getDataType());
	}

	@Override
	public void close() {
		stateManager.close();
	}

	/** Moments and step counts keyed by {@code names} (parameter id -> stable name). */
	Map<String, Tensor> state(Map<String, String> names) {
		Map<String, Tensor> out = new LinkedHashMap<>();
		for (Map.Entry<String, String> e : names.entrySet()) {
			String id = e.getKey(), name = e.getValue();
			if (!means.containsKey(id)) continue;
			out.put(name + ".adam_mean", toTensor(means.get(id)));
			out.put(name + ".adam_variance", toTensor(variances.get(id)));
			out.put(name + ".adam_step", new Tensor(new long[] { 1 }, new float[] { steps.get(id) }));
		}
		return out;
	}

	/** Restores what {@link #state} saved; {@code names} maps parameter ids to stable names. */
	void restore(Map<String, Tensor> state, Map<String, String> names) {
		for (Map.Entry<String, String> e : names.entrySet()) {
			String id = e.getKey(), name = e.getValue();
			Tensor m = state.get(name + ".adam_mean"), v = state.get(name + ".adam_variance"),
					t = state.get(name + ".adam_step");
			if (m == null || v == null || t == null) continue;
			means.put(id, NativeArrays.owned(stateManager, m));
			variances.put(id, NativeArrays.owned(stateManager, v));
			steps.put(id, Math.round(t.data()[0]));
		}
	}

	private static Tensor toTensor(NDArray a) {
		return new Tensor(a.getShape().getShape(), a.toFloatArray());
	}

	private static final class Builder extends OptimizerBuilder<Builder> {

		@Override
		protected Builder self() {
			return this;
		}
	}
}
