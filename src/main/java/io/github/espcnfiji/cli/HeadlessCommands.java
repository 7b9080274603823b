package io.github.espcnfiji.cli;

import ij.IJ;
import ij.Menus;
import io.github.espcnfiji.headless.ImageJCommands;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ImageJ 1.x's command table for a JVM without a display, where ImageJ cannot build its menus
 * (AWT menus need a display) and so {@code run("...")} in a macro finds no command. This puts
 * into the table that {@code IJ.run} looks commands up in ({@link Menus#getCommands()}):
 * <ul>
 * <li>ImageJ's own menu commands ({@link ImageJCommands}: "Duplicate...", "8-bit",
 * "Gaussian Blur...", the File&gt;Save As writers, ...), whose dialogs read the macro's options
 * in the macro runner's {@link io.github.espcnfiji.headless.HeadlessImageJ};</li>
 * <li>the commands of every {@code plugins.config} on the class path (ESPCN's among them).</li>
 * </ul>
 * Macro functions ({@code open}, {@code saveAs}, {@code newImage}, {@code getPixel},
 * {@code File.*}, ...) need no table.
 */
public final class HeadlessCommands {

	/** {@code Plugins>ESPCN, "Label", class.Name("arg")} */
	private static final Pattern CONFIG = Pattern.compile(
		"^\\s*[^,#]+,\\s*\"([^\"]+)\"\\s*,\\s*(\\S.*?)\\s*$");

	private HeadlessCommands() {}

	/**
	 * Installs the commands (keeping any the table already has) and returns the table.
	 *
	 * @throws IllegalStateException if this ImageJ keeps its table elsewhere
	 */
	public static Map<String, String> install() {
		Hashtable<String, String> table = table();
		ClassLoader loader = HeadlessCommands.class.getClassLoader();
		try {
			for (Map.Entry<String, String> c : ImageJCommands.read(IJ.class.getClassLoader())
				.entrySet())
				table.putIfAbsent(c.getKey(), c.getValue());
			Enumeration<URL> configs = loader.getResources("plugins.config");
			while (configs.hasMoreElements())
				try (InputStream in = configs.nextElement().openStream()) {
					read(in, CONFIG, table);
				}
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read the plugins.config command lists: " + e
				.getMessage(), e);
		}
		return table;
	}

	private static void read(InputStream in, Pattern pattern, Map<String, String> table)
		throws IOException
	{
		BufferedReader reader = new BufferedReader(new InputStreamReader(in,
			StandardCharsets.UTF_8));
		for (String line = reader.readLine(); line != null; line = reader.readLine()) {
			if (line.trim().startsWith("#")) continue;
			Matcher m = pattern.matcher(line);
			if (!m.matches()) continue;
			table.putIfAbsent(m.group(1), m.group(2));
		}
	}

	/** ImageJ's table, made empty-but-present when ImageJ has none (always so headless). */
	@SuppressWarnings("unchecked")
	private static Hashtable<String, String> table() {
		try {
			Field field = Menus.class.getDeclaredField("pluginsTable");
			field.setAccessible(true);
			synchronized (Menus.class) {
				Hashtable<String, String> table = (Hashtable<String, String>) field.get(null);
				if (table == null) {
					table = new Hashtable<>();
					field.set(null, table);
				}
				return table;
			}
		}
		catch (ReflectiveOperationException | RuntimeException e) {
			throw new IllegalStateException("This ImageJ " + IJ.getVersion() +
				" keeps its commands where the headless runner cannot reach them: " + e, e);
		}
	}
}
