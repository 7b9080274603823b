package io.github.espcnfiji.cli;

import io.github.espcnfiji.files.PartFiles;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * The one line a run stopped by Ctrl-C or {@code kill} prints on its way out, as its last,
 * saying what was completed (commands that hold back the stop with {@link PartFiles#hold()}
 * finish the output in hand first and print nothing more): by default the outputs finished so far (see {@link PartFiles#completed()}), or
 * what the command says (a training run: its epochs). Unfinished files are removed meanwhile by
 * {@link PartFiles}.
 */
final class InterruptNotice {

	/** The exit code of a run that stopped because it was asked to (as a shell's 128 + SIGINT). */
	static final int STOPPED = 130;

	private static volatile boolean finished;
	private static volatile boolean handled;
	private static volatile Supplier<String> completed = PartFiles::completed;

	private InterruptNotice() {}

	/** Prints the line to {@code err} if the program is stopped before {@link #finished()}. */
	static void install(PrintStream err) {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			PartFiles.requestStop();
			PartFiles.awaitHolds(); // a run finishing the output in hand, or its own stopping
			if (finished || handled) return;
			err.println("interrupted: " + completed.get() + "; unfinished files removed");
			err.flush();
		}, "espcn-interrupt-notice"));
	}

	/** What the running command has completed, for the line. */
	static void describeWith(Supplier<String> what) {
		completed = what;
	}

	/** The running command has said in its own line what its stopping left: no line. */
	static void handled() {
		handled = true;
	}

	/** The program ends by itself, unless it is being stopped: no line. */
	static void finished() {
		if (!PartFiles.stopRequested()) finished = true;
	}
}
