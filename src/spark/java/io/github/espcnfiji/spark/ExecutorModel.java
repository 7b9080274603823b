package io.github.espcnfiji.spark;

import io.github.espcnfiji.cli.Failures;
import io.github.espcnfiji.model.DjlRuntime;
import io.github.espcnfiji.model.EspcnModel;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The models of this executor JVM, loaded on first use and kept for the JVM's life: every task
 * of every job that names the same model reuses it (the model is safe to share between tasks
 * running at once).
 * <p>
 * Before the first load it keeps DJL offline and sets the threads from the job's
 * {@link ModelSettings}, unless the executor's JVM options set them already:
 * {@code ai.djl.pytorch.num_threads} (PyTorch's threads in a task) to {@code spark.task.cpus},
 * and {@code espcn.inference.threads} (the tile workers the executor's tasks share) to the
 * executor's cores, so that concurrent tasks never ask for more threads than the executor has.
 */
final class ExecutorModel {

	private static final Map<String, EspcnModel> LOADED = new HashMap<>();
	private static final AtomicInteger LOADS = new AtomicInteger();

	private ExecutorModel() {}

	/**
	 * The model, loaded once per JVM.
	 *
	 * @throws ModelUnavailableException when it cannot be loaded here (the whole job needs it)
	 */
	static synchronized EspcnModel get(ModelSettings settings) {
		EspcnModel model = LOADED.get(settings.key());
		if (model != null) return model;
		DjlRuntime.goOffline();
		setIfAbsent("ai.djl.pytorch.num_threads", settings.taskCpus);
		setIfAbsent("espcn.inference.threads", settings.executorCores);
		try {
			model = settings.load();
		}
		catch (Exception | LinkageError e) {
			throw new ModelUnavailableException("model " + settings.model + " cannot be loaded on " +
				"executor " + Executor.current() + ": " + Failures.describe(e));
		}
		LOADED.put(settings.key(), model);
		LOADS.incrementAndGet();
		return model;
	}

	/** How many models this JVM has loaded (for tests: once per JVM, not per task). */
	static int loads() {
		return LOADS.get();
	}

	private static void setIfAbsent(String property, int value) {
		if (System.getProperty(property) == null) System.setProperty(property, Integer.toString(
			value));
	}

	/** A model that an executor cannot load: the job stops with this one line. */
	static final class ModelUnavailableException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		ModelUnavailableException(String message) {
			super(message);
		}
	}
}
