package io.github.espcnfiji.model;

import java.util.concurrent.Callable;

/**
 * The one door to DJL. It keeps DJL offline (no usage tracking, no downloads) by setting
 * {@code ai.djl.offline} and {@code OPT_OUT_TRACKING} before DJL's {@code Engine} class is first
 * touched, and it runs DJL calls with the thread's context class loader set to the loader of this
 * plugin, without which DJL's engine discovery fails inside ImageJ's PluginClassLoader.
 * <p>
 * Every entry point (CLI, commands, PlugIns, tests) goes through here before it uses DJL.
 */
public final class DjlRuntime {

	static {
		goOffline();
	}

	private DjlRuntime() {}

	/** Sets the properties that keep DJL from opening network connections. Idempotent. */
	public static void goOffline() {
		System.setProperty("ai.djl.offline", "true");
		System.setProperty("OPT_OUT_TRACKING", "true");
	}

	/** Runs {@code work} with the plugin's class loader as the thread's context class loader. */
	public static <T> T call(Callable<T> work) {
		goOffline();
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader(DjlRuntime.class.getClassLoader());
		try {
			return work.call();
		}
		catch (RuntimeException e) {
			throw e;
		}
		catch (Exception e) {
			throw new IllegalStateException(e.getMessage(), e);
		}
		finally {
			thread.setContextClassLoader(previous);
		}
	}

	/**
	 * As {@link #call}, with PyTorch's intra-op thread count set to {@code threads} for the
	 * duration (and restored after). One thread makes float reductions, and so training, bit for
	 * bit reproducible; the setting is process-wide, so other DJL work running at the same time
	 * shares it.
	 */
	public static <T> T callWithThreads(int threads, Callable<T> work) {
		if (threads < 1) throw new IllegalArgumentException("Threads must be >= 1, got " +
			threads);
		return call(() -> {
			ai.djl.engine.Engine.getInstance(); // loads the native library
			int previous = ai.djl.pytorch.jni.JniUtils.getNumThreads();
			ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
			try {
				return work.call();
			}
			finally {
				ai.djl.pytorch.jni.JniUtils.setNumThreads(previous);
			}
		});
	}

	/** As {@link #call} for work without a result. */
	public static void run(Runnable work) {
		call(() -> {
			work.run();
			return null;
		});
	}
}
