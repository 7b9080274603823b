package io.github.espcnfiji.dist;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Lays out what a user installs, from what {@code mvn package} built: for one platform,
 * <ul>
 * <li>{@code update-site-PLATFORM/}, a Fiji update site to upload as it is ({@link UpdateSite}):
 * the plugin jar in {@code plugins/}, the jars Fiji lacks (DJL and its PyTorch engine) in
 * {@code jars/}, the PyTorch native library jar in {@code jars/PLATFORM/};</li>
 * <li>{@code ESPCN_-VERSION-fiji-PLATFORM.zip}, the same files as they lie in Fiji's folder: a
 * manual install is one {@code unzip -o ZIP -d Fiji.app};</li>
 * <li>{@code ESPCN_-VERSION-imagej-PLATFORM.zip}, for plain ImageJ 1.x: the plugin jar in
 * {@code plugins/} and every run-time jar but ImageJ's own in {@code plugins/jars/}.</li>
 * </ul>
 * Run by the build ({@code exec:java} in the package phase); it is tooling and lives in the test
 * tree, outside the plugin jar. Platforms use the updater's names: {@code linux64},
 * {@code win64}, {@code macos-arm64}, {@code linux-arm64}.
 */
public final class Distribution {

	static final String AUTHOR = "ESPCN for Fiji developers";

	private final Path plugin;
	private final List<Path> fijiJars;
	private final List<Path> imagejJars;
	private final String platform;
	private final String nativeClassifier;

	/**
	 * @param plugin the plugin jar
	 * @param fijiJars the jars Fiji does not ship
	 * @param imagejJars every run-time jar (for plain ImageJ; ImageJ's own {@code ij-*.jar} is left
	 *          out)
	 * @param platform the updater's platform name
	 * @param nativeClassifier the classifier that ends the native library jar's name
	 */
	public Distribution(Path plugin, List<Path> fijiJars, List<Path> imagejJars, String platform,
		String nativeClassifier)
	{
		this.plugin = plugin;
		this.fijiJars = List.copyOf(fijiJars);
		this.imagejJars = List.copyOf(imagejJars);
		this.platform = platform;
		this.nativeClassifier = nativeClassifier;
	}

	/** Where each file goes in Fiji's folder, the plugin jar first. */
	Map<String, Path> fijiLayout() {
		Map<String, Path> layout = new LinkedHashMap<>();
		layout.put("plugins/" + name(plugin), plugin);
		for (Path jar : fijiJars)
			layout.put((isNative(jar) ? "jars/" + platform + "/" : "jars/") + name(jar), jar);
		return layout;
	}

	/** Where each file goes in a plain ImageJ 1.x folder. */
	Map<String, Path> imagejLayout() {
		Map<String, Path> layout = new LinkedHashMap<>();
		layout.put("plugins/" + name(plugin), plugin);
		for (Path jar : imagejJars)
			if (!name(jar).startsWith("ij-")) layout.put("plugins/jars/" + name(jar), jar);
		return layout;
	}

	boolean isNative(Path jar) {
		return name(jar).endsWith("-" + nativeClassifier + ".jar");
	}

	UpdateSite updateSite(String timestamp) {
		UpdateSite site = new UpdateSite(timestamp, List.of(AUTHOR));
		Map<String, Path> layout = fijiLayout();
		List<String> paths = new ArrayList<>(layout.keySet());
		String pluginPath = paths.get(0);
		UpdateSite.Entry main = new UpdateSite.Entry(pluginPath, plugin).description(
			"ESPCN super-resolution (Shi et al., CVPR 2016): Plugins > ESPCN.");
		for (String path : paths.subList(1, paths.size()))
			main.dependsOn(path);
		site.add(main);
		for (String path : paths.subList(1, paths.size())) {
			UpdateSite.Entry entry = new UpdateSite.Entry(path, layout.get(path));
			if (path.startsWith("jars/" + platform + "/")) entry.platform(platform);
			site.add(entry);
		}
		return site;
	}

	/** Writes the update site folder and both zips into {@code output}; returns what it wrote. */
	public List<Path> writeTo(Path output, String timestamp) throws IOException {
		Files.createDirectories(output);
		String base = stripJar(name(plugin));
		Path site = output.resolve("update-site-" + platform);
		updateSite(timestamp).writeTo(site);
		Path fiji = output.resolve(base + "-fiji-" + platform + ".zip");
		zip(fiji, fijiLayout());
		Path imagej = output.resolve(base + "-imagej-" + platform + ".zip");
		zip(imagej, imagejLayout());
		return List.of(site, fiji, imagej);
	}

	/**
	 * A zip of {@code layout}, paths relative to the application folder so that it is unzipped
	 * into that folder (whatever its name), written beside and then renamed into place.
	 */
	static void zip(Path target, Map<String, Path> layout) throws IOException {
		Path pending = target.resolveSibling("." + target.getFileName() + ".part");
		try (OutputStream file = Files.newOutputStream(pending);
			ZipOutputStream zip = new ZipOutputStream(file))
		{
			List<String> folders = new ArrayList<>();
			for (String path : layout.keySet()) {
				String full = path;
				for (int slash = full.indexOf('/'); slash >= 0; slash = full.indexOf('/', slash + 1)) {
					String folder = full.substring(0, slash + 1);
					if (!folders.contains(folder)) {
						folders.add(folder);
						zip.putNextEntry(fixedTime(new ZipEntry(folder)));
						zip.closeEntry();
					}
				}
				zip.putNextEntry(fixedTime(new ZipEntry(full)));
				Files.copy(layout.get(path), zip);
				zip.closeEntry();
			}
		}
		Files.move(pending, target, StandardCopyOption.REPLACE_EXISTING,
			StandardCopyOption.ATOMIC_MOVE);
	}

	private static ZipEntry fixedTime(ZipEntry entry) {
		entry.setTime(315532800000L + 86400000L); // 1980-01-02: the same zip for the same jars
		return entry;
	}

	static String name(Path path) {
		return path.getFileName().toString();
	}

	static String stripJar(String name) {
		return name.endsWith(".jar") ? name.substring(0, name.length() - 4) : name;
	}

	static List<Path> jarsIn(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter(f -> name(f).endsWith(".jar")).sorted().collect(Collectors.toList());
		}
	}

	/**
	 * {@code Distribution PLUGIN_JAR FIJI_JARS_DIR ALL_JARS_DIR PLATFORM NATIVE_CLASSIFIER
	 * TIMESTAMP OUTPUT_DIR}
	 */
	public static void main(String[] args) throws IOException {
		if (args.length != 7) throw new IllegalArgumentException(
			"usage: Distribution PLUGIN_JAR FIJI_JARS_DIR ALL_JARS_DIR PLATFORM NATIVE_CLASSIFIER " +
				"TIMESTAMP OUTPUT_DIR");
		Distribution distribution = new Distribution(Paths.get(args[0]), jarsIn(Paths.get(args[1])),
			jarsIn(Paths.get(args[2])), args[3], args[4]);
		for (Path written : distribution.writeTo(Paths.get(args[6]), args[5]))
			System.out.println("[distribution] wrote " + written);
	}
}
