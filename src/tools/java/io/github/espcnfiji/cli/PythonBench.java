package io.github.espcnfiji.cli;

import io.github.espcnfiji.model.EspcnSpec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The same work timed in PyTorch, through the script {@code bench/espcn_bench.py} shipped in
 * the jar, run by the first of the candidate interpreters that imports {@code torch}: the
 * forward pass, the reference code's RGB pipeline, or its training step (see the script).
 */
final class PythonBench {

	/** What the script times. */
	enum Task {
		/** The network on a random luma plane. */
		FORWARD("forward"),
		/**
		 * The same, frozen and optimised for inference, in tiles of 192 (see the script): the
		 * best-configured float32 forward.
		 */
		FORWARD_BEST("forward-best"),
		/** The same in bfloat16 autocast, channels-last and frozen. */
		FORWARD_BEST_BF16("forward-best", "--bf16"),
		/** The reference code's test.py from RGB pixels to RGB pixels. */
		RGB("rgb"),
		/** One training step of the reference code's train.py. */
		TRAIN("train");

		final String id;
		final List<String> flags;

		Task(String id, String... flags) {
			this.id = id;
			this.flags = List.of(flags);
		}
	}

	/** What the script measured. */
	static final class Result {

		final String python;
		final double median;
		final double min;
		final double max;
		final String threads;
		final String torchVersion;

		Result(String python, Map<String, String> v) {
			this.python = python;
			this.median = Double.parseDouble(v.get("median_ms"));
			this.min = Double.parseDouble(v.get("min_ms"));
			this.max = Double.parseDouble(v.get("max_ms"));
			this.threads = v.getOrDefault("threads", "?");
			this.torchVersion = v.getOrDefault("torch", "?");
		}
	}

	private static final String SCRIPT = "/bench/espcn_bench.py";

	private PythonBench() {}

	/** The first of {@code candidates} that can {@code import torch}, if any. */
	static Optional<String> findPython(List<String> candidates) {
		for (String python : candidates)
			try {
				if (run(List.of(python, "-c", "import torch"), 120).exitCode == 0) return Optional.of(
					python);
			}
			catch (IOException e) {
				// not installed under that name: try the next
			}
		return Optional.empty();
	}

	/**
	 * Times the forward pass for {@code spec} on a {@code width x height} input, with PyTorch's
	 * default thread count.
	 *
	 * @throws IOException when the script fails or prints no result
	 */
	static Result time(String python, EspcnSpec spec, int width, int height, int warmup,
		int repeats) throws IOException
	{
		return time(python, spec, Task.FORWARD, width, height, 0, warmup, repeats);
	}

	/**
	 * Runs the script's {@code task} for {@code spec}: on a {@code width x height} input, or for
	 * {@link Task#TRAIN} on batches of 16 patches of 17 pixels; with {@code threads} PyTorch
	 * threads (0: its default).
	 *
	 * @throws IOException when the script fails or prints no result
	 */
	static Result time(String python, EspcnSpec spec, Task task, int width, int height,
		int threads, int warmup, int repeats) throws IOException
	{
		Path script = Files.createTempFile("espcn-bench-", ".py");
		try {
			try (InputStream in = PythonBench.class.getResourceAsStream(SCRIPT)) {
				if (in == null) throw new IOException(SCRIPT + " is missing from the jar; rebuild it");
				Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
			}
			List<String> command = new ArrayList<>(List.of(python, script.toString(), "--task",
				task.id, "--scale", Integer.toString(spec.scale()), "--filters", join(spec.filters()),
				"--kernels", join(spec.kernels()), "--activation", spec.activation().id(), "--width",
				Integer.toString(width), "--height", Integer.toString(height), "--threads", Integer
					.toString(threads), "--warmup", Integer.toString(warmup), "--repeats", Integer
						.toString(repeats)));
			command.addAll(task.flags);
			Run r = run(command, 1800);
			if (r.exitCode != 0) throw new IOException("the PyTorch benchmark failed (" + python +
				", exit " + r.exitCode + "): " + lastLine(r.output));
			Map<String, String> values = new LinkedHashMap<>();
			for (String token : lastLine(r.output).split("\\s+")) {
				int eq = token.indexOf('=');
				if (eq > 0) values.put(token.substring(0, eq), token.substring(eq + 1));
			}
			if (!values.containsKey("median_ms")) throw new IOException(
				"the PyTorch benchmark printed no result: " + lastLine(r.output));
			return new Result(python, values);
		}
		finally {
			Files.deleteIfExists(script);
		}
	}

	/**
	 * Runs the script {@code resource} (in the jar) with {@code args} and returns the key=value
	 * pairs of its last output line.
	 *
	 * @throws IOException when the script fails or its last line has no {@code key=value}
	 */
	static Map<String, String> script(String python, String resource, List<String> args,
		int seconds) throws IOException
	{
		String name = resource.substring(resource.lastIndexOf('/') + 1);
		Path script = Files.createTempFile("espcn-" + name.replace(".py", "") + "-", ".py");
		try {
			try (InputStream in = PythonBench.class.getResourceAsStream(resource)) {
				if (in == null) throw new IOException(resource + " is missing from the jar; rebuild it");
				Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
			}
			List<String> command = new ArrayList<>(List.of(python, script.toString()));
			command.addAll(args);
			Run r = run(command, seconds);
			if (r.exitCode != 0) throw new IOException(name + " failed (" + python + ", exit " +
				r.exitCode + "): " + lastLine(r.output));
			Map<String, String> values = new LinkedHashMap<>();
			for (String token : lastLine(r.output).split("\\s+")) {
				int eq = token.indexOf('=');
				if (eq > 0) values.put(token.substring(0, eq), token.substring(eq + 1));
			}
			if (values.isEmpty()) throw new IOException(name + " printed no result: " + lastLine(
				r.output));
			return values;
		}
		finally {
			Files.deleteIfExists(script);
		}
	}

	/** The first of {@code candidates} that can import every one of {@code modules}, if any. */
	static Optional<String> findPython(List<String> candidates, String modules) {
		for (String python : candidates)
			try {
				if (run(List.of(python, "-c", "import " + modules), 120).exitCode == 0) return Optional
					.of(python);
			}
			catch (IOException e) {
				// not installed under that name: try the next
			}
		return Optional.empty();
	}

	private static String join(int[] values) {
		return Arrays.stream(values).mapToObj(Integer::toString).collect(Collectors.joining(","));
	}

	private static String lastLine(String s) {
		String[] lines = s.strip().split("\\R");
		return lines.length == 0 ? "" : lines[lines.length - 1];
	}

	private static final class Run {

		final int exitCode;
		final String output;

		Run(int exitCode, String output) {
			this.exitCode = exitCode;
			this.output = output;
		}
	}

	private static Run run(List<String> command, int seconds) throws IOException {
		Path log = Files.createTempFile("espcn-python-", ".log");
		try {
			Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log
				.toFile()).start();
			try {
				if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
					p.destroyForcibly();
					throw new IOException(command.get(0) + " did not finish within " + seconds + " s");
				}
			}
			catch (InterruptedException e) {
				p.destroyForcibly();
				Thread.currentThread().interrupt();
				throw new IOException("interrupted while waiting for " + command.get(0), e);
			}
			return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
		}
		finally {
			Files.deleteIfExists(log);
		}
	}
}
