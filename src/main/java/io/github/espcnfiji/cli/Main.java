package io.github.espcnfiji.cli;

import io.github.espcnfiji.model.DjlRuntime;

/**
 * The command-line entry point: {@code java -jar ESPCN_.jar COMMAND [OPTIONS]}; see
 * {@link Cli} for the commands and exit codes, and {@link MacroRunner} for
 * {@code java -jar ESPCN_.jar macro FILE.ijm [ARG ...]}.
 */
public final class Main {

	private Main() {}

	public static void main(String[] args) {
		DjlRuntime.goOffline();
		System.setProperty("java.awt.headless", "true");
		if (args.length > 0 && args[0].equals("macro")) System.exit(MacroRunner.run(java.util.Arrays
			.copyOfRange(args, 1, args.length), System.out, System.err));
		System.exit(Cli.standard().run(args, System.out, System.err));
	}
}
