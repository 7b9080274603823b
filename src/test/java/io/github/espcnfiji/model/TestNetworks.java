package io.github.espcnfiji.model;

import io.github.espcnfiji.core.Tensor;

import java.util.Map;

/** Networks for tests: random weights with the last layer made strong enough to matter. */
final class TestNetworks {

	private TestNetworks() {}

	/**
	 * The paper's network at {@code scale} with the reference initialisation from {@code seed},
	 * its last layer's weights times 100 so that outputs vary by about +-0.1 instead of +-0.001.
	 */
	static EspcnModel varied(int scale, long seed) {
		EspcnSpec spec = EspcnSpec.paper(scale);
		Map<String, Tensor> weights = EspcnBlock.initialWeights(spec, seed);
		float[] last = weights.get("last_part.0.weight").data();
		for (int i = 0; i < last.length; i++)
			last[i] *= 100;
		return EspcnModel.create(ModelCard.forSpec(spec), weights);
	}
}
