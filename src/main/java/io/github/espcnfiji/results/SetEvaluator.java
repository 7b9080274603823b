package io.github.espcnfiji.results;

import io.github.espcnfiji.core.EvaluationProtocol;
import io.github.espcnfiji.core.PlaneUpscaler;
import io.github.espcnfiji.core.Scores;
import io.github.espcnfiji.io.LoadedImage;
import io.github.espcnfiji.model.DjlRuntime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the protocol ({@link EvaluationProtocol}) on every image of a benchmark set: bicubic, and
 * a model when one is given. With more than one thread the images are scored in parallel, each
 * network pass on one PyTorch thread; the scores are the same, in the set's order.
 * <pre>{@code
 * SetScores s = new SetEvaluator(2, SetEvaluator.Progress.NONE).evaluate(BenchmarkSet.of(set5), 3, model);
 * double psnr = s.mean().modelPsnr().getAsDouble();
 * }</pre>
 */
public final class SetEvaluator {

	/** Told of each image as it is done (from any thread, one call at a time). */
	public interface Progress {

		Progress NONE = (set, done, total, image) -> {};

		void imageDone(String set, int done, int total, ImageScore image);
	}

	private final int threads;
	private final Progress progress;
	/** ImageJ's reader keeps static state: images are read one at a time. */
	private static final Object READING = new Object();

	public SetEvaluator(int threads, Progress progress) {
		if (threads < 1) throw new IllegalArgumentException("Threads must be >= 1, got " +
			threads);
		this.threads = threads;
		this.progress = progress == null ? Progress.NONE : progress;
	}

	/**
	 * Scores every image of the set at {@code scale}; {@code model} may be null (bicubic only).
	 *
	 * @throws IOException when an image cannot be read
	 * @throws IllegalArgumentException for an image the protocol does not take
	 */
	public SetScores evaluate(BenchmarkSet set, int scale, PlaneUpscaler model)
		throws IOException
	{
		List<Path> files = set.images();
		int[] done = { 0 };
		List<ImageScore> scores = new ArrayList<>();
		if (threads == 1) {
			for (Path f : files)
				scores.add(report(set, score(f, scale, model), done));
			return new SetScores(set.name(), scale, scores);
		}
		Work<List<ImageScore>> parallel = () -> {
			ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, files.size()));
			try {
				List<Future<ImageScore>> futures = new ArrayList<>();
				for (Path f : files)
					futures.add(pool.submit(() -> report(set, score(f, scale, model), done)));
				List<ImageScore> out = new ArrayList<>();
				for (Future<ImageScore> f : futures)
					out.add(f.get());
				return out;
			}
			finally {
				pool.shutdownNow();
			}
		};
		try {
			scores = model == null ? parallel.call() : DjlRuntime.callWithThreads(1, parallel::call);
		}
		catch (ExecutionException e) {
			throw rethrow(e.getCause());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IOException("Evaluation of " + set.name() + " interrupted", e);
		}
		catch (IllegalStateException e) {
			if (e.getCause() instanceof ExecutionException) throw rethrow(e.getCause().getCause());
			throw e;
		}
		return new SetScores(set.name(), scale, scores);
	}

	private interface Work<T> {

		T call() throws InterruptedException, ExecutionException;
	}

	/**
	 * Scores one image of a set (what {@link #evaluate} does to each); images are read one at a
	 * time in a JVM.
	 */
	public static ImageScore score(Path file, int scale, PlaneUpscaler model) throws IOException {
		LoadedImage img;
		synchronized (READING) {
			img = BenchmarkSet.read(file);
		}
		Scores s = EvaluationProtocol.evaluate(img.planes(), scale, model);
		return new ImageScore(file.getFileName().toString(), img.width(), img.height(), s);
	}

	private ImageScore report(BenchmarkSet set, ImageScore score, int[] done) {
		synchronized (done) {
			progress.imageDone(set.name(), ++done[0], set.images().size(), score);
		}
		return score;
	}

	private static IOException rethrow(Throwable cause) {
		if (cause instanceof IOException) return (IOException) cause;
		if (cause instanceof UncheckedIOException) return ((UncheckedIOException) cause).getCause();
		if (cause instanceof RuntimeException) throw (RuntimeException) cause;
		if (cause instanceof Error) throw (Error) cause;
		return new IOException(cause);
	}
}
