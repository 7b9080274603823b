package io.github.espcnfiji.cli;

import io.github.espcnfiji.core.Suggestion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The options one command accepts, each {@code --name VALUE} or a bare {@code --name} flag, and
 * the parser that checks a command line against them. Parsing rejects unknown options (with the
 * nearest known name as a hint), options given twice, missing values and missing required options.
 * <pre>{@code
 * OptionSpec spec = new OptionSpec().required("input", "FILE|DIR", "image or folder to read")
 *     .optional("tile", "N", "tile side in pixels (default 256)").flag("overwrite", "replace outputs");
 * Options o = spec.parse(List.of("--input", "a.png"));
 * }</pre>
 */
public final class OptionSpec {

	/** One declared option. */
	static final class Option {

		final String name;
		final String value;
		final String help;
		final boolean required;

		Option(String name, String value, String help, boolean required) {
			this.name = name;
			this.value = value;
			this.help = help;
			this.required = required;
		}

		boolean isFlag() {
			return value == null;
		}
	}

	private final Map<String, Option> options = new LinkedHashMap<>();

	/** An option that must be given, with a value described as {@code value} in the usage. */
	public OptionSpec required(String name, String value, String help) {
		return add(new Option(name, value, help, true));
	}

	/** An option that may be given, with a value. */
	public OptionSpec optional(String name, String value, String help) {
		return add(new Option(name, value, help, false));
	}

	/** An option without a value: present or not. */
	public OptionSpec flag(String name, String help) {
		return add(new Option(name, null, help, false));
	}

	/** Whether {@code --name} is one of the options. */
	public boolean has(String name) {
		return options.containsKey(name);
	}

	private OptionSpec add(Option o) {
		if (options.put(o.name, o) != null) throw new IllegalStateException("Option --" + o.name +
			" declared twice");
		return this;
	}

	/**
	 * Parses the arguments after the command name.
	 *
	 * @throws UsageException for anything that does not fit the declared options
	 */
	public Options parse(List<String> args) throws UsageException {
		Map<String, String> values = new LinkedHashMap<>();
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			if (!arg.startsWith("--") || arg.length() == 2) throw new UsageException("unexpected '" +
				arg + "': options start with --, e.g. --input FILE");
			String name = arg.substring(2);
			String inline = null;
			int eq = name.indexOf('=');
			if (eq > 0) {
				inline = name.substring(eq + 1);
				name = name.substring(0, eq);
			}
			Option o = options.get(name);
			if (o == null) throw new UsageException("unknown option --" + name + hint(name));
			if (values.containsKey(name)) throw new UsageException("--" + name + " is given twice");
			if (o.isFlag()) {
				String v = inline;
				if (v == null && i + 1 < args.size() && isBoolean(args.get(i + 1))) v = args.get(++i);
				if (v != null && !isBoolean(v)) throw new UsageException("--" + name +
					" takes no value (or true/false), got '" + v + "'");
				values.put(name, v == null ? "true" : v.toLowerCase(Locale.ROOT));
			}
			else if (inline != null) values.put(name, inline);
			else {
				if (i + 1 >= args.size() || isOption(args.get(i + 1))) throw new UsageException("--" +
					name + " needs a value: --" + name + " " + o.value);
				values.put(name, args.get(++i));
			}
		}
		for (Option o : options.values())
			if (o.required && !values.containsKey(o.name)) throw new UsageException("missing --" +
				o.name + " " + o.value);
		return new Options(values, args);
	}

	/** Flags also accept an explicit {@code true} or {@code false}, as older command lines gave. */
	private static boolean isBoolean(String s) {
		return s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false");
	}

	/** Values may start with one dash (negative numbers) but not with two. */
	private static boolean isOption(String arg) {
		return arg.startsWith("--") && arg.length() > 2;
	}

	private String hint(String name) {
		return Suggestion.closest(name.toLowerCase(Locale.ROOT), options.keySet()).map(
			best -> " (did you mean --" + best + "?)").orElse(options.isEmpty()
				? " (this command takes no options)" : "; see --help");
	}

	/** The option lines of a usage text, aligned. */
	public String describe() {
		List<String> left = new ArrayList<>();
		int width = 0;
		for (Option o : options.values()) {
			String s = "--" + o.name + (o.isFlag() ? "" : " " + o.value);
			left.add(s);
			width = Math.max(width, s.length());
		}
		StringBuilder sb = new StringBuilder();
		int i = 0;
		for (Option o : options.values()) {
			String l = left.get(i++);
			sb.append("  ").append(l).append(" ".repeat(width - l.length() + 2)).append(o.help)
				.append(o.required ? " (required)" : "").append('\n');
		}
		return sb.toString();
	}

	/** The synopsis: required options with their values, then optional ones in brackets. */
	public String synopsis() {
		StringBuilder sb = new StringBuilder();
		for (Option o : options.values()) {
			String s = "--" + o.name + (o.isFlag() ? "" : " " + o.value);
			sb.append(' ').append(o.required ? s : "[" + s + "]");
		}
		return sb.toString();
	}
}
