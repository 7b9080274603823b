package io.github.espcnfiji.spark;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failures on purpose, for the tests of retries and resumes; read from system properties of
 * the executor JVM ({@code spark.executor.extraJavaOptions}, or the test JVM in local mode), and
 * inert when they are not set:
 * <ul>
 * <li>{@code espcn.spark.fail-first-attempt=NAME[,NAME...]}: the first attempt of the task for
 * each of these inputs (file names, or Zarr chunk keys such as {@code 0/0/1/2}) fails before
 * its output is written (after the work for a file, before it for a chunk); Spark retries it.</li>
 * <li>{@code espcn.spark.halt-after=N}: the JVM stops dead (as if killed) once it has written N
 * outputs.</li>
 * </ul>
 */
final class FaultInjection {

	static final String FAIL_FIRST_ATTEMPT = "espcn.spark.fail-first-attempt";
	static final String HALT_AFTER = "espcn.spark.halt-after";

	private static final AtomicInteger WRITTEN = new AtomicInteger();

	private FaultInjection() {}

	/** Called before an output is written. */
	static void beforeWrite(String name) {
		haltAfter(); // a mistyped number fails the task here, never after a write
		String names = System.getProperty(FAIL_FIRST_ATTEMPT);
		if (names != null && Executor.attempt() == 0 && Arrays.asList(names.split(",")).contains(
			name)) throw new InjectedFailure(name);
	}

	/** The failure {@link #beforeWrite} makes: it fails the task, never only the file. */
	static final class InjectedFailure extends RuntimeException {

		private static final long serialVersionUID = 1L;

		InjectedFailure(String name) {
			super("injected failure of the first attempt for " + name + " (" + FAIL_FIRST_ATTEMPT +
				")");
		}
	}

	/** Called after an output was written. */
	static void afterWrite() {
		int n = haltAfter();
		if (n > 0 && WRITTEN.incrementAndGet() >= n) Runtime.getRuntime().halt(137);
	}

	/** {@value #HALT_AFTER}, 0 when it is not set. */
	private static int haltAfter() {
		String n = System.getProperty(HALT_AFTER);
		if (n == null) return 0;
		try {
			return Math.max(1, Integer.parseInt(n.trim()));
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException(HALT_AFTER + " must be a number, not '" + n + "'", e);
		}
	}
}
