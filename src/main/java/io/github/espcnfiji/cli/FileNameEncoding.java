package io.github.espcnfiji.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * File names under {@code LANG=C}. Java 17 maps file names through the locale's character set,
 * fixed when the JVM starts ({@code sun.jnu.encoding}; {@code -Dsun.jnu.encoding} is ignored):
 * under the C locale that is ASCII, so a name such as {@code café.png} read from a folder cannot
 * be opened or turned into an output name ("Malformed input or input contains unmappable
 * characters"), and the same goes for such a name typed as an argument.
 * <p>
 * Linux file names are bytes, and in practice UTF-8. So when this JVM maps names through ASCII,
 * the program runs itself once more with {@code LC_ALL=C.UTF-8}: same Java, JVM options and
 * class path, and the arguments' original bytes (read from {@code /proc/self/cmdline}, since
 * this JVM already turned them into '?'), passed in the environment as hex so that no locale
 * touches them. Standard input, output and error are shared; the exit code is the child's;
 * Ctrl-C reaches both (one process group) and this JVM waits for the child to finish its own
 * clean-up; a {@code kill} of this JVM alone is passed on. Where none of this applies (another
 * system, a non-ASCII locale, a child that is itself the relaunch), nothing happens. JDK only.
 */
final class FileNameEncoding {

	/** The environment variable that carries the arguments to the relaunched JVM. */
	static final String ARGUMENTS = "ESPCN_UTF8_ARGUMENTS";
	/** The locale of the relaunched JVM: built into glibc 2.35 and later, and Debian's before. */
	static final String UTF8_LOCALE = "C.UTF-8";

	private FileNameEncoding() {}

	/**
	 * The program's arguments: the relaunching JVM's, as typed, where this JVM is its relaunch
	 * (the variable names the relaunching JVM's process id, so that a JVM this one starts in turn
	 * does not take them for its own).
	 */
	static String[] arguments(String[] args) {
		String value = System.getenv(ARGUMENTS);
		if (value == null || !value.startsWith(parentId() + ":")) return args;
		String hex = value.substring(value.indexOf(':') + 1);
		if (hex.isEmpty()) return new String[0];
		String[] parts = hex.split(",", -1);
		String[] out = new String[parts.length];
		for (int i = 0; i < parts.length; i++)
			out[i] = new String(unhex(parts[i].substring(1)), StandardCharsets.UTF_8);
		return out;
	}

	private static String parentId() {
		return ProcessHandle.current().parent().map(p -> Long.toString(p.pid())).orElse("?");
	}

	/** Whether this JVM maps file names through ASCII (the C or POSIX locale). */
	static boolean namesAreAscii() {
		try {
			return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8")).equals(
				StandardCharsets.US_ASCII);
		}
		catch (RuntimeException e) {
			return false;
		}
	}

	/**
	 * Runs the program again in a UTF-8 locale when the class comment says so, and returns its
	 * exit code; empty when it need not (or cannot) be done, and the program goes on here.
	 */
	static Optional<Integer> relaunchIfNeeded(String[] args) {
		if (!namesAreAscii() || System.getenv(ARGUMENTS) != null) return Optional.empty();
		// (a JVM that has the variable is a relaunch, or was started by one: never again)
		Optional<List<String>> command = command();
		Optional<byte[][]> typed = typedArguments(args);
		if (command.isEmpty() || typed.isEmpty()) return Optional.empty();
		List<String> line = new ArrayList<>(command.get());
		line.addAll(Arrays.asList(args)); // for ps to show; the child reads the typed ones
		ProcessBuilder builder = new ProcessBuilder(line).inheritIO();
		builder.environment().put("LC_ALL", UTF8_LOCALE);
		builder.environment().put(ARGUMENTS, ProcessHandle.current().pid() + ":" + hex(typed
			.get()));
		Process child;
		try {
			child = builder.start();
		}
		catch (IOException | RuntimeException e) {
			return Optional.empty();
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			if (!child.isAlive()) return;
			child.destroy(); // a kill of this JVM alone; after Ctrl-C the child has its own
			try {
				child.waitFor(60, TimeUnit.SECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}, "espcn-relaunch"));
		while (true)
			try {
				return Optional.of(child.waitFor());
			}
			catch (InterruptedException e) {
				// keep waiting: the child's exit code is the program's
			}
	}

	/** This JVM's command without the program arguments; empty if it is not plain ASCII. */
	private static Optional<List<String>> command() {
		List<String> c = new ArrayList<>();
		c.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
		c.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
		c.add("-cp");
		c.add(System.getProperty("java.class.path"));
		c.add(Main.class.getName());
		for (String s : c)
			for (int i = 0; i < s.length(); i++)
				if (s.charAt(i) < 0x20 || s.charAt(i) > 0x7E) return Optional.empty();
		return Optional.of(c);
	}

	/**
	 * The bytes of the program arguments as typed: the last {@code args.length} entries of
	 * {@code /proc/self/cmdline}, each checked to be what this JVM made of it; empty when they
	 * cannot be found.
	 */
	static Optional<byte[][]> typedArguments(String[] args) {
		Path cmdline = Paths.get("/proc/self/cmdline");
		byte[] all;
		try {
			all = Files.readAllBytes(cmdline);
		}
		catch (IOException | RuntimeException e) {
			return Optional.empty();
		}
		List<byte[]> parts = new ArrayList<>();
		int start = 0;
		for (int i = 0; i < all.length; i++)
			if (all[i] == 0) {
				parts.add(Arrays.copyOfRange(all, start, i));
				start = i + 1;
			}
		if (parts.size() < args.length) return Optional.empty();
		Charset jnu = Charset.forName(System.getProperty("sun.jnu.encoding"));
		byte[][] typed = new byte[args.length][];
		for (int i = 0; i < args.length; i++) {
			typed[i] = parts.get(parts.size() - args.length + i);
			if (!new String(typed[i], jnu).equals(args[i])) return Optional.empty();
		}
		return Optional.of(typed);
	}

	private static String hex(byte[][] args) {
		StringBuilder sb = new StringBuilder();
		for (int a = 0; a < args.length; a++) {
			sb.append(a > 0 ? ",x" : "x");
			for (byte b : args[a])
				sb.append(Character.forDigit(b >> 4 & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
		}
		return sb.toString();
	}

	private static byte[] unhex(String s) {
		byte[] b = new byte[s.length() / 2];
		for (int i = 0; i < b.length; i++)
			b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
		return b;
	}
}
