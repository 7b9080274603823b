package io.github.espcnfiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.model.ModelFiles;
import io.github.espcnfiji.testing.FileChecksums;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the command line never does to users' files: an earlier training run or anything else in
 * {@code train --output} is not replaced unless asked, and {@code evaluate --csv} never names an
 * input, even with {@code --overwrite}.
 */
class OutputSafetyTest {

	@TempDir
	Path dir;

	private List<String> trainArgs(Path train, Path run, String... more) {
		List<String> args = new ArrayList<>(List.of("train", "--train", train.toString(),
			"--validation-fraction", "0.25", "--output", run.toString(), "--scale", "2", "--epochs",
			"1", "--filters", "4,2", "--patch", "7", "--stride", "7", "--batch", "4"));
		args.addAll(List.of(more));
		return args;
	}

	private Path trainingImages() throws IOException {
		Path train = Files.createDirectories(dir.resolve("T4"));
		for (int i = 0; i < 4; i++)
			Fixtures.rgb(train.resolve("img" + i + ".png"), 30 + i, 30);
		return train;
	}

	@Test
	void trainRefusesAFolderThatHoldsAnythingUnlessToldWhatToDo() throws IOException {
		Path train = trainingImages();
		for (String existing : new String[] { "weights.npz", "training-log.csv", "notes.txt" }) {
			Path run = Files.createDirectories(dir.resolve("run-" + existing));
			Files.writeString(run.resolve(existing), "the user's");
			Map<String, String> before = FileChecksums.of(run);
			CliRun r = CliRun.of(trainArgs(train, run).toArray(new String[0]));
			assertEquals(1, r.code, r.toString());
			assertEquals("error: Output folder " + run + " already holds " + existing + ": resume " +
				"its run (--resume), replace it (--overwrite) or choose another folder", r.lastError());
			assertEquals(before, FileChecksums.of(run), existing + " unchanged");
		}
		// --overwrite replaces an earlier run's files, never anything else
		Path foreign = dir.resolve("run-notes.txt");
		CliRun r = CliRun.of(trainArgs(train, foreign, "--overwrite").toArray(new String[0]));
		assertEquals(1, r.code, r.toString());
		assertTrue(r.lastError().contains("holds notes.txt, which a training run did not write"), r
			.lastError());
		Path earlier = dir.resolve("run-weights.npz");
		r = CliRun.of(trainArgs(train, earlier, "--overwrite").toArray(new String[0]));
		assertEquals(0, r.code, r.toString());
		assertEquals(1, ModelFiles.loadCard(earlier).training.epochsCompleted);
		assertFalse(Files.exists(earlier.resolve(".espcn.lock")), "the lock is released");
	}

	@Test
	void trainTakesResumeOrOverwriteNotBoth() throws IOException {
		CliRun r = CliRun.of(trainArgs(trainingImages(), dir.resolve("run"), "--resume",
			"--overwrite").toArray(new String[0]));
		assertEquals(2, r.code);
		assertTrue(r.err.startsWith("error: give --resume or --overwrite, not both"), r.err);
	}

	@Test
	void evaluateNeverWritesItsCsvOverAnInput() throws IOException {
		Path model = Fixtures.model(dir.resolve("tiny"), 2);
		Path set = Files.createDirectory(dir.resolve("SetA"));
		Path image = Fixtures.rgb(set.resolve("one.png"), 40, 36);
		Path link = Files.createSymbolicLink(dir.resolve("link"), set);
		Map<String, String> before = FileChecksums.of(dir);
		for (Path csv : List.of(image, set.resolve(".").resolve("one.png"), link.resolve("one.png"),
			model.resolve("card.json")))
		{
			CliRun r = CliRun.of("evaluate", "--model", model.toString(), "--data", set.toString(),
				"--scale", "2", "--csv", csv.toString(), "--overwrite");
			assertEquals(1, r.code, r.toString());
			assertTrue(r.lastError().contains("inputs are never overwritten"), r.lastError());
			assertEquals(1, r.err.strip().split("\\R").length, r.err);
		}
		assertEquals(before, FileChecksums.of(dir));
	}
}
