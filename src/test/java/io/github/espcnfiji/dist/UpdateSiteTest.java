package io.github.espcnfiji.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

/**
 * An update site as the ImageJ updater reads it: {@code db.xml.gz} valid against the updater's
 * document type, and every file it lists present as {@code PATH-TIMESTAMP} with the recorded
 * size and checksum.
 */
class UpdateSiteTest {

	@TempDir
	Path dir;

	@Test
	void everyListedFileIsThereWithItsSizeAndChecksumAndTheIndexIsValid() throws Exception {
		Path plugin = JarFiles.write(dir.resolve("in/ESPCN_-1.0.jar"), 0, Map.of("x/A.class", "a"));
		Path api = JarFiles.write(dir.resolve("in/api-0.36.0.jar"), 0, Map.of("ai/B.class", "b"));
		Path natives = JarFiles.write(dir.resolve("in/native-linux-x86_64.jar"), 0, Map.of("lib.so",
			"elf"));
		new UpdateSite("20261206010203", List.of("Dev <&>")).add(new UpdateSite.Entry(
			"plugins/ESPCN_-1.0.jar", plugin).description("Plugins > ESPCN").dependsOn(
				"jars/api-0.36.0.jar").dependsOn("jars/linux64/native-linux-x86_64.jar")).add(
					new UpdateSite.Entry("jars/api-0.36.0.jar", api)).add(new UpdateSite.Entry(
						"jars/linux64/native-linux-x86_64.jar", natives).platform("linux64")).writeTo(dir
							.resolve("site"));

		Document db = parseValidating(dir.resolve("site/db.xml.gz"));
		NodeList plugins = db.getElementsByTagName("plugin");
		assertEquals(3, plugins.getLength());
		List<String> names = new ArrayList<>();
		for (int i = 0; i < plugins.getLength(); i++) {
			Element entry = (Element) plugins.item(i);
			String filename = entry.getAttribute("filename");
			names.add(filename);
			Element version = (Element) entry.getElementsByTagName("version").item(0);
			assertEquals("20261206010203", version.getAttribute("timestamp"));
			Path stored = dir.resolve("site").resolve(filename + "-20261206010203");
			assertTrue(Files.isRegularFile(stored), "missing " + stored);
			assertEquals(Files.size(stored), Long.parseLong(version.getAttribute("filesize")));
			assertEquals(UpdaterChecksum.of(filename, stored), version.getAttribute("checksum"));
			assertEquals("Dev <&>", version.getElementsByTagName("author").item(0).getTextContent());
		}
		assertEquals(List.of("plugins/ESPCN_-1.0.jar", "jars/api-0.36.0.jar",
			"jars/linux64/native-linux-x86_64.jar"), names);
		Element main = (Element) plugins.item(0);
		NodeList dependencies = main.getElementsByTagName("dependency");
		assertEquals(2, dependencies.getLength());
		for (int i = 0; i < dependencies.getLength(); i++)
			assertTrue(names.contains(((Element) dependencies.item(i)).getAttribute("filename")));
		assertEquals("Plugins > ESPCN", main.getElementsByTagName("description").item(0)
			.getTextContent());
		assertEquals("linux64", ((Element) plugins.item(2)).getElementsByTagName("platform").item(0)
			.getTextContent());
		assertTrue(Files.list(dir.resolve("site")).noneMatch(f -> f.getFileName().toString()
			.endsWith(".part")), "no temporary file left");
	}

	@Test
	void pathsOutsideTheApplicationFolderAndBadTimestampsAreRefused() {
		Path any = dir.resolve("x.jar");
		assertThrows(IllegalArgumentException.class, () -> new UpdateSite.Entry("../x.jar", any));
		assertThrows(IllegalArgumentException.class, () -> new UpdateSite.Entry("/jars/x.jar", any));
		assertThrows(IllegalArgumentException.class, () -> new UpdateSite("2026-12-06", List.of()));
	}

	/** Parses with validation against the inline document type; any violation fails. */
	static Document parseValidating(Path gz) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setValidating(true);
		DocumentBuilder builder = factory.newDocumentBuilder();
		builder.setErrorHandler(new ErrorHandler() {

			@Override
			public void warning(SAXParseException e) {}

			@Override
			public void error(SAXParseException e) throws SAXParseException {
				throw e;
			}

			@Override
			public void fatalError(SAXParseException e) throws SAXParseException {
				throw e;
			}
		});
		try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
			return builder.parse(in);
		}
	}
}
