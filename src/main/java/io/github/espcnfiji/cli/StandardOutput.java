package io.github.espcnfiji.cli;

/**
 * What a command says when its results could not be written to standard output. A
 * {@link java.io.PrintStream} never throws: it records the failure, which
 * {@link java.io.PrintStream#checkError()} reports, so {@code measure > /dev/full} would
 * otherwise exit 0 with its results lost.
 */
final class StandardOutput {

	/** The one line (after {@code error: }). */
	static final String LOST = "the results could not be written to standard output (a full " +
		"disk, or a closed pipe): they are lost";

	private StandardOutput() {}
}
