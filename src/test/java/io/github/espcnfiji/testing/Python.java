package io.github.espcnfiji.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Test helper: finds a Python interpreter that can import given modules (the property
 * {@code espcn.python}, then {@code python3}, then {@code /usr/bin/python3}, where Debian's
 * {@code python3-torch} lives) and runs scripts with it. Tests that need it skip when none is
 * found.
 */
public final class Python {

	private static final Map<String, Optional<String>> FOUND = new LinkedHashMap<>();

	private Python() {}

	/** An interpreter that imports all {@code modules} (comma-separated), if there is one. */
	public static synchronized Optional<String> with(String modules) {
		return FOUND.computeIfAbsent(modules, m -> {
			List<String> candidates = new ArrayList<>();
			String configured = System.getProperty("espcn.python");
			if (configured != null) candidates.add(configured);
			candidates.add("python3");
			candidates.add("/usr/bin/python3");
			for (String python : candidates)
				try {
					if (run(python, 60, "-c", "import " + m).exitCode == 0) return Optional.of(python);
				}
				catch (IOException e) {
					// not installed under that name
				}
			return Optional.empty();
		});
	}

	/** Runs {@code python script args...}; the result holds the exit code and all output. */
	public static Result runScript(String python, Path script, String... args)
		throws IOException
	{
		List<String> command = new ArrayList<>();
		command.add(script.toString());
		command.addAll(List.of(args));
		return run(python, 600, command.toArray(new String[0]));
	}

	private static Result run(String python, int seconds, String... args) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(python);
		command.addAll(List.of(args));
		Path log = Files.createTempFile("espcn-python", ".log");
		try {
			Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log
				.toFile()).start();
			int code = waitFor(p, python, seconds);
			return new Result(code, Files.readString(log, StandardCharsets.UTF_8));
		}
		finally {
			Files.deleteIfExists(log);
		}
	}

	private static int waitFor(Process p, String python, int seconds) throws IOException {
		try {
			if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
				p.destroyForcibly();
				throw new IOException(python + " did not finish within " + seconds + " s");
			}
		}
		catch (InterruptedException e) {
			p.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted", e);
		}
		return p.exitValue();
	}

	/** Exit code and combined output of a run. */
	public static final class Result {

		public final int exitCode;
		public final String output;

		Result(int exitCode, String output) {
			this.exitCode = exitCode;
			this.output = output;
		}
	}
}
