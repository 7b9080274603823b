package io.github.espcnfiji.cli;

import ij.ImagePlus;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The files of an {@code upscale} run through three steps: read, super-resolve, write. Serial,
 * one file after the other; or overlapped, as the video pipeline does: while file N is in the
 * network (on the calling thread, whose tiles run on the inference workers), file N+1 is read
 * and file N-1 written as work given to {@code codecs} (the same workers, so that the steps
 * share the cores rather than add threads to them). At most one file is read ahead and one
 * waits to be written: three images in memory.
 * <p>
 * Either way, each file's outcome is told in file order, on the calling thread; a file's
 * failure in any step is its own, and the others go on unless {@link Outcomes#failed} throws.
 * Each file's steps are the same whichever the mode, so the files written are the same.
 */
final class FolderUpscaling {

	/** What is done to one file. */
	interface Steps<J> {

		ImagePlus read(J job) throws Exception;

		/** Super-resolves {@code in} (the caller closes it afterwards). */
		ImagePlus upscale(J job, int index, ImagePlus in) throws Exception;

		void write(J job, ImagePlus out) throws Exception;
	}

	/** Told of each file in order, on the calling thread. */
	interface Outcomes<J> {

		void written(J job, int index, ImagePlus out, long startNanos);

		/** Throw to stop the run (after the write in flight ends). */
		void failed(J job, int index, Throwable error) throws Exception;
	}

	private FolderUpscaling() {}

	/** Every file, one after the other. */
	static <J> void serial(List<J> jobs, Steps<J> steps, Outcomes<J> outcomes) throws Exception {
		for (int i = 0; i < jobs.size(); i++) {
			J job = jobs.get(i);
			long start = System.nanoTime();
			ImagePlus out;
			try {
				ImagePlus in = steps.read(job);
				try {
					out = steps.upscale(job, i, in);
				}
				finally {
					in.close();
				}
				steps.write(job, out);
			}
			catch (Exception | OutOfMemoryError e) {
				outcomes.failed(job, i, e);
				continue;
			}
			outcomes.written(job, i, out, start);
		}
	}

	/**
	 * Every file, reading the next and writing the previous on {@code codecs} while one is
	 * super-resolved here. The first file is read on the calling thread (while a model may still
	 * be loading elsewhere).
	 */
	static <J> void overlapped(List<J> jobs, Steps<J> steps, Outcomes<J> outcomes,
		Executor codecs) throws Exception
	{
		int n = jobs.size();
		if (n == 0) return;
		long[] starts = new long[n];
		starts[0] = System.nanoTime();
		CompletableFuture<ImagePlus> reading = readNow(steps, jobs.get(0));
		Pending<J> writing = null;
		try {
			for (int i = 0; i < n; i++) {
				J job = jobs.get(i);
				ImagePlus in = null;
				Throwable failure = null;
				try {
					in = reading.join();
				}
				catch (CompletionException e) {
					failure = e.getCause();
				}
				reading = null;
				if (i + 1 < n) {
					J next = jobs.get(i + 1);
					int k = i + 1;
					reading = CompletableFuture.supplyAsync(() -> {
						starts[k] = System.nanoTime();
						return call(() -> steps.read(next));
					}, codecs);
				}
				ImagePlus out = null;
				if (in != null) try {
					out = steps.upscale(job, i, in);
				}
				catch (Exception | OutOfMemoryError e) {
					failure = e;
				}
				finally {
					in.close();
				}
				if (writing != null) writing.report(outcomes); // file i-1, before file i
				writing = null;
				if (failure != null) outcomes.failed(job, i, failure);
				else {
					ImagePlus result = out;
					writing = new Pending<>(job, i, result, starts[i], CompletableFuture.runAsync(
						() -> call(() -> {
							steps.write(job, result);
							return null;
						}), codecs));
				}
			}
			if (writing != null) writing.report(outcomes);
			writing = null;
		}
		finally {
			// stopped early: let the write in flight end, and drop the file read ahead
			if (writing != null) writing.done.exceptionally(e -> null).join();
			if (reading != null) reading.thenAccept(ImagePlus::close);
		}
	}

	private static <J> CompletableFuture<ImagePlus> readNow(Steps<J> steps, J job) {
		try {
			return CompletableFuture.completedFuture(steps.read(job));
		}
		catch (Exception | OutOfMemoryError e) {
			return CompletableFuture.failedFuture(e);
		}
	}

	/** A write in flight and what to report when it ends. */
	private static final class Pending<J> {

		final J job;
		final int index;
		final ImagePlus out;
		final long start;
		final CompletableFuture<Void> done;

		Pending(J job, int index, ImagePlus out, long start, CompletableFuture<Void> done) {
			this.job = job;
			this.index = index;
			this.out = out;
			this.start = start;
			this.done = done;
		}

		void report(Outcomes<J> outcomes) throws Exception {
			try {
				done.join();
			}
			catch (CompletionException e) {
				outcomes.failed(job, index, e.getCause());
				return;
			}
			outcomes.written(job, index, out, start);
		}
	}

	private interface Step<T> {

		T run() throws Exception;
	}

	/** Runs a step, its checked exception carried out as the future's cause. */
	private static <T> T call(Step<T> step) {
		try {
			return step.run();
		}
		catch (RuntimeException | Error e) {
			throw e;
		}
		catch (Exception e) {
			throw new CompletionException(e);
		}
	}
}
