package io.github.espcnfiji.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs this program's classes in a fresh JVM, on the same class path, for the measurements
 * that need one (cold start and peak memory) and for tests that kill a run part-way.
 */
final class ChildProcesses {

	/** What a child did: exit code, output (stdout and stderr), wall-clock seconds. */
	static final class Outcome {

		final int exitCode;
		final String output;
		final double seconds;

		Outcome(int exitCode, String output, double seconds) {
			this.exitCode = exitCode;
			this.output = output;
			this.seconds = seconds;
		}

		String lastLine() {
			String[] lines = output.strip().split("\\R");
			return lines.length == 0 ? "" : lines[lines.length - 1];
		}
	}

	private ChildProcesses() {}

	/**
	 * Runs {@code mainClass} with {@code args} in a new JVM with the options {@code jvmOptions},
	 * and waits at most {@code limitSeconds}.
	 *
	 * @throws IOException when it cannot start or does not finish in time
	 */
	static Outcome run(List<String> jvmOptions, String mainClass, List<String> args,
		int limitSeconds) throws IOException
	{
		Path log = Files.createTempFile("espcn-child-", ".log");
		try {
			long start = System.nanoTime();
			Process p = start(jvmOptions, mainClass, args, log);
			try {
				if (!p.waitFor(limitSeconds, TimeUnit.SECONDS)) {
					p.destroyForcibly();
					throw new IOException(mainClass + " did not finish within " + limitSeconds + " s");
				}
			}
			catch (InterruptedException e) {
				p.destroyForcibly();
				Thread.currentThread().interrupt();
				throw new IOException("interrupted while waiting for " + mainClass, e);
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			return new Outcome(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8), seconds);
		}
		finally {
			Files.deleteIfExists(log);
		}
	}

	/**
	 * Starts {@code mainClass} with {@code args} in a new JVM, its output (stdout and stderr)
	 * going to {@code log}, and returns at once: for tests that stop it part-way.
	 */
	static Process start(List<String> jvmOptions, String mainClass, List<String> args, Path log)
		throws IOException
	{
		List<String> command = new ArrayList<>();
		command.add(javaBinary());
		command.addAll(jvmOptions);
		command.add("-Dai.djl.offline=true");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(mainClass);
		command.addAll(args);
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
			.start();
	}

	private static String javaBinary() {
		return ProcessHandle.current().info().command().orElse(Paths.get(System.getProperty(
			"java.home"), "bin", "java").toString());
	}
}
