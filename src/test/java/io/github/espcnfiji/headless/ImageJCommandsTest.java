package io.github.espcnfiji.headless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ij.Menus;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ImageJ's own command table, read without building its AWT menus. */
class ImageJCommandsTest {

	/** Window>Main Window: its label is put together at run time; ImageJ's window, no use headless. */
	private static final String MAIN_WINDOW = "Main Window [";

	@TempDir
	Path dir;

	@Test
	void holdsTheCommandsOfTheMenusAndOfImageJsProperties() {
		Map<String, String> commands = ImageJCommands.read(Menus.class.getClassLoader());
		assertEquals("ij.plugin.Duplicator", commands.get("Duplicate..."));
		assertEquals("ij.plugin.Converter(\"8-bit\")", commands.get("8-bit"));
		assertEquals("ij.plugin.Resizer(\"crop\")", commands.get("Crop"));
		assertEquals("ij.plugin.filter.GaussianBlur", commands.get("Gaussian Blur..."));
		assertEquals("ij.plugin.filter.ImageMath(\"add\")", commands.get("Add..."));
		assertEquals("ij.plugin.ZProjector", commands.get("Z Project..."));
		assertEquals("ij.plugin.filter.Writer(\"png\")", commands.get("PNG..."));
		assertEquals("ij.plugin.PluginInstaller", commands.get("Install... "), "[M] dropped");
		assertEquals("ij.plugin.MacroInstaller", commands.get("Install..."));
		assertEquals("ij.plugin.Zoom(\"in\")", commands.get("In [+]"), "not a one-key shortcut");
	}

	/**
	 * Every built-in command of the table ImageJ makes while it builds its menu bar on a display
	 * (a virtual one here; skipped without {@code xvfb-run}) is in the headless table, with the
	 * same class.
	 */
	@Test
	void holdsEveryBuiltInCommandOfImageJsMenuBar() throws Exception {
		assumeTrue(onPath("xvfb-run"), "xvfb-run");
		Path out = dir.resolve("menus.txt");
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty(
			"java.class.path"));
		Process p = new ProcessBuilder("timeout", "120", "xvfb-run", "-a", Paths.get(System
			.getProperty("java.home"), "bin", "java").toString(), "-Djava.awt.headless=false", "-cp",
			classPath, MenuBarTable.class.getName(), out.toString()).redirectErrorStream(true)
				.redirectOutput(dir.resolve("log.txt").toFile()).start();
		assertTrue(p.waitFor(150, TimeUnit.SECONDS));
		assertEquals(0, p.exitValue(), Files.readString(dir.resolve("log.txt")));
		Map<String, String> headless = ImageJCommands.read(Menus.class.getClassLoader());
		List<String> missing = new ArrayList<>();
		int builtIn = 0;
		for (String line : Files.readAllLines(out)) {
			String[] kv = line.split("\t", 2);
			if (!kv[1].startsWith("ij.") || kv[0].startsWith(MAIN_WINDOW)) continue;
			builtIn++;
			if (!kv[1].equals(headless.get(kv[0]))) missing.add(line);
		}
		assertTrue(builtIn > 300, "the menu bar had " + builtIn + " built-in commands");
		assertEquals(List.of(), missing);
	}

	private static boolean onPath(String command) {
		for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			if (Files.isExecutable(Paths.get(d, command))) return true;
		return false;
	}

	/** Prints ImageJ's own command table, built with a display, as label TAB class lines. */
	static final class MenuBarTable {

		public static void main(String[] args) throws Exception {
			@SuppressWarnings("unchecked")
			Hashtable<String, String> table = Menus.getCommands();
			StringBuilder s = new StringBuilder();
			for (Map.Entry<String, String> e : new TreeMap<>(table).entrySet())
				s.append(e.getKey()).append('\t').append(e.getValue()).append('\n');
			Files.writeString(Paths.get(args[0]), s);
			System.exit(0);
		}
	}
}
