package io.github.espcnfiji.testing;

import io.github.espcnfiji.model.EspcnBlock;
import io.github.espcnfiji.model.EspcnSpec;
import io.github.espcnfiji.model.ModelCard;
import io.github.espcnfiji.model.ModelFiles;

import java.io.IOException;
import java.nio.file.Path;

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
}
