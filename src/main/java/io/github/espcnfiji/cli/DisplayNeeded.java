package io.github.espcnfiji.cli;

import ij.IJ;
import ij.macro.Interpreter;

import java.awt.HeadlessException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What ImageJ's commands throw in the headless macro runner, whether ImageJ hands it to
 * {@link IJ#setExceptionHandler} or prints it ({@link #trace}): a command that opens a window
 * ("Brightness/Contrast...", "Threshold...", a plot, ...) throws {@link HeadlessException}, and
 * one whose code treats ImageJ's dialog as a window cannot load ({@link LinkageError}). Either
 * stops the macro at its line, and {@link #message} names the command and the line. A
 * {@code HeadlessException} from an error message ImageJ could not show is not one of them:
 * that error is reported on its own.
 */
final class DisplayNeeded implements IJ.ExceptionHandler {

	private static final Pattern RUN = Pattern.compile("run\\s*\\(\\s*\"([^\"]+)\"");

	/** Frames of an error message ImageJ tried to show. */
	private static final Pattern ERROR_DIALOG = Pattern.compile(
		"ij\\.gui\\.MessageDialog|ij\\.IJ\\.(error|showMessage)\\b|ij\\.macro\\.Interpreter\\.error");

	/**
	 * A null pointer where a display would have given a window or a dialog's components
	 * (Java's message names the null value: {@code "ij.gui.GenericDialog.getCheckboxes()"}).
	 */
	private static final Pattern NO_WINDOW = Pattern.compile("\\bij\\.gui\\.ImageWindow\\b|" +
		"\\.getWindow\\(\\)|\\.getCanvas\\(\\)|\"this\\.win\"|" +
		"Dialog\\.get(Checkboxes|NumericFields|StringFields|Choices|Sliders|RadioButtonGroups|" +
		"TextArea[12]|Message|Label|PreviewCheckbox|Buttons)\\(\\)");

	private final String[] lines;
	private final List<Throwable> others = new ArrayList<>();
	private String message;

	DisplayNeeded(String macro) {
		lines = macro.split("\\R", -1);
	}

	@Override
	public void handle(Throwable t) {
		String frames = t + " " + Arrays.toString(t.getStackTrace());
		if (!stop(t.getClass().getName(), frames)) others.add(t);
	}

	/** A trace ImageJ printed, the exception's class name on its first line. */
	void trace(String trace) {
		String first = trace.lines().findFirst().orElse("").trim();
		int colon = first.indexOf(':');
		stop(colon < 0 ? first : first.substring(0, colon), trace);
	}

	/**
	 * What the macro run itself threw at {@code line}: a class that cannot load without a
	 * display ({@code Dialog.createNonBlocking}) ends there; whether it was one.
	 */
	boolean thrown(Throwable t, int line) {
		if (message != null || !needsDisplay(t.getClass().getName(), t.toString())) return false;
		message = describe(line);
		return true;
	}

	/** One line naming the command and the macro line, or null when no command needed one. */
	String message() {
		return message;
	}

	/** What else ImageJ's commands threw. */
	List<Throwable> others() {
		return others;
	}

	private boolean stop(String exception, String frames) {
		if (message != null || !needsDisplay(exception, frames)) return false;
		Interpreter interpreter = Interpreter.getInstance();
		message = describe(interpreter == null ? 0 : interpreter.getLineNumber());
		// stop after this statement, letting ImageJ finish its command as it would on an error
		if (interpreter != null) interpreter.abortMacro();
		return true;
	}

	private String describe(int line) {
		String text = line >= 1 && line <= lines.length ? lines[line - 1].trim() : "";
		Matcher m = RUN.matcher(text);
		String command = m.find() ? "\"" + m.group(1) + "\"" : "this statement";
		return command + " needs a display, which the headless macro runner has not (line " +
			line + ": " + text + ")";
	}

	static boolean needsDisplay(String exception, String frames) {
		if (exception.equals(HeadlessException.class.getName()))
			return !ERROR_DIALOG.matcher(frames).find();
		if (exception.equals(NullPointerException.class.getName()))
			return NO_WINDOW.matcher(frames.lines().findFirst().orElse("")).find();
		return linkage(exception);
	}

	private static boolean linkage(String exception) {
		try {
			return LinkageError.class.isAssignableFrom(Class.forName(exception, false,
				DisplayNeeded.class.getClassLoader()));
		}
		catch (ClassNotFoundException | LinkageError e) {
			return false;
		}
	}
}
