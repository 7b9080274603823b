package io.github.espcnfiji.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.core.FloatPlane;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bundled models are found by name on the class path, from a folder or from inside a jar. The
 * tests use a tiny x3 model under the test resources' {@code bundled-test-models/} (not
 * {@code models/}, which would shadow the shipped models on the test class path).
 */
class BundledModelsTest {

	private static final String TEST_ROOT = "bundled-test-models/";
	private static final EspcnSpec TINY = new EspcnSpec(3, 1, Activation.TANH, new int[] { 4,
		2 }, new int[] { 3, 3, 3 });

	@TempDir
	Path dir;

	private static BundledModels testModels() {
		return new BundledModels(BundledModelsTest.class.getClassLoader(), TEST_ROOT);
	}

	@Test
	void namesMapToFoldersUnderModels() {
		assertEquals("espcn-x3", BundledModels.folderOf("x3"));
		assertEquals("espcn-x4", BundledModels.folderOf("X4"));
		assertEquals("espcn-wide-x3", BundledModels.folderOf("wide-x3"));
		assertEquals("espcn-deep-x3", BundledModels.folderOf("deep-x3"));
		assertEquals(List.of("x2", "x3", "x4", "deep-x2", "deep-x3", "deep-x4", "wide-x3"),
			BundledModels.NAMES);
	}

	@Test
	void loadsABundledModelByNameFromTheClassPath() throws IOException {
		BundledModels bundled = testModels();
		assertEquals(List.of("x3"), bundled.available());
		for (String name : List.of("x3", " X3 ", "espcn-x3"))
			assertTrue(bundled.has(name), name);
		assertFalse(bundled.has("x2"));
		assertEquals("tiny-test-x3", bundled.loadCard("x3").name);
		try (EspcnModel model = bundled.load("x3")) {
			assertEquals(TINY, model.spec());
			FloatPlane out = model.upscale(FloatPlane.zeros(7, 5));
			assertEquals(21, out.width());
			assertEquals(15, out.height());
		}
	}

	@Test
	void loadsABundledModelFromInsideAJar() throws IOException {
		Path jar = dir.resolve("plugin.jar");
		try (OutputStream out = Files.newOutputStream(jar);
			JarOutputStream j = new JarOutputStream(out))
		{
			for (String file : List.of("card.json", "weights.npz")) {
				j.putNextEntry(new JarEntry("models/espcn-x3/" + file));
				try (InputStream in = getClass().getResourceAsStream("/" + TEST_ROOT + "espcn-x3/" +
					file))
				{
					in.transferTo(j);
				}
				j.closeEntry();
			}
		}
		try (URLClassLoader loader = new URLClassLoader(new URL[] { jar.toUri().toURL() }, null)) {
			BundledModels bundled = new BundledModels(loader, BundledModels.ROOT);
			assertEquals(List.of("x3"), bundled.available());
			try (EspcnModel fromJar = bundled.load("x3"); EspcnModel fromFolder = testModels().load(
				"x3"))
			{
				for (String key : TINY.parameterKeys())
					assertArrayEquals(fromFolder.weights().get(key).data(), fromJar.weights().get(key)
						.data(), key);
			}
		}
	}

	@Test
	void resolveTakesABundledNameOrAPath() throws IOException {
		Path folder = dir.resolve("mine");
		ModelFiles.save(ModelFilesTest.card(2), ModelFilesTest.weights(2), folder, false);
		Path zip = dir.resolve("mine.zip");
		ModelFiles.save(ModelFilesTest.card(4), ModelFilesTest.weights(4), zip, false);
		BundledModels bundled = testModels();
		assertEquals(TINY, bundled.resolveCard("x3").spec());
		assertEquals(2, bundled.resolveCard(folder.toString()).scale);
		try (EspcnModel model = bundled.resolve(zip.toString())) {
			assertEquals(4, model.scale());
		}
	}

	@Test
	void anUnknownNameListsTheBundledModels() {
		BundledModels bundled = testModels();
		for (String name : List.of("x5", "x2", "espcn-x9", "")) {
			NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> bundled.resolve(
				name));
			assertTrue(e.getMessage().contains("bundled models are x3"), e.getMessage());
			assertTrue(e.getMessage().contains("path of a model folder or .zip"), e.getMessage());
		}
		NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> bundled.load("x4"));
		assertTrue(e.getMessage().contains("no bundled model of that name: bundled models are x3"), e
			.getMessage());
		BundledModels none = new BundledModels(getClass().getClassLoader(), "no-such-folder/");
		assertTrue(assertThrows(NoSuchFileException.class, () -> none.resolve("x2")).getMessage()
			.contains("no models are bundled with this build"));
	}

	/** Whatever the build ships under /models/ is a valid model of the scale its name says. */
	@Test
	void theShippedModelsAreValidAndNamedForTheirScale() throws IOException {
		BundledModels shipped = BundledModels.shipped();
		for (String name : shipped.available())
			try (EspcnModel model = shipped.load(name)) {
				assertTrue(name.equals("x" + model.scale()) || name.endsWith("-x" + model.scale()),
					name + " upscales x" + model.scale());
				assertEquals(BundledModels.folderOf(name), model.card().name);
			}
	}
}
