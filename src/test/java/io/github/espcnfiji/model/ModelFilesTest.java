package io.github.espcnfiji.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.core.Tensor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {

	@TempDir
	Path dir;

	static ModelCard card(int scale) {
		ModelCard card = ModelCard.forSpec(EspcnSpec.paper(scale));
		card.name = "test-x" + scale;
		card.description = "for tests \u00e9";
		card.training.trainData.add("T91");
		card.training.epochs = 3;
		ModelCard.Metrics m = new ModelCard.Metrics();
		m.images = 5;
		m.psnr = 33.1;
		m.bicubicPsnr = Double.NaN;
		card.metrics.put("Set5", m);
		return card;
	}

	static Map<String, Tensor> weights(int scale) {
		return EspcnBlock.initialWeights(EspcnSpec.paper(scale), 42);
	}

	private List<String> names(Path folder) throws IOException {
		try (Stream<Path> s = Files.list(folder)) {
			return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
		}
	}

	private static void assertSameWeights(Map<String, Tensor> expected, Map<String, Tensor> got) {
		assertEquals(List.copyOf(expected.keySet()), List.copyOf(got.keySet()));
		for (String k : expected.keySet())
			assertArrayEquals(expected.get(k).data(), got.get(k).data(), k);
	}

	@Test
	void aFolderModelHoldsAPrettyCardAndReferenceKeyedWeights() throws IOException {
		Path folder = dir.resolve("m");
		ModelFiles.save(card(3), weights(3), folder, false);
		assertEquals(List.of("card.json", "weights.npz"), names(folder));
		String json = Files.readString(folder.resolve("card.json"));
		assertTrue(json.contains("\n  \"formatVersion\": 1,"), json);
		assertEquals(EspcnSpec.paper(3).parameterKeys(), List.copyOf(Npz.read(folder.resolve(
			"weights.npz")).keySet()));
		assertEquals(List.of("m"), names(dir), "no temporary files left beside it");
	}

	@Test
	void loadsWhatItSavedBitExactlyWithTheWholeCard() throws IOException {
		Path folder = dir.resolve("m");
		ModelFiles.save(card(3), weights(3), folder, false);
		try (EspcnModel model = ModelFiles.load(folder)) {
			assertEquals(EspcnSpec.paper(3), model.spec());
			assertEquals("test-x3", model.card().name);
			assertEquals("for tests \u00e9", model.card().description);
			assertEquals(List.of("T91"), model.card().training.trainData);
			assertEquals(33.1, model.card().metrics.get("Set5").psnr);
			assertTrue(Double.isNaN(model.card().metrics.get("Set5").bicubicPsnr));
			assertSameWeights(weights(3), model.weights());

			Path zip = dir.resolve("again.zip");
			ModelFiles.save(model, zip, false);
			try (EspcnModel again = ModelFiles.load(zip)) {
				assertSameWeights(weights(3), again.weights());
			}
		}
	}

	@Test
	void aZipModelKeepsItsFilesInATopFolderNamedAfterIt() throws IOException {
		Path zip = dir.resolve("espcn-x2.zip");
		ModelFiles.save(card(2), weights(2), zip, false);
		try (ZipFile z = new ZipFile(zip.toFile())) {
			assertTrue(z.getEntry("espcn-x2/card.json") != null);
			assertTrue(z.getEntry("espcn-x2/weights.npz") != null);
		}
		assertEquals(2, ModelFiles.loadCard(zip).scale);
		assertEquals(List.of("espcn-x2.zip"), names(dir));
	}

	@Test
	void loadsZipsWithTheFilesAtTheRootToo() throws IOException {
		Path folder = dir.resolve("m");
		ModelFiles.save(card(4), weights(4), folder, false);
		Path zip = dir.resolve("flat.zip");
		zipOf(zip, Map.of("card.json", Files.readAllBytes(folder.resolve("card.json")),
			"weights.npz", Files.readAllBytes(folder.resolve("weights.npz"))));
		try (EspcnModel model = ModelFiles.load(zip)) {
			assertEquals(4, model.scale());
			assertSameWeights(weights(4), model.weights());
		}
	}

	@Test
	void loadCardReadsOnlyTheCard() throws IOException {
		Path folder = dir.resolve("m");
		ModelFiles.save(card(2), weights(2), folder, false);
		Files.delete(folder.resolve("weights.npz"));
		ModelCard c = ModelFiles.loadCard(folder);
		assertEquals("test-x2", c.name);
		assertEquals(EspcnSpec.paper(2), c.spec());
	}

	@Test
	void refusesToOverwriteUnlessAsked() throws IOException {
		for (String name : List.of("m", "m.zip")) {
			Path target = dir.resolve(name);
			ModelFiles.save(card(2), weights(2), target, false);
			FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
				() -> ModelFiles.save(card(3), weights(3), target, false));
			assertTrue(e.getMessage().contains("allow overwriting"), e.getMessage());
			assertEquals(2, ModelFiles.loadCard(target).scale, "the old model is untouched");
			ModelFiles.save(card(3), weights(3), target, true);
			assertEquals(3, ModelFiles.loadCard(target).scale);
		}
		assertEquals(List.of("m", "m.zip"), names(dir), "no temporary files left");
	}

	@Test
	void usesAnExistingEmptyFolderButNeverOverwritesAFolderOfOtherFiles() throws IOException {
		Path empty = Files.createDirectory(dir.resolve("empty"));
		ModelFiles.save(card(2), weights(2), empty, false);
		assertEquals(2, ModelFiles.loadCard(empty).scale);

		Path other = Files.createDirectory(dir.resolve("photos"));
		Files.writeString(other.resolve("holiday.jpg"), "x");
		FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
			() -> ModelFiles.save(card(2), weights(2), other, true));
		assertTrue(e.getMessage().contains("other files"), e.getMessage());
		assertEquals(List.of("holiday.jpg"), names(other));
	}

	@Test
	void refusesToSaveWeightsThatDoNotFitTheCard() {
		InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelFiles.save(
			card(2), weights(3), dir.resolve("m"), false));
		assertTrue(e.getMessage().contains("last_part.0.weight"), e.getMessage());
		assertFalse(Files.exists(dir.resolve("m")));
	}

	static void zipOf(Path zip, Map<String, byte[]> entries) throws IOException {
		try (OutputStream out = Files.newOutputStream(zip);
			ZipOutputStream z = new ZipOutputStream(out))
		{
			for (Map.Entry<String, byte[]> e : entries.entrySet()) {
				z.putNextEntry(new ZipEntry(e.getKey()));
				z.write(e.getValue());
				z.closeEntry();
			}
		}
	}

	static void writeCard(Path folder, String json) throws IOException {
		Files.createDirectories(folder);
		Files.writeString(folder.resolve("card.json"), json, StandardCharsets.UTF_8);
	}
}
