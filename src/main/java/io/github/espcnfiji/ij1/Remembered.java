package io.github.espcnfiji.ij1;

import ij.Prefs;

import java.util.Locale;

/**
 * A dialog's last values, kept in ImageJ's preferences ({@code IJ_Prefs.txt}) as ImageJ's own
 * dialogs keep theirs: each dialog opens with what was chosen the last time it was confirmed.
 * Keys are {@code espcn.COMMAND.KEY}.
 */
final class Remembered {

	private final String prefix;

	Remembered(String command) {
		prefix = "espcn." + command.toLowerCase(Locale.ROOT).replace("espcn", "").replaceAll(
			"[^a-z0-9]+", ".").replaceAll("^\\.|\\.$", "") + ".";
	}

	String key(String name) {
		return prefix + name;
	}

	String get(String name, String defaultValue) {
		return Prefs.get(key(name), defaultValue);
	}

	double get(String name, double defaultValue) {
		return Prefs.get(key(name), defaultValue);
	}

	int get(String name, int defaultValue) {
		return (int) Math.round(Prefs.get(key(name), (double) defaultValue));
	}

	boolean get(String name, boolean defaultValue) {
		return Prefs.get(key(name), defaultValue);
	}

	void set(String name, String value) {
		Prefs.set(key(name), value == null ? "" : value);
	}

	void set(String name, double value) {
		Prefs.set(key(name), value);
	}

	void set(String name, boolean value) {
		Prefs.set(key(name), value);
	}
}
