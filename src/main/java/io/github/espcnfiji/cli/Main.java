package io.github.espcnfiji.cli;

/**
 * The command-line entry point: {@code java -jar ESPCN_.jar COMMAND [OPTIONS]}; see
 * {@link Cli} for the commands and exit codes, and {@link MacroRunner} for
 * {@code java -jar ESPCN_.jar macro FILE.ijm [ARG ...]}.
 * <p>
 * This class and the two it calls first use the JDK alone, so that they work when the
 * libraries do not load:
 * <ul>
 * <li>{@link FileNameEncoding}: under {@code LANG=C} Java maps file names through ASCII and
 * cannot open a file whose name has any other character; the program then runs itself again in
 * a UTF-8 locale, with its arguments as they were typed;</li>
 * <li>{@link MissingLibrary}: the jar run without its dependencies ({@code target/jars/} not
 * beside it, or {@code java -cp ESPCN_.jar} alone) gets one line saying which jar is missing,
 * not a {@link NoClassDefFoundError} trace.</li>
 * </ul>
 */
public final class Main {

	private Main() {}

	public static void main(String[] args) {
		String[] arguments = FileNameEncoding.arguments(args);
		FileNameEncoding.relaunchIfNeeded(arguments).ifPresent(System::exit);
		try {
			Launcher.run(arguments);
		}
		catch (LinkageError e) {
			System.err.println("error: " + MissingLibrary.describe(e));
			System.exit(1);
		}
	}
}
