package io.github.espcnfiji.cli;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.macro.Interpreter;
import io.github.espcnfiji.headless.HeadlessImageJ;
import io.github.espcnfiji.ij1.PlugInErrors;

import java.awt.HeadlessException;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar ESPCN_.jar macro FILE.ijm [ARG ...]}: runs an ImageJ 1.x macro without a
 * display, with the ESPCN commands ({@code run("ESPCN Super-Resolution...", ...)} and the others
 * of {@code plugins.config}) and ImageJ's own menu commands ({@link HeadlessCommands}), inside
 * {@link HeadlessImageJ}, where ImageJ's dialogs read the macro's options. The macro runs in
 * batch mode; {@code print} goes to standard output. A command that needs a window stops the
 * macro with one line ({@link DisplayNeeded}).
 * <p>
 * The arguments reach the macro's {@code getArgument()} joined by {@link #SEPARATOR}
 * ({@code "|"}), so a macro splits them with {@code split(getArgument(), "|")}; a single
 * argument that already holds {@code |} is passed as it is.
 * <p>
 * Exit codes:
 * <ul>
 * <li>0 when the macro ends, also through {@code exit} or {@code exit("message")};</li>
 * <li>1 when it fails: a macro error (syntax, unknown variable or command, ...), an error
 * reported by an ESPCN command, or an ImageJ error such as a failed {@code saveAs}; one line
 * {@code error: MESSAGE ... in FILE} on standard error. A macro fails on purpose with
 * {@code call("ij.IJ.error", message); exit;} (a dialog when there is a display);</li>
 * <li>2 for a wrong command line or an unreadable macro file.</li>
 * </ul>
 */
public final class MacroRunner {

	/** What joins several command-line arguments into the macro's one argument. */
	public static final String SEPARATOR = "|";

	private MacroRunner() {}

	/**
	 * Forgets the images a macro left open in batch mode: ImageJ keeps them after a macro run
	 * with an argument, where a later macro in the same JVM would find them by title.
	 */
	public static void closeBatchModeImages() {
		for (int id : Interpreter.getBatchModeImageIDs()) {
			ImagePlus imp = Interpreter.getBatchModeImage(id);
			if (imp != null) Interpreter.removeBatchModeImage(imp);
		}
		WindowManager.setTempCurrentImage(null);
	}

	/**
	 * Runs {@code args} = {@code FILE.ijm [ARG ...]} and returns the exit code. The macro runs
	 * in {@link HeadlessImageJ}, where ImageJ's commands read their dialogs from the macro's
	 * options.
	 */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		if (HeadlessImageJ.defined(MacroRunner.class)) return runHere(args, out, err);
		System.setProperty("java.awt.headless", "true");
		HeadlessImageJ loader = HeadlessImageJ.shared();
		Thread thread = Thread.currentThread();
		ClassLoader context = thread.getContextClassLoader();
		thread.setContextClassLoader(loader);
		try {
			return (Integer) loader.loadClass(MacroRunner.class.getName()).getMethod("run",
				String[].class, PrintStream.class, PrintStream.class).invoke(null, args, out, err);
		}
		catch (InvocationTargetException e) {
			Throwable cause = e.getCause();
			if (cause instanceof RuntimeException) throw (RuntimeException) cause;
			if (cause instanceof Error) throw (Error) cause;
			throw new IllegalStateException(cause);
		}
		catch (ReflectiveOperationException e) {
			throw new IllegalStateException("The headless ImageJ cannot start: " + e, e);
		}
		finally {
			thread.setContextClassLoader(context);
		}
	}

	private static int runHere(String[] args, PrintStream out, PrintStream err) {
		if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
			(args.length == 0 ? err : out).println("usage: java -jar ESPCN_.jar macro FILE.ijm [ARG ...]" +
				"   (the macro gets the arguments joined by '" + SEPARATOR + "' from getArgument())");
			return args.length == 0 ? 2 : 0;
		}
		Path file = Paths.get(args[0]);
		String macro;
		try {
			macro = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			err.println("error: cannot read the macro " + file + ": " + e.getMessage());
			return 2;
		}
		String argument = String.join(SEPARATOR, Arrays.asList(args).subList(1, args.length));
		System.setProperty("java.awt.headless", "true");
		HeadlessCommands.install();
		PlugInErrors.takeLastMacroError();
		IJ.getErrorMessage();
		Interpreter interpreter = new Interpreter();
		Throwable thrown = null;
		// ImageJ prints what its commands throw as a stack trace (IJ.handleException, and
		// Executer through IJ.log): keep both off the output
		// a command that needs a display stops the macro at its line (DisplayNeeded)
		DisplayNeeded handled = new DisplayNeeded(macro);
		IJ.setExceptionHandler(handled);
		PrintStream standard = System.out;
		StackTraceFilter filtered = new StackTraceFilter(standard, handled::trace);
		System.setOut(filtered);
		try {
			interpreter.run(macro, argument);
		}
		catch (RuntimeException | Error e) {
			thrown = e;
			handled.thrown(e, interpreter.getLineNumber());
		}
		finally {
			System.setOut(standard);
			IJ.setExceptionHandler(null);
			closeBatchModeImages();
			out.flush();
		}
		// the macro's print() goes through IJ.log to System.out
		if (out.checkError() || filtered.checkError() || standard.checkError()) {
			err.println("error: " + file.getFileName() + ": " + StandardOutput.LOST);
			return 1;
		}
		if (handled.message() != null) {
			err.println("error: " + handled.message() + " in " + file.getFileName());
			return 1;
		}
		String commandError = PlugInErrors.takeLastMacroError();
		if (commandError != null) {
			err.println("error: " + commandError + " in " + file.getFileName());
			return 1;
		}
		if (interpreter.wasError()) {
			err.println("error: " + interpreter.getErrorMessage() + " " + PlugInErrors.MACRO_LINE +
				interpreter.getLineNumber() + ") in " + file.getFileName());
			return 1;
		}
		String imageJError = IJ.getErrorMessage();
		if (thrown != null && imageJError != null) {
			// an error of an ImageJ call outside run(...), such as saveAs, cancels the macro
			err.println("error: " + imageJError + " in " + file.getFileName());
			return 1;
		}
		if (thrown != null && !Macro.MACRO_CANCELED.equals(thrown.getMessage())) {
			err.println("error: " + file.getFileName() + " failed: " + firstLine(thrown));
			return 1;
		}
		List<String> failures = new ArrayList<>(filtered.traces());
		for (Throwable t : handled.others())
			failures.add(firstLine(t));
		for (String f : failures) {
			// a HeadlessException is an error dialog that could not open: its error was reported
			if (f.startsWith(HeadlessException.class.getName())) continue;
			err.println("error: " + file.getFileName() + " failed: " + f);
			return 1;
		}
		return 0;
	}

	/** A throwable's first line: some (a VerifyError) explain themselves over many. */
	private static String firstLine(Throwable t) {
		return t.toString().lines().findFirst().orElse("");
	}
}
