package io.github.espcnfiji.cli;

/**
 * One sub-command of the command line: its name, a one-line summary, the options it accepts,
 * and the work. Results go to {@link Console#out}, progress and warnings to {@link Console#err}.
 */
interface Command {

	String name();

	/** One line for the top-level usage. */
	String summary();

	/** The options; {@code --help} and {@code --debug} are added by the launcher. */
	OptionSpec options();

	/** Extra lines printed after the options by {@code --help} (may be empty). */
	default String notes() {
		return "";
	}

	/**
	 * Does the work.
	 *
	 * @return the exit code, 0 on success
	 * @throws UsageException when the options do not make sense together (exit 2)
	 * @throws Exception anything else that stops the work (exit 1, one-line reason)
	 */
	int run(Options options, Console console) throws Exception;
}
