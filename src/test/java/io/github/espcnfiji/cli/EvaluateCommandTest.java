package io.github.espcnfiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.core.EvaluationProtocol;
import io.github.espcnfiji.core.Scores;
import io.github.espcnfiji.io.ImageFiles;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.model.ModelCard;
import io.github.espcnfiji.model.ModelFiles;
import io.github.espcnfiji.results.BenchmarkSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate} runs the protocol per set, prints a table and writes every image to CSV. */
class EvaluateCommandTest {

	@TempDir
	Path dir;

	@Test
	void scoresEachSetAndWritesPerImageRowsAndMeans() throws IOException {
		Path model = Fixtures.model(dir.resolve("tiny"), 2);
		Path setA = Files.createDirectory(dir.resolve("SetA")), setB = Files.createDirectory(dir
			.resolve("SetB"));
		Fixtures.rgb(setA.resolve("one.png"), 40, 36);
		Fixtures.gray8(setA.resolve("two.png"), 33, 30);
		Fixtures.rgb(setB.resolve("three.png"), 30, 30);
		Path csv = dir.resolve("scores.csv");
		CliRun r = CliRun.of("evaluate", "--model", model.toString(), "--data", setA + "," + setB,
			"--scale", "2", "--csv", csv.toString());
		assertEquals(0, r.code, r.toString());
		assertTrue(r.out.contains("| SetA |      2 |"), r.out);
		assertTrue(r.out.contains("| SetB |      1 |"), r.out);

		List<String> lines = Files.readAllLines(csv);
		assertEquals("set,image,width,height,bicubic_psnr,bicubic_ssim,model_psnr,model_ssim", lines
			.get(0));
		assertEquals(6, lines.size());
		Scores one;
		try (EspcnModel m = ModelFiles.load(model)) {
			one = EvaluationProtocol.evaluate(ImageFiles.read(setA.resolve("one.png")).planes(), 2, m);
		}
		assertEquals(String.format(Locale.ROOT, "SetA,one.png,40,36,%.4f,%.6f,%.4f,%.6f", one
			.bicubicPsnr(), one.bicubicSsim(), one.modelPsnr().getAsDouble(), one.modelSsim()
				.getAsDouble()), lines.get(1));
		assertTrue(lines.get(3).startsWith("SetA,mean,,,"), lines.get(3));
		assertTrue(lines.get(5).startsWith("SetB,mean,,,"), lines.get(5));

		CliRun again = CliRun.of("evaluate", "--model", model.toString(), "--data", setB.toString(),
			"--scale", "2", "--csv", csv.toString());
		assertEquals(1, again.code);
		assertTrue(again.lastError().contains("--overwrite"), again.lastError());
	}

	@Test
	void recordWritesTheSetMeansIntoTheModelCard() throws IOException {
		Path model = Fixtures.model(dir.resolve("tiny"), 2);
		Path set = Files.createDirectory(dir.resolve("SetA"));
		Fixtures.rgb(set.resolve("one.png"), 40, 36);
		CliRun r = CliRun.of("evaluate", "--model", model.toString(), "--data", set.toString(),
			"--scale", "2", "--csv", dir.resolve("s.csv").toString(), "--record");
		assertEquals(0, r.code, r.toString());
		try (EspcnModel m = ModelFiles.load(model)) {
			ModelCard.Metrics metrics = m.card().metrics.get("SetA x2");
			assertEquals(1, metrics.images);
			Scores one = EvaluationProtocol.evaluate(ImageFiles.read(set.resolve("one.png")).planes(),
				2, m);
			assertEquals(one.modelPsnr().getAsDouble(), metrics.psnr, 1e-4);
			assertEquals(one.bicubicPsnr(), metrics.bicubicPsnr, 1e-4);
		}
		CliRun bundled = CliRun.of("evaluate", "--model", dir.resolve("absent").toString(), "--data",
			set.toString(), "--scale", "2", "--record");
		assertEquals(1, bundled.code);
		assertTrue(bundled.lastError().contains("--record needs a model folder"), bundled
			.lastError());
	}

	@Test
	void theDefaultCsvIsNamedAfterTheModelScaleAndSetsSoThatAnotherSetGetsItsOwn()
		throws IOException
	{
		Path setA = Files.createDirectory(dir.resolve("Set A")), setB = Files.createDirectory(dir
			.resolve("SetB"));
		Fixtures.rgb(setA.resolve("one.png"), 40, 36);
		Fixtures.rgb(setB.resolve("two.png"), 40, 36);
		BenchmarkSet a = BenchmarkSet.of(setA), b = BenchmarkSet.of(setB);
		assertEquals("evaluation-espcn-x3-x3-Set-A.csv", EvaluateCommand.defaultCsvName("espcn-x3", 3,
			List.of(a)));
		assertEquals("evaluation-my-model-x2-Set-A+SetB.csv", EvaluateCommand.defaultCsvName(
			"my model", 2, List.of(a, b)));
		assertNotEquals(EvaluateCommand.defaultCsvName("m", 2, List.of(a)), EvaluateCommand
			.defaultCsvName("m", 2, List.of(b)));
	}

	@Test
	void withoutScaleTheModelsScaleIsUsedAndAnotherScaleIsRefusedWithOneConsistentHint()
		throws IOException
	{
		Path model = Fixtures.model(dir.resolve("tiny"), 2);
		Path set = Files.createDirectory(dir.resolve("SetA"));
		Fixtures.rgb(set.resolve("one.png"), 40, 36);
		CliRun r = CliRun.of("evaluate", "--model", model.toString(), "--data", set.toString(),
			"--csv", dir.resolve("s.csv").toString());
		assertEquals(0, r.code, r.toString());
		assertTrue(r.out.contains("(x2)"), r.out);
		CliRun wrong = CliRun.of("evaluate", "--model", model.toString(), "--data", set.toString(),
			"--scale", "3", "--csv", dir.resolve("t.csv").toString());
		assertEquals(1, wrong.code, wrong.toString());
		assertTrue(wrong.lastError().contains("drop --scale"), wrong.lastError());
		assertFalse(Files.exists(dir.resolve("t.csv")));
	}
}
