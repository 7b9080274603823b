package io.github.espcnfiji.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What a user installs: the Fiji overlay zip is unzipped over {@code Fiji.app} as it is, with
 * only the jars Fiji lacks and the native library in the platform's folder; the plain ImageJ zip
 * has every run-time jar but ImageJ's own; the update site lists the same files as the Fiji zip.
 */
class DistributionTest {

	@TempDir
	Path dir;

	private Distribution distribution;

	@BeforeEach
	void jars() throws Exception {
		Path plugin = jar("target/ESPCN_-0.1.0.jar");
		List<Path> fiji = List.of(jar("fiji-jars/api-0.36.0.jar"), jar(
			"fiji-jars/pytorch-engine-0.36.0.jar"), jar("fiji-jars/pytorch-jni-2.7.1-0.36.0.jar"), jar(
				"fiji-jars/pytorch-native-cpu-2.7.1-linux-x86_64.jar"));
		List<Path> all = new ArrayList<>(fiji);
		all.add(jar("jars/ij-1.54p.jar"));
		all.add(jar("jars/imglib2-7.1.2.jar"));
		all.add(jar("jars/slf4j-simple-1.7.36.jar"));
		distribution = new Distribution(plugin, fiji, all, "linux64", "linux-x86_64");
	}

	private Path jar(String name) throws Exception {
		return JarFiles.write(dir.resolve("in").resolve(name), 0, Map.of(name + ".class", name));
	}

	@Test
	void theFijiZipHoldsThePluginTheJarsFijiLacksAndTheNativeLibraryPerPlatform()
		throws Exception
	{
		distribution.writeTo(dir.resolve("dist"), "20261206000000");
		assertEquals(List.of("jars/api-0.36.0.jar",
			"jars/linux64/pytorch-native-cpu-2.7.1-linux-x86_64.jar",
			"jars/pytorch-engine-0.36.0.jar", "jars/pytorch-jni-2.7.1-0.36.0.jar",
			"plugins/ESPCN_-0.1.0.jar"), files(dir.resolve(
				"dist/ESPCN_-0.1.0-fiji-linux64.zip")));
	}

	@Test
	void thePlainImageJZipHasEveryRunTimeJarButImageJsOwn() throws Exception {
		distribution.writeTo(dir.resolve("dist"), "20261206000000");
		List<String> files = files(dir.resolve("dist/ESPCN_-0.1.0-imagej-linux64.zip"));
		assertTrue(files.contains("plugins/ESPCN_-0.1.0.jar"));
		assertTrue(files.contains("plugins/jars/imglib2-7.1.2.jar"));
		assertTrue(files.contains("plugins/jars/pytorch-native-cpu-2.7.1-linux-x86_64.jar"));
		assertTrue(files.stream().noneMatch(f -> f.contains("/ij-")), files.toString());
	}

	@Test
	void theUpdateSiteListsWhatTheFijiZipHoldsAndNothingElse() throws Exception {
		distribution.writeTo(dir.resolve("dist"), "20261206000000");
		Document db = UpdateSiteTest.parseValidating(dir.resolve("dist/update-site-linux64/db.xml.gz"));
		NodeList plugins = db.getElementsByTagName("plugin");
		List<String> listed = new ArrayList<>();
		for (int i = 0; i < plugins.getLength(); i++)
			listed.add("" + ((Element) plugins.item(i)).getAttribute("filename"));
		Collections.sort(listed);
		assertEquals(files(dir.resolve("dist/ESPCN_-0.1.0-fiji-linux64.zip")), listed);
		Element plugin = (Element) plugins.item(0);
		assertEquals("plugins/ESPCN_-0.1.0.jar", plugin.getAttribute("filename"));
		assertEquals(4, plugin.getElementsByTagName("dependency").getLength());
	}

	@Test
	void theSameJarsGiveTheSameZipByteForByte() throws Exception {
		distribution.writeTo(dir.resolve("a"), "20261206000000");
		distribution.writeTo(dir.resolve("b"), "20261207000000");
		assertArrayEquals(Files.readAllBytes(dir.resolve("a/ESPCN_-0.1.0-fiji-linux64.zip")), Files
			.readAllBytes(dir.resolve("b/ESPCN_-0.1.0-fiji-linux64.zip")));
	}

	private static List<String> files(Path zip) throws Exception {
		List<String> names = new ArrayList<>();
		try (ZipFile file = new ZipFile(zip.toFile())) {
			for (ZipEntry entry : Collections.list(file.entries()))
				if (!entry.isDirectory()) names.add(entry.getName());
		}
		Collections.sort(names);
		return names;
	}
}
