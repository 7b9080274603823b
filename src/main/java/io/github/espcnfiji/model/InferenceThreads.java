package io.github.espcnfiji.model;

import ai.djl.pytorch.jni.JniUtils;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Daemon threads that run inference tiles side by side, each with one PyTorch intra-op thread.
 * <p>
 * Why: on a small, busy machine, PyTorch's own OpenMP threads wait for each other at the end of
 * every operator, and a thread that the OS has descheduled stalls them all (measured here: a
 * frame took 10x longer with two intra-op threads than with two tiles on two one-thread
 * workers). Independent tiles on independent threads never wait for each other.
 * <p>
 * PyTorch's thread count is per thread under OpenMP ({@code omp_set_num_threads}), but setting
 * it also changes the process-wide default that threads pick up on their first operator. So each
 * worker, when it starts, first takes the default (as any thread would), then sets one thread for
 * itself; the thread that starts the workers then puts its own count back as the default. The
 * workers also turn off TorchScript's graph optimiser for themselves (a thread-local switch):
 * the scripts they run are already one fused operator per layer, and re-profiling them for
 * every new tile shape costs more than it gains.
 * <pre>{@code
 * InferenceThreads threads = InferenceThreads.shared();
 * float[] r = threads.call(() -> forward(tile)); // on a worker, waits for it
 * }</pre>
 */
public final class InferenceThreads {

	private static final Object LOCK = new Object();
	private static InferenceThreads shared;

	private final int count;
	private final ExecutorService pool;

	private InferenceThreads(int count) {
		if (count < 1) throw new IllegalArgumentException("Inference threads must be >= 1, got " +
			count);
		this.count = count;
		Worker[] workers = new Worker[count];
		CountDownLatch ready = new CountDownLatch(count);
		int callerThreads = DjlRuntime.call(() -> {
			ai.djl.engine.Engine.getInstance(); // loads the native library
			return JniUtils.getNumThreads();
		});
		this.pool = new ThreadPoolExecutor(count, count, 0, TimeUnit.SECONDS,
			new LinkedBlockingQueue<>(), r -> {
				Worker w = new Worker(r, ready);
				return w;
			});
		// start every worker now, so that each has set its own thread count before the caller
		// restores the default
		for (int i = 0; i < count; i++)
			((ThreadPoolExecutor) pool).prestartCoreThread();
		boolean interrupted = false;
		while (true) {
			try {
				ready.await();
				break;
			}
			catch (InterruptedException e) {
				interrupted = true;
			}
		}
		DjlRuntime.run(() -> JniUtils.setNumThreads(callerThreads));
		if (interrupted) Thread.currentThread().interrupt();
	}

	/**
	 * The process's workers, one per available processor unless the system property
	 * {@code espcn.inference.threads} says otherwise; started on first use.
	 */
	public static InferenceThreads shared() {
		synchronized (LOCK) {
			if (shared == null) shared = new InferenceThreads(defaultCount());
			return shared;
		}
	}

	/**
	 * Replaces the shared workers by {@code count} new ones (for benchmarks and tuning); the old
	 * ones finish their queued work and end.
	 */
	public static InferenceThreads resize(int count) {
		synchronized (LOCK) {
			if (shared != null && shared.count == count) return shared;
			InferenceThreads old = shared;
			shared = new InferenceThreads(count);
			if (old != null) old.pool.shutdown();
			return shared;
		}
	}

	private static int defaultCount() {
		String p = System.getProperty("espcn.inference.threads");
		if (p != null) try {
			return Math.max(1, Integer.parseInt(p.trim()));
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException("espcn.inference.threads must be a number, got '" +
				p + "'", e);
		}
		return Math.max(1, Runtime.getRuntime().availableProcessors());
	}

	/** The number of workers. */
	public int count() {
		return count;
	}

	/**
	 * The workers as an executor (that cannot be shut down through it). Work given from a
	 * worker runs right there, so that work which waits for other work it gave (a tiler inside
	 * a tile) cannot take every worker and wait forever.
	 */
	public Executor executor() {
		return work -> {
			if (Thread.currentThread() instanceof Worker) work.run();
			else pool.execute(work);
		};
	}

	/** Runs {@code work} on a worker, or right here when the caller is a worker. */
	public <T> T call(Callable<T> work) {
		if (Thread.currentThread() instanceof Worker) try {
			return work.call();
		}
		catch (RuntimeException e) {
			throw e;
		}
		catch (Exception e) {
			throw new IllegalStateException(e.getMessage(), e);
		}
		Future<T> f = pool.submit(work);
		try {
			return f.get();
		}
		catch (InterruptedException e) {
			f.cancel(false);
			Thread.currentThread().interrupt();
			throw new java.util.concurrent.CancellationException("Interrupted while waiting for " +
				"inference");
		}
		catch (ExecutionException e) {
			Throwable cause = e.getCause();
			if (cause instanceof RuntimeException) throw (RuntimeException) cause;
			if (cause instanceof Error) throw (Error) cause;
			throw new IllegalStateException(cause.getMessage(), cause);
		}
	}

	/**
	 * A direct, native-order buffer of at least {@code bytes} bytes owned by the calling worker
	 * (reused by its next calls), or a new one when the caller is not a worker.
	 */
	static ByteBuffer buffer(int bytes) {
		Thread t = Thread.currentThread();
		if (!(t instanceof Worker)) return allocate(bytes);
		Worker w = (Worker) t;
		if (w.buffer == null || w.buffer.capacity() < bytes) w.buffer = allocate(bytes);
		w.buffer.clear();
		return w.buffer;
	}

	private static ByteBuffer allocate(int bytes) {
		return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
	}

	private static final class Worker extends Thread {

		private ByteBuffer buffer;

		Worker(Runnable work, CountDownLatch ready) {
			super(() -> {
				DjlRuntime.run(() -> {
					JniUtils.getNumThreads(); // take the default first, as any new thread does
					JniUtils.setNumThreads(1);
					JniUtils.setGraphExecutorOptimize(false);
				});
				ready.countDown();
				Thread.currentThread().setContextClassLoader(DjlRuntime.class.getClassLoader());
				work.run();
			}, "espcn-inference");
			setDaemon(true);
		}
	}
}
