package io.github.espcnfiji.cli;

/**
 * A command line that cannot be run as typed: an unknown command or option, a missing or
 * malformed value. The launcher prints the message and the command's usage and exits with 2.
 */
public final class UsageException extends Exception {

	private static final long serialVersionUID = 1L;

	public UsageException(String message) {
		super(message);
	}
}
