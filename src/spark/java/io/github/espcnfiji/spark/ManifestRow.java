package io.github.espcnfiji.spark;

import java.io.Serializable;

/** What a task did to one input: a line of the manifest. */
final class ManifestRow implements Serializable {

	private static final long serialVersionUID = 1L;

	/** What became of the input. */
	enum Status {
		/** Written by this job. */
		WRITTEN,
		/** Complete already (an earlier run or attempt): left as it was. */
		SKIPPED,
		/** Could not be done; {@link ManifestRow#message} says why. */
		FAILED
	}

	final String input;
	final String output;
	final Status status;
	final long bytes;
	final double seconds;
	final String executor;
	final int attempt;
	final String message;

	ManifestRow(String input, String output, Status status, long bytes, double seconds,
		String executor, int attempt, String message)
	{
		this.input = input;
		this.output = output;
		this.status = status;
		this.bytes = bytes;
		this.seconds = seconds;
		this.executor = executor;
		this.attempt = attempt;
		this.message = message == null ? "" : message;
	}
}
