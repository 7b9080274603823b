package io.github.espcnfiji.cli;

import io.github.espcnfiji.core.Suggestion;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The command-line launcher: picks the sub-command, parses its options, runs it and turns the
 * outcome into an exit code. It never calls {@code System.exit}, so tests run it in-process.
 * <ul>
 * <li>0: success;</li>
 * <li>1: the work failed; one line {@code error: REASON} on stderr (the full trace too with
 * {@code --debug});</li>
 * <li>2: the command line is wrong; the reason and the usage on stderr.</li>
 * </ul>
 */
public final class Cli {

	/** The developer tools' commands, in the tools jar ({@link #tools()}). */
	static final List<String> TOOLS = List.of("bench", "results", "plot", "compare", "study");

	/** How the program is started, for usage texts. */
	static final String PROGRAM = "java -jar ESPCN_.jar";
	/** How the developer tools are started (their jar names the plugin jar on its class path). */
	static final String TOOLS_PROGRAM = "java -jar ESPCN_-tools.jar";

	private final Map<String, Command> commands = new LinkedHashMap<>();

	Cli(Command... commands) {
		for (Command c : commands)
			this.commands.put(c.name(), c);
	}

	/** The launcher with every command. */
	public static Cli standard() {
		List<Command> all = new ArrayList<>(List.of(new DemoCommand(), new UpscaleCommand(),
			new MeasureCommand(), new EvaluateCommand(), new TrainCommand(), new ConvertCommand(),
			new VideoCommand(), new ExportCommand()));
		all.addAll(tools());
		return new Cli(all.toArray(new Command[0]));
	}

	/**
	 * The developer tools (bench, results, plot, compare, study) when their jar
	 * ({@code ESPCN_-VERSION-tools.jar}) is on the class path: they are not in the plugin jar
	 * that users install, and are found here through {@code META-INF/services}.
	 */
	static List<Command> tools() {
		List<Command> tools = new ArrayList<>();
		for (Command c : ServiceLoader.load(Command.class, Cli.class.getClassLoader()))
			tools.add(c);
		return tools;
	}

	/**
	 * Runs one command line and returns its exit code. Results that could not be written to
	 * {@code out} (a full disk behind {@code > file}, a closed pipe) make it a failure: exit 1 and
	 * one line on {@code err}.
	 */
	public int run(String[] args, PrintStream out, PrintStream err) {
		int code = runCommand(args, out, err);
		if (!out.checkError()) return code;
		err.println("error: " + StandardOutput.LOST);
		err.flush();
		return 1;
	}

	private int runCommand(String[] args, PrintStream out, PrintStream err) {
		Console console = new Console(out, err);
		List<String> rest = new ArrayList<>(Arrays.asList(args));
		boolean debug = rest.remove("--debug");
		if (rest.isEmpty() || rest.get(0).equals("--help") || rest.get(0).equals("-h") || rest
			.get(0).equals("help"))
		{
			boolean asked = !rest.isEmpty();
			(asked ? out : err).print(usage());
			return asked ? 0 : 2;
		}
		if (rest.get(0).equals("--version") || rest.get(0).equals("version")) {
			out.println(Version.line());
			return 0;
		}
		Command command = commands.get(rest.get(0));
		if (command == null) {
			List<String> known = new ArrayList<>(commands.keySet());
			known.add("macro");
			if (TOOLS.contains(rest.get(0))) {
				err.println("error: '" + rest.get(0) + "' is a developer tool, not in the plugin jar: " +
					"run it from target/ESPCN_-VERSION-tools.jar (mvn package makes it), e.g. java -jar " +
					"target/ESPCN_-*-tools.jar " + rest.get(0) + " --help");
				return 2;
			}
			err.println("error: unknown command '" + rest.get(0) + "'" + Suggestion.closest(rest.get(0),
				known).map(name -> " (did you mean " + name + "?)").orElse(""));
			err.println();
			err.print(usage());
			return 2;
		}
		List<String> options = rest.subList(1, rest.size());
		if (options.contains("--help") || options.contains("-h")) {
			out.print(help(command));
			return 0;
		}
		try {
			Options parsed = command.options().parse(options);
			return command.run(parsed, console);
		}
		catch (UsageException e) {
			err.println("error: " + e.getMessage());
			err.println("usage: " + program(command) + " " + command.name() + command.options()
				.synopsis());
			err.println("(" + program(command) + " " + command.name() + " --help for details)");
			return 2;
		}
		catch (Exception | LinkageError | VirtualMachineError e) {
			if (debug) Failures.trace(e, err);
			err.println("error: " + Failures.describe(e, command.options().has("tile")));
			return 1;
		}
		finally {
			out.flush();
			err.flush();
		}
	}

	/** The top-level usage: every command with its summary. */
	String usage() {
		StringBuilder sb = new StringBuilder();
		sb.append("ESPCN super-resolution (Shi et al., CVPR 2016) for images and Fiji\n\n");
		sb.append("usage: ").append(PROGRAM).append(" COMMAND [OPTIONS]\n\ncommands:\n");
		int width = commands.keySet().stream().mapToInt(String::length).max().orElse(0);
		for (Command c : commands.values())
			sb.append("  ").append(c.name()).append(" ".repeat(width - c.name().length() + 2)).append(c
				.summary()).append('\n');
		String macro = "macro";
		sb.append("  ").append(macro).append(" ".repeat(Math.max(2, width - macro.length() + 2)))
			.append("run an ImageJ macro headless with ImageJ's and the ESPCN commands: macro FILE.ijm [ARG...]\n");
		sb.append("\n").append(PROGRAM).append(" COMMAND --help shows a command's options.\n");
		sb.append("--debug (with any command) prints the full stack trace of a failure.\n");
		sb.append("--version prints the version, and those of DJL and PyTorch.\n");
		sb.append("Exit codes: 0 success, 1 failure (reason on stderr), 2 bad command line.\n");
		return sb.toString();
	}

	/** How {@code c} is started: from the plugin jar, or from the tools jar for a tool. */
	static String program(Command c) {
		return TOOLS.contains(c.name()) ? TOOLS_PROGRAM : PROGRAM;
	}

	/** A command's {@code --help}. */
	static String help(Command c) {
		String notes = c.notes();
		return "usage: " + program(c) + " " + c.name() + c.options().synopsis() + "\n\n" + c.summary() +
			"\n\noptions:\n" + c.options().describe() + (notes.isEmpty() ? "" : "\n" + notes +
				(notes.endsWith("\n") ? "" : "\n"));
	}
}
