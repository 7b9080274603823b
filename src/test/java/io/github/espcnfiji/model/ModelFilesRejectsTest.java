package io.github.espcnfiji.model;

import static io.github.espcnfiji.model.ModelFilesTest.card;
import static io.github.espcnfiji.model.ModelFilesTest.weights;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.core.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken or mismatched models are refused before any network is built, with a message that
 * names the file (and the parameter, where one is at fault) and says what is wrong.
 */
class ModelFilesRejectsTest {

	@TempDir
	Path dir;

	/** A valid x{scale} model folder whose card or weights a test then spoils. */
	private Path model(int scale) throws IOException {
		Path folder = dir.resolve("x" + scale);
		ModelFiles.save(card(scale), weights(scale), folder, false);
		return folder;
	}

	private static String refused(Path model) {
		IOException e = assertThrows(IOException.class, () -> ModelFiles.load(model).close());
		return e.getMessage();
	}

	private static void assertMentions(String message, String... parts) {
		for (String p : parts)
			assertTrue(message.contains(p), "'" + p + "' missing from: " + message);
	}

	private static void setCardField(Path folder, String field, String value) throws IOException {
		Path card = folder.resolve("card.json");
		String json = Files.readString(card).replaceFirst("\"" + field + "\": [^,\\n]*", "\"" +
			field + "\": " + value);
		Files.writeString(card, json);
	}

	@Test
	void aTruncatedZip() throws IOException {
		Path zip = dir.resolve("m.zip");
		ModelFiles.save(card(2), weights(2), zip, false);
		byte[] bytes = Files.readAllBytes(zip);
		for (int keep : new int[] { bytes.length - 10, bytes.length / 2, 100 }) {
			Files.write(zip, Arrays.copyOf(bytes, keep));
			assertMentions(refused(zip), zip.toString(), "truncated");
			assertThrows(InvalidModelException.class, () -> ModelFiles.loadCard(zip));
		}
	}

	@Test
	void aFolderOrZipWithoutCard() throws IOException {
		Path folder = model(2);
		Files.delete(folder.resolve("card.json"));
		assertMentions(refused(folder), folder.toString(), "no card.json");
		Path zip = dir.resolve("nocard.zip");
		ModelFilesTest.zipOf(zip, Map.of("weights.npz", Files.readAllBytes(folder.resolve(
			"weights.npz"))));
		assertMentions(refused(zip), zip.toString(), "no card.json");
	}

	@Test
	void aFolderWithoutWeights() throws IOException {
		Path folder = model(2);
		Files.delete(folder.resolve("weights.npz"));
		assertMentions(refused(folder), folder.toString(), "no weights.npz");
	}

	@Test
	void aCardForScale5() throws IOException {
		Path folder = model(4);
		setCardField(folder, "scale", "5");
		assertMentions(refused(folder), "card.json", "invalid network", "Scale must be 2, 3 or 4",
			"got 5");
	}

	@Test
	void aCardForX2WithX3Weights() throws IOException {
		Path folder = model(2);
		Npz.write(weights(3), folder.resolve("weights.npz"));
		assertMentions(refused(folder), "weights.npz", "'last_part.0.weight'", "[9, 32, 3, 3]",
			"[4, 32, 3, 3]", "these weights are for x3");
	}

	@Test
	void aNewerFormat() throws IOException {
		Path folder = model(2);
		setCardField(folder, "formatVersion", "2");
		assertMentions(refused(folder),
			"model format 2 is newer than this plugin supports (1); update the plugin");
		assertThrows(InvalidModelException.class, () -> ModelFiles.loadCard(folder));
	}

	@Test
	void aCardThatIsNotJson() throws IOException {
		Path folder = model(2);
		Files.writeString(folder.resolve("card.json"), "{ \"scale\": 2, oops");
		assertMentions(refused(folder), "card.json", "not a valid model card");
		Files.writeString(folder.resolve("card.json"), "");
		assertMentions(refused(folder), "card.json", "empty");
	}

	@Test
	void weightsWithNaN() throws IOException {
		Path folder = model(3);
		Map<String, Tensor> w = weights(3);
		w.get("first_part.2.weight").data()[17] = Float.NaN;
		Npz.write(w, folder.resolve("weights.npz"));
		assertMentions(refused(folder), "weights.npz", "'first_part.2.weight'", "NaN",
			"value 17");
		w.get("first_part.2.weight").data()[17] = Float.POSITIVE_INFINITY;
		Npz.write(w, folder.resolve("weights.npz"));
		assertMentions(refused(folder), "'first_part.2.weight'", "Infinity");
	}

	@Test
	void weightsWithAMissingOrAnExtraParameter() throws IOException {
		Path folder = model(2);
		Map<String, Tensor> w = weights(2);
		w.remove("first_part.0.bias");
		Npz.write(w, folder.resolve("weights.npz"));
		assertMentions(refused(folder), "lacks parameter 'first_part.0.bias'");

		w = new LinkedHashMap<>(weights(2));
		w.put("first_part.1.running_mean", new Tensor(new long[] { 64 }, new float[64]));
		Npz.write(w, folder.resolve("weights.npz"));
		assertMentions(refused(folder), "'first_part.1.running_mean'", "different network");
	}

	@Test
	void weightsOfTheWrongShape() throws IOException {
		Path folder = model(2);
		Map<String, Tensor> w = weights(2);
		w.put("first_part.0.bias", new Tensor(new long[] { 63 }, new float[63]));
		Npz.write(w, folder.resolve("weights.npz"));
		assertMentions(refused(folder), "'first_part.0.bias'", "[63]", "[64]");
	}

	@Test
	void aCorruptWeightsFile() throws IOException {
		Path folder = model(2);
		Path npz = folder.resolve("weights.npz");
		byte[] bytes = Files.readAllBytes(npz);
		Files.write(npz, Arrays.copyOf(bytes, bytes.length / 3));
		assertMentions(refused(folder), npz.toString(), "truncated or corrupt");
		Files.writeString(npz, "not numpy at all, just some text");
		assertMentions(refused(folder), npz.toString(), "not an .npz");
	}

	@Test
	void aPathThatIsNoModel() throws IOException {
		Path missing = dir.resolve("nothing-here");
		assertThrows(NoSuchFileException.class, () -> ModelFiles.load(missing));
		Path npz = dir.resolve("state_dict.npz");
		Npz.write(weights(2), npz);
		assertMentions(refused(npz), "weights file, not a model", "importPyTorch");
		Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
		assertMentions(refused(text), "neither a model folder nor a .zip");
	}

	@Test
	void aZipOfSeveralModels() throws IOException {
		Path a = model(2), b = model(3);
		Path zip = dir.resolve("two.zip");
		ModelFilesTest.zipOf(zip, Map.of("a/card.json", Files.readAllBytes(a.resolve("card.json")),
			"b/card.json", Files.readAllBytes(b.resolve("card.json"))));
		assertMentions(refused(zip), "several models");
	}
}
