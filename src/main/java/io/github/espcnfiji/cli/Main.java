package io.github.espcnfiji.cli;

import io.github.espcnfiji.model.DjlRuntime;

/**
 * The command-line entry point: {@code java -jar ESPCN_.jar COMMAND [OPTIONS]}; see
 * {@link Cli} for the commands and exit codes.
 */
public final class Main {

	private Main() {}

	public static void main(String[] args) {
		DjlRuntime.goOffline();
		System.setProperty("java.awt.headless", "true");
		System.exit(Cli.standard().run(args, System.out, System.err));
	}
}
