package io.github.espcnfiji.spark;

import io.github.espcnfiji.cli.Failures;
import io.github.espcnfiji.cli.ModelChoice;
import io.github.espcnfiji.model.BundledModels;
import io.github.espcnfiji.model.EspcnModel;

import java.io.IOException;
import java.io.Serializable;
import java.util.Optional;

/**
 * Which model a job runs and how many threads its executors give it; sent to every task, so
 * small and serializable. The model is named as on the command line (a bundled name, a model
 * folder or .zip, a bioimage.io package), and must be readable at the same path on every
 * executor.
 */
final class ModelSettings implements Serializable {

	private static final long serialVersionUID = 1L;

	final String model;
	final Integer scale;
	/** {@code spark.task.cpus}: PyTorch's own threads in a task. */
	final int taskCpus;
	/** Cores of an executor: the inference workers its concurrent tasks share. */
	final int executorCores;

	ModelSettings(String model, Optional<Integer> scale, int taskCpus, int executorCores) {
		this.model = model;
		this.scale = scale.orElse(null);
		this.taskCpus = taskCpus;
		this.executorCores = executorCores;
	}

	/** The key of the loaded model in an executor. */
	String key() {
		return model + "|" + scale;
	}

	/**
	 * Checks on the driver that the model exists and is for the scale asked, by reading its
	 * card only (the weights load on the executors); returns the model's scale.
	 *
	 * @throws IllegalArgumentException naming the model when it cannot be read
	 */
	int checkOnDriver() {
		try {
			int s = BundledModels.shipped().resolveCard(model).scale;
			if (scale != null && s != scale) throw new IllegalArgumentException("model " + model +
				" is for scale " + s + ", not " + scale + "; choose a model for x" + scale +
				" or drop --scale");
			return s;
		}
		catch (IOException | RuntimeException e) {
			if (e instanceof IllegalArgumentException && e.getMessage() != null && e.getMessage()
				.startsWith("model ")) throw (IllegalArgumentException) e;
			throw new IllegalArgumentException("model " + model + " cannot be read: " + Failures
				.describe(e), e);
		}
	}

	/** Loads the model in this JVM (see {@link ExecutorModel}). */
	EspcnModel load() throws IOException {
		return ModelChoice.load(model, Optional.ofNullable(scale)).warmUp();
	}
}
