package io.github.espcnfiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.core.Scores;
import io.github.espcnfiji.results.EvaluationCsv;
import io.github.espcnfiji.results.GeneratedBlocks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code results} evaluates every model at its scale and bicubic at every scale through the
 * evaluate code path, and regenerates its blocks of RESULTS.md without touching the rest.
 */
class ResultsCommandTest {

	@TempDir
	Path dir;

	private Path data() throws IOException {
		Path setA = Files.createDirectories(dir.resolve("data/SetA"));
		Path setB = Files.createDirectories(dir.resolve("data/SetB"));
		Fixtures.rgb(setA.resolve("one.png"), 48, 40);
		Fixtures.gray8(setA.resolve("two.png"), 37, 41);
		Fixtures.rgb(setB.resolve("three.png"), 42, 42);
		return dir.resolve("data");
	}

	private Path models() throws IOException {
		Path models = Files.createDirectories(dir.resolve("models"));
		Fixtures.model(models.resolve("tiny-x2"), 2);
		Fixtures.model(models.resolve("tiny-x3"), 3);
		Files.writeString(models.resolve("tiny-x3/training-log.csv"),
			"epoch,loss,validation_psnr,best_psnr,learning_rate,seconds\n1,0.02,20.0,20.0,1e-3,1\n" +
				"2,0.01,21.0,21.0,1e-4,1\n");
		return models;
	}

	@Test
	void reproducesTheTablesWithTheEvaluateCommandsNumbers() throws IOException {
		Path data = data(), models = models(), docs = dir.resolve("docs");
		CliRun r = CliRun.of("results", "--models", models.toString(), "--data", data.toString(),
			"--sets", "SetA,SetB", "--scales", "2,3,4", "--visual", "SetA/one.png", "--output", docs
				.toString(), "--threads", "2");
		assertEquals(0, r.code, r.toString());
		String doc = Files.readString(docs.resolve("RESULTS.md"));
		for (String block : List.of("tables", "models", "curves", "visual"))
			assertTrue(GeneratedBlocks.has(doc, block), block);

		// The numbers are those of evaluate on the same model and sets.
		Path csv = dir.resolve("x3.csv");
		assertEquals(0, CliRun.of("evaluate", "--model", models.resolve("tiny-x3").toString(),
			"--data", data.resolve("SetA") + "," + data.resolve("SetB"), "--scale", "3", "--csv", csv
				.toString()).code);
		Map<String, Scores> means = EvaluationCsv.readMeans(csv);
		String row = String.format(Locale.ROOT, "| ESPCN tiny-x3 | measured | %.2f / %.4f | %.2f / %.4f |",
			means.get("SetA").modelPsnr().getAsDouble(), means.get("SetA").modelSsim().getAsDouble(),
			means.get("SetB").modelPsnr().getAsDouble(), means.get("SetB").modelSsim().getAsDouble());
		assertTrue(doc.contains(row), row + "\n" + doc);
		String bicubic = String.format(Locale.ROOT, "| bicubic | measured | %.2f / %.4f |", means
			.get("SetA").bicubicPsnr(), means.get("SetA").bicubicSsim());
		assertTrue(doc.contains(bicubic), bicubic + "\n" + doc);
		List<String> results = Files.readAllLines(docs.resolve("results.csv"));
		assertTrue(results.contains(String.format(Locale.ROOT, "3,SetA,2,tiny-x3,%s,%.4f,%.6f",
			models.resolve("tiny-x3"), means.get("SetA").modelPsnr().getAsDouble(), means.get("SetA")
				.modelSsim().getAsDouble())), results.toString());
		// x4 has no model: bicubic only. 3 scales x 2 sets of bicubic, 2 models x 2 sets.
		assertEquals(1 + 6 + 4, results.size(), results.toString());
		assertTrue(doc.contains("### x4\n"), doc);

		// Figures: a curve for the model with a log, a comparison per scale with a model.
		assertTrue(Files.isRegularFile(docs.resolve("curve-tiny-x3.png")));
		assertFalse(Files.exists(docs.resolve("curve-tiny-x2.png")));
		assertTrue(Files.isRegularFile(docs.resolve("compare-x2-SetA-one.png")));
		assertTrue(Files.isRegularFile(docs.resolve("compare-x3-SetA-one.png")));
		assertFalse(Files.exists(docs.resolve("compare-x4-SetA-one.png")));
		assertTrue(doc.contains("![training curves of tiny-x3](curve-tiny-x3.png)"), doc);
		assertTrue(doc.contains("![compare-x3-SetA-one.png](compare-x3-SetA-one.png)"), doc);
	}

	/** The paper's network (the bundled defaults' folder names) comes first: rows and figures. */
	@Test
	void theDefaultOfEachScaleComesBeforeItsVariants() throws IOException {
		Path data = data(), models = Files.createDirectories(dir.resolve("shipped"));
		for (String name : List.of("espcn-deep-x3", "espcn-wide-x3", "espcn-x3"))
			Fixtures.model(models.resolve(name), 3);
		Path docs = dir.resolve("docs");
		CliRun r = CliRun.of("results", "--models", models.toString(), "--data", data.toString(),
			"--sets", "SetA", "--scales", "3", "--visual", "none", "--output", docs.toString());
		assertEquals(0, r.code, r.toString());
		String doc = Files.readString(docs.resolve("RESULTS.md"));
		int x3 = doc.indexOf("| ESPCN espcn-x3 |"), deep = doc.indexOf("| ESPCN espcn-deep-x3 |"),
			wide = doc.indexOf("| ESPCN espcn-wide-x3 |");
		assertTrue(x3 > 0 && x3 < deep && deep < wide, doc);
	}

	@Test
	void regeneratingKeepsTheHandWrittenTextAndRefusesToReplaceFilesUnlessAsked()
		throws IOException
	{
		Path data = data(), models = models(), docs = dir.resolve("docs");
		String[] args = { "results", "--models", models.resolve("tiny-x2").toString(), "--data", data
			.toString(), "--sets", "SetB", "--scales", "2", "--visual", "none", "--output", docs
				.toString() };
		assertEquals(0, CliRun.of(args).code);
		Path md = docs.resolve("RESULTS.md");
		String first = Files.readString(md);
		String edited = first.replace("## Table 1 and the other scales\n",
			"Hand-written intro.\n\n## Table 1 and the other scales\n") + "\n## Study\n\nMy notes.\n";
		Files.writeString(md, edited);

		CliRun refused = CliRun.of(args);
		assertEquals(1, refused.code);
		assertTrue(refused.lastError().contains("results.csv") && refused.lastError().contains(
			"--overwrite"), refused.lastError());
		assertEquals(edited, Files.readString(md));

		String[] again = java.util.Arrays.copyOf(args, args.length + 1);
		again[args.length] = "--overwrite";
		CliRun r = CliRun.of(again);
		assertEquals(0, r.code, r.toString());
		// Same models and data: the same document, hand-written parts and all; only the command
		// that made the blocks now ends with --overwrite.
		String command = "java -jar ESPCN_-tools.jar results " + String.join(" ", java.util.Arrays
			.copyOfRange(args, 1, args.length));
		assertEquals(edited.replace(command, command + " --overwrite"), Files.readString(md));
		assertTrue(Files.readString(md).contains("Hand-written intro.\n\n## Table 1"));
		assertTrue(Files.readString(md).endsWith("## Study\n\nMy notes.\n"));
	}

	@Test
	void aFolderWithoutModelsOrAMissingSetIsACleanError() throws IOException {
		Path data = data();
		Path empty = Files.createDirectories(dir.resolve("nothing"));
		CliRun r = CliRun.of("results", "--models", empty.toString(), "--data", data.toString(),
			"--sets", "SetA", "--output", dir.resolve("d").toString());
		assertEquals(1, r.code);
		assertTrue(r.lastError().contains("neither a model folder nor a folder of model folders"), r
			.lastError());
		CliRun noSet = CliRun.of("results", "--models", models().toString(), "--data", data
			.toString(), "--sets", "SetZ", "--output", dir.resolve("d").toString());
		assertEquals(1, noSet.code);
		assertTrue(noSet.lastError().contains("SetZ"), noSet.lastError());
		CliRun badScale = CliRun.of("results", "--scales", "5");
		assertEquals(2, badScale.code);
	}
}
