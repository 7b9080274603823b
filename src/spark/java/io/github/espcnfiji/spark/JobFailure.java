package io.github.espcnfiji.spark;

import io.github.espcnfiji.cli.Failures;

/** The one line that says why a Spark job stopped. */
final class JobFailure {

	private JobFailure() {}

	/**
	 * The model that an executor could not load, said as the executor said it; else the first
	 * line of what stopped the job.
	 */
	static String describe(Throwable t) {
		for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause())
			if (c instanceof ExecutorModel.ModelUnavailableException) return c.getMessage();
		// in local mode the task's own exception travels as the cause: say it as the command line
		for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause())
			if (!c.getClass().getName().startsWith("org.apache.spark.")) return Failures.describe(c,
				true);
		String m = t.getMessage();
		if (m != null) {
			int at = m.indexOf("ModelUnavailableException: ");
			if (at >= 0) return firstLine(m.substring(at + "ModelUnavailableException: ".length()));
		}
		return m == null ? Failures.describe(t, true) : firstLine(m);
	}

	private static String firstLine(String s) {
		int nl = s.indexOf('\n');
		return (nl < 0 ? s : s.substring(0, nl)).trim();
	}
}
