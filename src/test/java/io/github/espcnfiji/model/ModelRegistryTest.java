package io.github.espcnfiji.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user's models: registered newest first, once each, only while they exist. */
class ModelRegistryTest {

	@TempDir
	Path dir;

	@Test
	void registeredModelsAreListedNewestFirstOnceEach() throws Exception {
		Path a = Files.createDirectory(dir.resolve("a")), b = Files.createDirectory(dir.resolve("b"));
		ModelRegistry registry = new ModelRegistry(dir.resolve("prefs/ESPCN/models.txt"));
		assertEquals(List.of(), registry.models());
		registry.register(a);
		registry.register(b);
		registry.register(a);
		assertEquals(List.of(a, b), registry.models());
		assertEquals(List.of(a, b), new ModelRegistry(registry.file()).models(), "kept in the file");
		try (var files = Files.list(registry.file().getParent())) {
			assertEquals(1, files.count(), "no temporary file left");
		}
	}

	@Test
	void modelsThatHaveGoneAreNotListedAndDroppedOnTheNextRegistration() throws Exception {
		Path a = Files.createDirectory(dir.resolve("a")), b = Files.createDirectory(dir.resolve("b"));
		ModelRegistry registry = new ModelRegistry(dir.resolve("models.txt"));
		registry.register(a);
		registry.register(b);
		Files.delete(a);
		assertEquals(List.of(b), registry.models());
		Path c = Files.createDirectory(dir.resolve("c"));
		registry.register(c);
		assertEquals(List.of(c.toString(), b.toString()), Files.readAllLines(registry.file()));
	}

	@Test
	void theListKeepsTheNewestThirty() throws Exception {
		ModelRegistry registry = new ModelRegistry(dir.resolve("models.txt"));
		for (int i = 0; i < ModelRegistry.MAX_ENTRIES + 5; i++)
			registry.register(Files.createDirectory(dir.resolve("m" + i)));
		List<Path> models = registry.models();
		assertEquals(ModelRegistry.MAX_ENTRIES, models.size());
		assertEquals(dir.resolve("m" + (ModelRegistry.MAX_ENTRIES + 4)), models.get(0));
	}

	@Test
	void anUnreadableOrOddListOffersNothingButDoesNotFail() throws Exception {
		Path file = dir.resolve("models.txt");
		Files.write(file, new byte[] { (byte) 0xff, (byte) 0xfe, 0, 1 });
		assertTrue(new ModelRegistry(file).models().isEmpty());
		Files.writeString(file, "# my models\n\n" + dir + "\n");
		assertEquals(List.of(dir), new ModelRegistry(file).models());
	}
}
