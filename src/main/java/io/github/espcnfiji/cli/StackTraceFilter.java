package io.github.espcnfiji.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Standard output for a headless macro that keeps ImageJ's stack traces off it. ImageJ logs what
 * a command throws as a whole trace ({@code ij.Executer} catches it and calls {@code IJ.log},
 * which prints to standard output without a display): a mistyped {@code run("...")} in a
 * headless macro prints a 27-line {@code HeadlessException}, from the error dialog ImageJ could
 * not open, above the one line that says what went wrong. Such a trace is kept here, first line
 * only, for the macro runner to report if nothing else explains the failure.
 */
final class StackTraceFilter extends PrintStream {

	private static final Pattern TRACE = Pattern.compile("(?s)[^\\n]*\\R\\s*at [\\w$./<>]+\\(.*");

	private final List<String> traces = new ArrayList<>();

	private final Consumer<String> listener;

	StackTraceFilter(PrintStream out) {
		this(out, trace -> {});
	}

	/** {@code listener} gets each whole trace as it is printed (it may throw to stop a macro). */
	StackTraceFilter(PrintStream out, Consumer<String> listener) {
		super(out, true);
		this.listener = listener;
	}

	@Override
	public void println(String x) {
		if (x != null && TRACE.matcher(x).matches()) {
			synchronized (traces) {
				traces.add(x.lines().findFirst().orElse("").trim());
			}
			listener.accept(x);
		}
		else super.println(x);
	}

	@Override
	public void println(Object x) {
		println(String.valueOf(x));
	}

	/** The first lines of the traces kept, in order. */
	List<String> traces() {
		synchronized (traces) {
			return Collections.unmodifiableList(new ArrayList<>(traces));
		}
	}
}
