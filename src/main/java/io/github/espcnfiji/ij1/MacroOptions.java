package io.github.espcnfiji.ij1;

import ij.Macro;
import io.github.espcnfiji.core.Suggestion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The settings a macro passed to a PlugIn ({@code key=value key=[value with spaces] flag}), read
 * by key with ImageJ's own parser ({@link Macro#getValue}), so that a PlugIn run headless
 * understands exactly what a {@code GenericDialog} would. Numbers that do not parse are errors
 * that name the key, never silent defaults.
 */
public final class MacroOptions {

	private final String options;

	private MacroOptions(String options) {
		this.options = options == null ? "" : options;
	}

	/** The options of the macro call running on this thread; empty when there are none. */
	public static MacroOptions current() {
		return new MacroOptions(Macro.getOptions());
	}

	/** Options from a string such as {@code "model=[x3] tile=256"}. */
	public static MacroOptions of(String options) {
		return new MacroOptions(options);
	}

	/**
	 * Checks the options of the macro call running on this thread against the keys a PlugIn
	 * reads (see {@link #requireKnownKeys}); false, after reporting the error as
	 * {@link PlugInErrors} does, when one is unknown. Run in dialogs too: {@code GenericDialog}
	 * ignores unknown keys as silently as the headless parser would.
	 */
	public static boolean currentHasOnly(String command, String... known) {
		try {
			current().requireKnownKeys(known);
			return true;
		}
		catch (IllegalArgumentException e) {
			PlugInErrors.report(command, e.getMessage());
			return false;
		}
	}

	/**
	 * The keys the options name, in order: those of {@code key=value}, {@code key=[value]} and
	 * {@code key='value'}, and bare words (ticked check boxes), read as {@link Macro#getValue}
	 * reads them.
	 */
	public List<String> keys() {
		List<String> keys = new ArrayList<>();
		int n = options.length(), i = 0;
		while (i < n) {
			while (i < n && options.charAt(i) == ' ')
				i++;
			int start = i;
			while (i < n && options.charAt(i) != ' ' && options.charAt(i) != '=')
				i++;
			if (i > start) keys.add(options.substring(start, i));
			if (i >= n || options.charAt(i) != '=') continue;
			i++;
			if (i < n && options.charAt(i) == '[') {
				for (int depth = 0; i < n; i++) {
					char c = options.charAt(i);
					if (c == '[') depth++;
					else if (c == ']' && --depth == 0) break;
				}
				i++;
			}
			else if (i < n && options.charAt(i) == '\'') {
				int end = options.indexOf('\'', i + 1);
				i = end < 0 ? n : end + 1;
			}
			else while (i < n && options.charAt(i) != ' ')
				i++;
		}
		return keys;
	}

	/**
	 * Refuses keys other than {@code known}: a misspelt key ({@code modle=x4}) would otherwise be
	 * ignored and the default used without a word.
	 *
	 * @throws IllegalArgumentException naming the first unknown key, the nearest known one, and
	 *           all of them
	 */
	public MacroOptions requireKnownKeys(String... known) {
		List<String> knownKeys = Arrays.asList(known);
		for (String key : keys()) {
			if (knownKeys.contains(key)) continue;
			String near = Suggestion.closest(key.toLowerCase(Locale.ROOT), knownKeys).orElse(null);
			throw new IllegalArgumentException("Unknown key '" + key + "'" + (near == null ? ""
				: " (did you mean '" + near + "'?)") + "; the keys are " + String.join(", ", known));
		}
		return this;
	}

	/** Whether any options were given. */
	public boolean isEmpty() {
		return options.isBlank();
	}

	public String string(String key, String defaultValue) {
		return options.isBlank() ? defaultValue : Macro.getValue(options, key, defaultValue);
	}

	/** A value that must be given: its absence is an error naming the key. */
	public String required(String key) {
		String value = string(key, null);
		if (value == null || value.isBlank()) throw new IllegalArgumentException("Missing '" + key +
			"=...' in the options \"" + options.trim() + "\"");
		return value;
	}

	public int integer(String key, int defaultValue) {
		String value = string(key, null);
		if (value == null) return defaultValue;
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException("'" + key + "' must be a whole number, got '" + value +
				"'");
		}
	}

	public double real(String key, double defaultValue) {
		String value = string(key, null);
		if (value == null) return defaultValue;
		try {
			return Double.parseDouble(value.trim());
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException("'" + key + "' must be a number, got '" + value + "'");
		}
	}

	/**
	 * A check box: true when the key is there as a word outside brackets (as
	 * {@code GenericDialog} records a ticked box) or as {@code key=true}.
	 */
	public boolean flag(String key) {
		String value = string(key, null);
		if (value != null) return Boolean.parseBoolean(value.trim());
		String padded = " " + options.toLowerCase(Locale.ROOT).replaceAll(
			"\\[[^\\]]*\\]", "[]") + " ";
		int i = padded.indexOf(key + " ");
		while (i >= 0) {
			if (!Character.isLetter(padded.charAt(i - 1)) && padded.charAt(i - 1) != '_') return true;
			i = padded.indexOf(key + " ", i + 1);
		}
		return false;
	}

	@Override
	public String toString() {
		return options;
	}
}
