package io.github.espcnfiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.core.Scores;
import io.github.espcnfiji.model.ModelFiles;
import io.github.espcnfiji.results.EvaluationCsv;
import io.github.espcnfiji.results.GeneratedBlocks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The study harness end to end at a tiny budget: train two recipes, evaluate each into its run
 * folder, tabulate them into the study block of a document.
 */
class StudyCommandTest {

	@TempDir
	Path dir;

	@Test
	void trainsEvaluatesAndTabulatesRuns() throws IOException {
		Path train = Files.createDirectories(dir.resolve("T3"));
		for (int i = 0; i < 4; i++)
			Fixtures.rgb(train.resolve("t" + i + ".png"), 34 + i, 30);
		Path val = Files.createDirectories(dir.resolve("V"));
		Fixtures.rgb(val.resolve("v.png"), 30, 30);
		Path test = Files.createDirectories(dir.resolve("Set5"));
		Fixtures.rgb(test.resolve("s.png"), 36, 30);
		Path study = dir.resolve("study");
		String[][] recipes = { { "01-tanh", "--activation", "tanh" }, { "02-plateau", "--schedule",
			"plateau", "--lr", "0.01" } };
		for (String[] recipe : recipes) {
			Path run = study.resolve(recipe[0]);
			CliRun t = CliRun.of("train", "--train", train.toString(), "--validation", val.toString(),
				"--output", run.toString(), "--scale", "2", "--steps", "5", "--filters", "4,2",
				"--patch", "7", "--stride", "7", "--batch", "4", recipe[1], recipe[2], recipe.length > 3
					? recipe[3] : "--seed", recipe.length > 3 ? recipe[4] : "1");
			assertEquals(0, t.code, t.toString());
			// 4 images of 17x15 LR give 2x2 patches each: 16 patches, 4 steps an epoch; 5 steps
			// need 2 epochs.
			assertTrue(t.err.contains("Budget of 5 steps: 2 epochs of 4 steps"), t.err);
			CliRun e = CliRun.of("evaluate", "--model", run.toString(), "--data", test.toString(),
				"--scale", "2", "--csv", run.resolve("evaluation.csv").toString());
			assertEquals(0, e.code, e.toString());
		}
		Path doc = Files.writeString(dir.resolve("RESULTS.md"), "# Results\n\nMy text.\n");
		CliRun s = CliRun.of("study", "--runs", study.toString(), "--document", doc.toString(),
			"--sets", "Set5");
		assertEquals(0, s.code, s.toString());
		String md = Files.readString(doc);
		assertTrue(md.startsWith("# Results\n\nMy text.\n\n## Recipe study: the runs\n\n"), md);
		assertTrue(GeneratedBlocks.has(md, "study"));
		Scores set5 = EvaluationCsv.readMeans(study.resolve("02-plateau/evaluation.csv")).get("Set5");
		double validation = ModelFiles.loadCard(study.resolve("02-plateau")).training
			.bestValidationPsnr;
		assertTrue(md.contains(String.format(Locale.ROOT, "| 02-plateau | `java -jar ESPCN_.jar " +
			"train --train %s --validation %s --output %s --scale 2 --steps 5 --filters 4,2 --patch 7 " +
			"--stride 7 --batch 4 --schedule plateau --lr 0.01` | 2 (", train, val, study.resolve(
				"02-plateau"))), md);
		assertTrue(md.contains(String.format(Locale.ROOT, "%.3f", validation)), md);
		assertTrue(md.contains(String.format(Locale.ROOT, "%.2f", set5.modelPsnr().getAsDouble())),
			md);
		assertTrue(md.indexOf("| 01-tanh |") < md.indexOf("| 02-plateau |"), md);

		// a second study goes into a block of its own and leaves the first one as it was
		CliRun other = CliRun.of("study", "--runs", study.toString(), "--document", doc.toString(),
			"--sets", "Set5", "--block", "study-levers");
		assertEquals(0, other.code, other.toString());
		String both = Files.readString(doc);
		assertTrue(both.startsWith(md), both);
		assertTrue(GeneratedBlocks.has(both, "study-levers"), both);
		assertTrue(both.substring(md.length()).contains("| 02-plateau |"), both);
		CliRun bad = CliRun.of("study", "--runs", study.toString(), "--document", doc.toString(),
			"--block", "Study 2");
		assertEquals(2, bad.code, bad.toString());
		assertEquals(both, Files.readString(doc));
	}
}
