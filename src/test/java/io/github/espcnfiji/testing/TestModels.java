package io.github.espcnfiji.testing;

import io.github.espcnfiji.core.Tensor;
import io.github.espcnfiji.model.Activation;
import io.github.espcnfiji.model.EspcnBlock;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.model.EspcnSpec;
import io.github.espcnfiji.model.ModelCard;
import io.github.espcnfiji.model.ModelFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Model folders for tests: the paper's network with the reference initialisation. */
public final class TestModels {

	private TestModels() {}

	/** Saves an untrained x{@code scale} model in {@code dir/espcn-x<scale>} and returns it. */
	public static Path save(Path dir, int scale) throws IOException {
		EspcnSpec spec = EspcnSpec.paper(scale);
		Path folder = dir.resolve("espcn-x" + scale);
		ModelFiles.save(ModelCard.forSpec(spec), EspcnBlock.initialWeights(spec, 1), folder, false);
		return folder;
	}

	/**
	 * A small untrained network in memory (widths 8 and 4, 3x3 kernels, tanh) whose outputs vary
	 * with the input: its last layer's weights are the reference initialisation times 100. Close
	 * it when done.
	 */
	public static EspcnModel tiny(int scale, long seed) {
		EspcnSpec spec = new EspcnSpec(scale, 1, Activation.TANH, new int[] { 8, 4 }, new int[] { 3,
			3, 3 });
		Map<String, Tensor> weights = EspcnBlock.initialWeights(spec, seed);
		float[] last = weights.get("last_part.0.weight").data();
		for (int i = 0; i < last.length; i++)
			last[i] *= 100;
		return EspcnModel.create(ModelCard.forSpec(spec), weights);
	}
}
