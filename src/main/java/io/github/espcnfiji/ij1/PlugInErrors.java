package io.github.espcnfiji.ij1;

import ij.IJ;
import ij.macro.Interpreter;

import java.awt.GraphicsEnvironment;
import java.awt.HeadlessException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * How the PlugIns and the macro extension tell the user that something went wrong; a run that
 * failed is never recorded by the macro recorder ({@link CommandRecording}).
 * <ul>
 * <li>With a display: an error dialog ({@link IJ#error(String, String)}), which also aborts a
 * running macro.</li>
 * <li>Headless: one line {@code COMMAND: MESSAGE} in the log (standard output), and the running
 * macro is stopped with that message and its line ({@code (macro line N)}) as its error, so that {@code Interpreter.wasError()} is
 * true and the headless macro runner exits with a failure code. With no macro running, a
 * {@link PlugInFailure} is thrown to the caller.</li>
 * </ul>
 */
public final class PlugInErrors {

	/** Opens the note of the macro line that headless errors end with: {@code (macro line N)}. */
	public static final String MACRO_LINE = "(macro line ";

	private static volatile String lastMacroError;

	private PlugInErrors() {}

	/**
	 * The last error that stopped a macro headless, and forgets it; null if none since the last
	 * call. The interpreter's own message may be replaced by a follow-up parse error when it
	 * unwinds a loop, so the headless runner reports this one.
	 */
	public static String takeLastMacroError() {
		String e = lastMacroError;
		lastMacroError = null;
		return e;
	}

	/** Reports {@code message} as above. */
	public static void report(String command, String message) {
		CommandRecording.skip();
		if (!GraphicsEnvironment.isHeadless()) {
			Interpreter macro = Interpreter.getInstance();
			if (macro != null && !IJ.macroRunning()) macro.abort(command + ": " + message);
			else IJ.error(command, message);
			return;
		}
		String line = command + ": " + message;
		IJ.log(line);
		Interpreter macro = Interpreter.getInstance();
		if (macro == null) throw new PlugInFailure(line);
		String error = line + " " + MACRO_LINE + macro.getLineNumber() + ")";
		lastMacroError = error;
		try {
			macro.abort(error);
		}
		catch (HeadlessException e) {
			// The interpreter records the error, then fails to open its error dialog; it stops
			// after the current statement with wasError() true and this line as its message.
		}
	}

	/** A message a user can act on for an exception from the engine. */
	public static String describe(Exception e) {
		if (e instanceof FileSystemException && ((FileSystemException) e).getFile() != null) {
			FileSystemException f = (FileSystemException) e;
			String reason = f.getReason() != null ? f.getReason() : e instanceof NoSuchFileException
				? "not found" : e instanceof AccessDeniedException ? "permission denied"
					: e instanceof NotDirectoryException ? "not a folder"
						: e instanceof FileAlreadyExistsException ? "already exists" : e.getClass()
							.getSimpleName();
			return f.getFile() + ": " + reason;
		}
		if (e instanceof UncheckedIOException) return describe(((UncheckedIOException) e).getCause());
		if (e instanceof IOException && e.getMessage() != null) return e.getMessage();
		if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) return e
			.getMessage();
		return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e
			.getMessage());
	}
}
