package io.github.espcnfiji.bioimageio.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.bioimageio.ModelPackage;
import io.github.espcnfiji.bioimageio.RdfNode;
import io.github.espcnfiji.bioimageio.RdfYaml;
import io.github.espcnfiji.files.Sha256;
import io.github.espcnfiji.model.BundledModels;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.model.ModelCard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped model, as the luma and the RGB package: valid against bioimage.io's JSON Schema,
 * and right where the schema cannot look (sha256 values, files present, test tensor shapes).
 */
class ShippedPackagesTest {

	@TempDir
	Path dir;

	static Stream<Arguments> packages() {
		List<Arguments> out = new ArrayList<>();
		for (String name : BundledModels.shipped().available())
			for (boolean rgb : new boolean[] { false, true })
				out.add(Arguments.of(name, rgb));
		return out.stream();
	}

	@ParameterizedTest(name = "{0} rgb={1}")
	@MethodSource("packages")
	void validatesAgainstTheSchemaAndTheCrossFieldRules(String name, boolean rgb)
		throws IOException
	{
		Path zip = dir.resolve("espcn-" + name + (rgb ? "-rgb" : "") + ".zip");
		try (EspcnModel model = BundledModels.shipped().load(name)) {
			PackageExport.write(model, rgb, zip, false);
		}
		ModelPackage p = ModelPackage.open(zip);
		byte[] yaml = p.files().read(RdfYaml.FILE);
		assertEquals(Set.of(), SchemaValidation.errors(yaml), name);
		p.checkFiles();
		p.checkTestTensors();
		// every file but rdf.yaml is named by the description, and all but covers and
		// documentation (which the format gives no sha256) with their sha256
		Map<String, String> named = p.referencedFiles();
		for (String f : List.of(FileNames.TORCHSCRIPT, FileNames.STATE_DICT, FileNames.ARCHITECTURE,
			FileNames.TEST_INPUT, FileNames.TEST_OUTPUT, FileNames.CARD, FileNames.WEIGHTS))
			assertEquals(Sha256.of(p.files().read(f)), named.get(f), f);
		assertTrue(named.containsKey(FileNames.COVER) && named.containsKey(FileNames.README));
	}

	@Test
	void declaresTheFieldsTheZooExpects() throws IOException {
		Path zip = dir.resolve("x3.zip");
		try (EspcnModel model = BundledModels.shipped().load("x3")) {
			PackageExport.write(model, false, zip, false);
		}
		RdfNode rdf = ModelPackage.open(zip).rdf();
		assertEquals("0.5.7", rdf.get("format_version").text());
		for (String field : List.of("name", "description", "authors", "cite", "license",
			"documentation", "covers", "tags", "training_data", "timestamp"))
			assertTrue(rdf.get(field).exists(), field);
		assertEquals("10.1109/CVPR.2016.207", rdf.get("cite").items().get(0).get("doi").text());
		List<String> ids = new ArrayList<>();
		for (RdfNode a : rdf.get("inputs").items().get(0).get("axes").items())
			ids.add(a.get("id").optionalText().orElse(a.get("type").text()));
		assertEquals(List.of("batch", "channel", "y", "x"), ids);
		RdfNode outY = rdf.get("outputs").items().get(0).get("axes").items().get(2);
		assertEquals("input", outY.get("size").get("tensor_id").text());
		assertEquals("y", outY.get("size").get("axis_id").text());
		assertEquals(12, outY.get("halo").integer(), "x3 times the receptive radius 4");
		ModelCard card = BundledModels.shipped().loadCard("x3");
		String data = rdf.get("training_data").get("description").text();
		assertTrue(data.contains(card.training.trainData.get(0)), data);
		assertEquals(card.training.epochs, rdf.get("config").get("bioimageio").get("training").get(
			"training_epochs").number(), 0);
		assertTrue(Files.size(zip) > 0);
	}

	/**
	 * The description names the loss the model was trained with: MSE for a card without one
	 * (written before {@code --loss}) or with l2, L1 and Charbonnier (with its epsilon) for
	 * models trained with {@code --loss l1} or {@code --loss charbonnier}; still valid.
	 */
	@Test
	void declaresTheLossTheModelWasTrainedWith() throws IOException {
		Map<String, String> expected = new java.util.LinkedHashMap<>();
		expected.put(null, "MSELoss");
		expected.put("l2", "MSELoss");
		expected.put("l1", "L1Loss");
		expected.put("charbonnier", "CharbonnierLoss");
		int i = 0;
		for (Map.Entry<String, String> e : expected.entrySet()) {
			Path zip = dir.resolve("x3-" + i++ + ".zip");
			try (EspcnModel model = BundledModels.shipped().load("x3")) {
				model.card().training.loss = e.getKey();
				PackageExport.write(model, false, zip, false);
			}
			ModelPackage p = ModelPackage.open(zip);
			assertEquals(Set.of(), SchemaValidation.errors(p.files().read(RdfYaml.FILE)), e.getKey());
			RdfNode training = p.rdf().get("config").get("bioimageio").get("training");
			assertEquals(e.getValue(), training.get("loss_function").text(), "card loss " + e
				.getKey());
			assertEquals("charbonnier".equals(e.getKey()), training.get("loss_function_kwargs")
				.exists(), "card loss " + e.getKey());
			if ("charbonnier".equals(e.getKey())) assertEquals(
				io.github.espcnfiji.train.TrainingConfig.Loss.CHARBONNIER_EPS, training.get(
					"loss_function_kwargs").get("eps").number(), 0);
		}
	}

	/** The validator does reject: a description the schema forbids is caught. */
	@Test
	void theSchemaCatchesAnInvalidDescription() throws IOException {
		Path zip = dir.resolve("x2.zip");
		try (EspcnModel model = BundledModels.shipped().load("x2")) {
			PackageExport.write(model, false, zip, false);
		}
		String yaml = new String(ModelPackage.open(zip).files().read(RdfYaml.FILE),
			StandardCharsets.UTF_8);
		assertFalse(SchemaValidation.errors(yaml.replace("format_version: 0.5.7",
			"format_version: 0.4.10").getBytes(StandardCharsets.UTF_8)).isEmpty());
		assertFalse(SchemaValidation.errors(yaml.replace("  - type: batch\n", "  - type: batch\n" +
			"    size: 2\n").getBytes(StandardCharsets.UTF_8)).isEmpty(), "batch size may only be 1");
	}
}
