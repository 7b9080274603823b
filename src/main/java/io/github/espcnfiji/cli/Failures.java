package io.github.espcnfiji.cli;

import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.concurrent.CancellationException;

/**
 * Turns whatever stopped a command into the one line a user reads after {@code error: }, and,
 * with {@code --debug}, into the full trace.
 */
public final class Failures {

	private Failures() {}

	/** A single line that says what went wrong, naming the file where there is one. */
	public static String describe(Throwable t) {
		return describe(t, false);
	}

	/**
	 * As {@link #describe(Throwable)}; {@code tiles} says whether the command has a
	 * {@code --tile} option, which is advised for running out of memory only then.
	 */
	public static String describe(Throwable t, boolean tiles) {
		String m = message(t, tiles);
		return m.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
	}

	private static String message(Throwable t, boolean tiles) {
		if (t instanceof OutOfMemoryError) return "out of memory (Java may use " + Runtime
			.getRuntime().maxMemory() / (1 << 20) + " MB): " + (tiles ? "use a smaller --tile, or " :
				"") + "give Java more memory (java -Xmx8g -jar ...)";
		if (t instanceof CancellationException) return "cancelled: " + t.getMessage();
		if (t instanceof LinkageError && MissingLibrary.missingClass((LinkageError) t) != null)
			return MissingLibrary.describe((LinkageError) t);
		if (t instanceof FileSystemException) {
			FileSystemException f = (FileSystemException) t;
			if (f.getReason() != null) return f.getMessage();
			String file = f.getFile();
			if (t instanceof NoSuchFileException) return "no such file or folder: " + file;
			if (t instanceof AccessDeniedException) return "permission denied: " + file;
			if (t instanceof FileAlreadyExistsException) return "already exists: " + file;
			if (t instanceof NotDirectoryException) return "not a folder: " + file;
			return "cannot access " + file;
		}
		String m = t.getMessage();
		if (m == null || m.isBlank()) return t.getClass().getSimpleName() + (t.getCause() == null
			? "" : ": " + describe(t.getCause(), tiles));
		return m;
	}

	/** The exception, its stack and its causes, for {@code --debug}. */
	static void trace(Throwable t, PrintStream err) {
		for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
			err.println((c == t ? "" : "Caused by: ") + c);
			for (StackTraceElement e : c.getStackTrace())
				err.println("\tat " + e);
		}
	}
}
