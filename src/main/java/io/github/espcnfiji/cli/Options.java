package io.github.espcnfiji.cli;

import io.github.espcnfiji.model.InferenceMode;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The parsed options of one command line, read with typed getters that turn malformed values
 * into {@link UsageException}s naming the option.
 */
public final class Options {

	private final Map<String, String> values;
	private final List<String> args;

	Options(Map<String, String> values, List<String> args) {
		this.values = Map.copyOf(values);
		this.args = List.copyOf(args);
	}

	/** The options as typed, for records such as a model card (quoted where needed). */
	public String commandLine() {
		return quoted(args);
	}

	/**
	 * The options as typed less the flag {@code name} in any of its forms ({@code --name},
	 * {@code --name true|false}, {@code --name=VALUE}): e.g. a card's command without
	 * {@code --resume}, which is how a run was continued, not part of its recipe.
	 */
	public String commandLineWithout(String name) {
		List<String> kept = new ArrayList<>();
		for (int i = 0; i < args.size(); i++) {
			String a = args.get(i);
			if (a.startsWith("--" + name + "=")) continue;
			if (a.equals("--" + name)) {
				if (i + 1 < args.size() && args.get(i + 1).matches("(?i)true|false")) i++;
				continue;
			}
			kept.add(a);
		}
		return quoted(kept);
	}

	private static String quoted(List<String> args) {
		return args.stream().map(a -> a.isEmpty() || a.matches(".*[\\s\"'$].*") ? "'" + a.replace("'",
			"'\\''") + "'" : a).collect(Collectors.joining(" "));
	}

	public boolean has(String name) {
		return values.containsKey(name);
	}

	/** Whether a flag is set: given bare or as {@code --flag true}. */
	public boolean flag(String name) {
		return "true".equals(values.get(name));
	}

	public Optional<String> string(String name) {
		return Optional.ofNullable(values.get(name));
	}

	/** The value of an option the spec declares required. */
	public String require(String name) throws UsageException {
		String v = values.get(name);
		if (v == null) throw new UsageException("missing --" + name);
		return v;
	}

	public Path path(String name) throws UsageException {
		return toPath(name, require(name));
	}

	public Optional<Path> optionalPath(String name) throws UsageException {
		String v = values.get(name);
		return v == null ? Optional.empty() : Optional.of(toPath(name, v));
	}

	/** An integer of at least {@code min}, or {@code fallback} when absent. */
	public int integer(String name, int fallback, int min) throws UsageException {
		String v = values.get(name);
		if (v == null) return fallback;
		int n;
		try {
			n = Integer.parseInt(v.trim());
		}
		catch (NumberFormatException e) {
			throw new UsageException("--" + name + " needs a whole number, got '" + v + "'");
		}
		if (n < min) throw new UsageException("--" + name + " must be at least " + min + ", got " +
			n);
		return n;
	}

	public long integerLong(String name, long fallback) throws UsageException {
		String v = values.get(name);
		if (v == null) return fallback;
		try {
			return Long.parseLong(v.trim());
		}
		catch (NumberFormatException e) {
			throw new UsageException("--" + name + " needs a whole number, got '" + v + "'");
		}
	}

	public double real(String name, double fallback) throws UsageException {
		String v = values.get(name);
		if (v == null) return fallback;
		try {
			double d = Double.parseDouble(v.trim());
			if (!Double.isFinite(d)) throw new NumberFormatException();
			return d;
		}
		catch (NumberFormatException e) {
			throw new UsageException("--" + name + " needs a number, got '" + v + "'");
		}
	}

	/** A comma-separated list of whole numbers, e.g. {@code 64,32}. */
	public Optional<int[]> integers(String name) throws UsageException {
		String v = values.get(name);
		if (v == null) return Optional.empty();
		try {
			return Optional.of(Arrays.stream(v.split(",")).mapToInt(x -> Integer.parseInt(x.trim()))
				.toArray());
		}
		catch (NumberFormatException e) {
			throw new UsageException("--" + name + " needs whole numbers separated by commas, got '" +
				v + "'");
		}
	}

	/** A comma-separated list of numbers, e.g. {@code 0.9,0.8}. */
	public Optional<double[]> reals(String name) throws UsageException {
		String v = values.get(name);
		if (v == null) return Optional.empty();
		try {
			return Optional.of(Arrays.stream(v.split(",")).mapToDouble(x -> Double.parseDouble(x
				.trim())).toArray());
		}
		catch (NumberFormatException e) {
			throw new UsageException("--" + name + " needs numbers separated by commas, got '" + v +
				"'");
		}
	}

	/** The super-resolution factor: 2, 3 or 4, the factors ESPCN models are made for. */
	public Optional<Integer> scale() throws UsageException {
		String v = values.get("scale");
		if (v == null) return Optional.empty();
		if (!v.trim().matches("[234]")) throw new UsageException("--scale must be 2, 3 or 4, got '" +
			v + "'");
		return Optional.of(Integer.parseInt(v.trim()));
	}

	/** {@code --precision} (fp32 when absent), as {@link InferenceMode#precision} reads it. */
	public InferenceMode precision() throws UsageException {
		try {
			return InferenceMode.precision(values.getOrDefault("precision", "fp32"));
		}
		catch (IllegalArgumentException e) {
			throw new UsageException("--precision: " + e.getMessage());
		}
	}

	private static Path toPath(String name, String v) throws UsageException {
		if (v.isBlank()) throw new UsageException("--" + name + " needs a path, got an empty value");
		try {
			return Path.of(v);
		}
		catch (InvalidPathException e) {
			throw new UsageException("--" + name + " is not a valid path: " + e.getMessage());
		}
	}
}
