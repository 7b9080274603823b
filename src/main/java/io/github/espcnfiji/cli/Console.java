package io.github.espcnfiji.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Where a command writes: results (tables, file names) to {@link #out}, progress and warnings to
 * {@link #err}, so that {@code > results.txt} captures only results.
 */
final class Console {

	final PrintStream out;
	final PrintStream err;

	Console(PrintStream out, PrintStream err) {
		this.out = out;
		this.err = err;
	}

	/** A progress line on stderr, formatted with {@link Locale#ROOT}. */
	void progress(String format, Object... args) {
		err.println(String.format(Locale.ROOT, format, args));
		err.flush();
	}

	/** A result line on stdout, formatted with {@link Locale#ROOT}. */
	void result(String format, Object... args) {
		out.println(String.format(Locale.ROOT, format, args));
		out.flush();
	}
}
