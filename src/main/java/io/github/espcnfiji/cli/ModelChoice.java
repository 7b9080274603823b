package io.github.espcnfiji.cli;

import io.github.espcnfiji.model.BundledModels;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.model.ModelCard;

import java.io.IOException;
import java.util.Optional;

/**
 * The {@code --model} option: a bundled name ({@code x2}, {@code x3}, {@code x4}) or the path
 * of a model folder or {@code .zip}, checked against {@code --scale} when that is given.
 */
final class ModelChoice {

	static final String VALUE = "x2|x3|x4|PATH";
	static final String HELP = "a bundled model by name, or a model folder or .zip";

	private ModelChoice() {}

	/**
	 * Loads the model; close it when done.
	 *
	 * @throws IllegalArgumentException when {@code scale} is given and the model is for another
	 */
	static EspcnModel load(String nameOrPath, Optional<Integer> scale) throws IOException {
		BundledModels bundled = BundledModels.shipped();
		ModelCard card = bundled.resolveCard(nameOrPath);
		if (scale.isPresent() && card.scale != scale.get())
			throw new IllegalArgumentException("model " + nameOrPath + " is for scale " + card.scale +
				", not " + scale.get() + "; choose a model for x" + scale.get() + " or drop --scale");
		return bundled.resolve(nameOrPath);
	}
}
