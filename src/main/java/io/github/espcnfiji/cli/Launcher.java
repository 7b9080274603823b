package io.github.espcnfiji.cli;

import io.github.espcnfiji.model.DjlRuntime;

/**
 * The command line's work once {@link Main} has checked the ground: keeps DJL offline, makes the
 * JVM headless and runs the command ({@link Cli} for the commands and exit codes,
 * {@link MacroRunner} for {@code macro FILE.ijm [ARG ...]}).
 */
final class Launcher {

	private Launcher() {}

	static void run(String[] args) {
		DjlRuntime.goOffline();
		System.setProperty("java.awt.headless", "true");
		if (args.length > 0 && args[0].equals("train")) startPyTorchWith(threadsOption(args));
		InterruptNotice.install(System.err);
		int code;
		try {
			code = args.length > 0 && args[0].equals("macro") ? MacroRunner.run(java.util.Arrays
				.copyOfRange(args, 1, args.length), System.out, System.err) : Cli.standard().run(args,
					System.out, System.err);
		}
		finally {
			InterruptNotice.finished(); // also when a missing library ends the run (Main says so)
		}
		System.exit(code);
	}

	/**
	 * Switching PyTorch's thread count after other work has run does not always give repeatable
	 * sums, so a training run fixes it before the engine starts.
	 */
	private static void startPyTorchWith(String threads) {
		if (System.getProperty("ai.djl.pytorch.num_threads") == null) System.setProperty(
			"ai.djl.pytorch.num_threads", threads);
	}

	private static String threadsOption(String[] args) {
		for (int i = 0; i + 1 < args.length; i++)
			if (args[i].equals("--threads") && args[i + 1].matches("[1-9][0-9]*")) return args[i + 1];
		return "1";
	}
}
