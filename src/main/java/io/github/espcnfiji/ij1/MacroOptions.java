package io.github.espcnfiji.ij1;

import ij.Macro;

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
		String padded = " " + options.toLowerCase(java.util.Locale.ROOT).replaceAll(
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
