package io.github.espcnfiji.cli;

import io.github.espcnfiji.model.BundledModels;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.model.ModelCard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.Optional;

/**
 * The {@code --model} option: a bundled name ({@code x2}, {@code x3}, {@code x4}) or the path
 * of a model folder or {@code .zip}, checked against {@code --scale} when that is given.
 */
public final class ModelChoice {

	static final String VALUE = "x2|x3|x4|deep-x2|deep-x3|deep-x4|wide-x3|PATH";
	static final String HELP = "a bundled model by name, a model folder or .zip, or a bioimage.io package";

	private ModelChoice() {}

	/**
	 * Starts loading the model (and {@link EspcnModel#warmUp() warming it up}) on another
	 * thread, after checking its card here: the caller can read its images meanwhile.
	 *
	 * @throws IllegalArgumentException when {@code scale} is given and the model is for another
	 * @throws IOException when the model's card cannot be read
	 */
	static ModelLoading startLoading(String nameOrPath, Optional<Integer> scale)
		throws IOException
	{
		checkScale(BundledModels.shipped().resolveCard(nameOrPath), nameOrPath, scale);
		return new ModelLoading(CompletableFuture.supplyAsync(() -> {
			try {
				return BundledModels.shipped().resolve(nameOrPath).warmUp();
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}));
	}

	/** A model being loaded; close it when done (it waits for the load, then frees the model). */
	static final class ModelLoading implements AutoCloseable {

		private final CompletableFuture<EspcnModel> future;

		private ModelLoading(CompletableFuture<EspcnModel> future) {
			this.future = future;
		}

		/** The model, once loaded. */
		EspcnModel get() throws IOException {
			try {
				return future.join();
			}
			catch (CompletionException e) {
				Throwable cause = e.getCause();
				if (cause instanceof UncheckedIOException) throw ((UncheckedIOException) cause).getCause();
				if (cause instanceof RuntimeException) throw (RuntimeException) cause;
				if (cause instanceof Error) throw (Error) cause;
				throw new IOException(cause);
			}
		}

		/** Whether the load failed (then every image would fail the same way). */
		boolean failed() {
			return future.isCompletedExceptionally();
		}

		@Override
		public void close() {
			try {
				future.join().close();
			}
			catch (CompletionException e) {
				// the load failed: nothing to free (get() reported the failure)
			}
		}
	}

	/**
	 * Loads the model; close it when done.
	 *
	 * @throws IllegalArgumentException when {@code scale} is given and the model is for another
	 */
	public static EspcnModel load(String nameOrPath, Optional<Integer> scale) throws IOException {
		BundledModels bundled = BundledModels.shipped();
		checkScale(bundled.resolveCard(nameOrPath), nameOrPath, scale);
		return bundled.resolve(nameOrPath);
	}

	private static void checkScale(ModelCard card, String nameOrPath, Optional<Integer> scale) {
		if (scale.isPresent() && card.scale != scale.get())
			throw new IllegalArgumentException("model " + nameOrPath + " is for scale " + card.scale +
				", not " + scale.get() + "; choose a model for x" + scale.get() + " or drop --scale");
	}
}
