package io.github.espcnfiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.model.ModelCard;
import io.github.espcnfiji.model.ModelFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train} reads images through io.ImageFiles and validates on a folder or a held-out share. */
class TrainCommandTest {

	@TempDir
	Path dir;

	@Test
	void exactlyOneValidationSourceIsRequired() throws IOException {
		Path train = Files.createDirectory(dir.resolve("train"));
		CliRun neither = CliRun.of("train", "--train", train.toString(), "--output", dir.resolve("run")
			.toString());
		assertEquals(2, neither.code);
		assertTrue(neither.err.startsWith("error: give exactly one of --validation DIR and " +
			"--validation-fraction F"), neither.err);
		CliRun both = CliRun.of("train", "--train", train.toString(), "--validation", train
			.toString(), "--validation-fraction", "0.1", "--output", dir.resolve("run").toString());
		assertEquals(2, both.code);
	}

	@Test
	void badRecipeValuesAreUsageErrors() {
		CliRun r = CliRun.of("train", "--train", "t", "--validation-fraction", "0.1", "--output", "o",
			"--activation", "sigmoid");
		assertEquals(2, r.code);
		assertTrue(r.err.startsWith("error: Unknown activation 'sigmoid'"), r.err);
	}

	/** Four small RGB images in a new folder {@code name}. */
	private Path fourImages(String name) throws IOException {
		Path train = Files.createDirectory(dir.resolve(name));
		for (int i = 0; i < 4; i++)
			Fixtures.rgb(train.resolve("img" + i + ".png"), 30 + i, 30);
		return train;
	}

	/** One epoch of a tiny x2 network on {@code train}, a quarter held out, and more options. */
	private static CliRun tinyRun(Path train, Path run, String... more) {
		List<String> args = new ArrayList<>(List.of("train", "--train", train.toString(),
			"--validation-fraction", "0.25", "--output", run.toString(), "--scale", "2", "--epochs",
			"1", "--filters", "4,2", "--patch", "7", "--stride", "7", "--batch", "4"));
		args.addAll(List.of(more));
		return CliRun.of(args.toArray(new String[0]));
	}

	@Test
	void trainsATinyModelWithAHeldOutFraction() throws IOException {
		Path train = fourImages("T3");
		Path run = dir.resolve("run");
		CliRun r = tinyRun(train, run);
		assertEquals(0, r.code, r.toString());
		assertTrue(r.err.contains("Loading 3 training and 1 validation images"), r.err);
		assertTrue(r.out.startsWith("Best validation PSNR "), r.out);
		Path card;
		try (Stream<Path> s = Files.walk(run)) {
			card = s.filter(p -> p.getFileName().toString().equals(ModelFiles.CARD)).findFirst()
				.orElseThrow();
		}
		ModelCard c = ModelFiles.loadCard(card.getParent());
		assertEquals("1 training images held out (--validation-fraction 0.25)", c.training
			.validationData);
		assertTrue(c.training.command.startsWith("java -jar ESPCN_.jar train --train "), c.training
			.command);
	}

	@Test
	void aTeacherAndALeastContrastAreNamedInTheCard() throws IOException {
		Path train = fourImages("T4");
		Path run = dir.resolve("taught");
		CliRun r = tinyRun(train, run, "--teacher", "x2", "--teacher-share", "0.75", "--min-contrast",
			"1");
		assertEquals(0, r.code, r.toString());
		ModelCard c = ModelFiles.loadCard(run);
		assertTrue(c.training.teacher.startsWith("x2 (ESPCN x2 tanh filters [64, 32]"), c.training
			.teacher);
		assertEquals(0.75, c.training.teacherShare);
		assertEquals(1.0, c.training.minPatchContrast);
		assertTrue(c.training.command.contains("--teacher x2 --teacher-share 0.75 --min-contrast 1"),
			c.training.command);
		CliRun flat = tinyRun(train, dir.resolve("flat"), "--min-contrast", "255");
		assertEquals(1, flat.code, flat.toString());
		assertEquals("error: No training patch varies by 255.0 grey levels or more", flat
			.lastError());
	}

	@Test
	void aTeacherOfAnotherScaleOrAShareWithoutATeacherIsAUsageError() {
		CliRun x2 = CliRun.of("train", "--train", "t", "--validation-fraction", "0.1", "--output",
			"o", "--scale", "3", "--teacher", "x2");
		assertEquals(2, x2.code, x2.toString());
		assertEquals("error: The teacher x2 is a x2 model; the student is x3", x2.err.lines()
			.findFirst().orElse(""));
		CliRun share = CliRun.of("train", "--train", "t", "--validation-fraction", "0.1", "--output",
			"o", "--teacher-share", "0.5");
		assertEquals(2, share.code, share.toString());
		assertTrue(share.err.startsWith("error: --teacher-share needs --teacher"), share.err);
	}

	@Test
	void sixteenBitStacksTrainAsInFijiEverySliceOneImage() throws IOException {
		Path train = Files.createDirectory(dir.resolve("deep"));
		for (int i = 0; i < 3; i++)
			Fixtures.stack16(train.resolve("cells" + i + ".tif"), 30, 30, 2);
		Path run = dir.resolve("run16");
		CliRun r = CliRun.of("train", "--train", train.toString(), "--validation-fraction", "0.34",
			"--output", run.toString(), "--scale", "2", "--epochs", "1", "--filters", "4,2",
			"--patch", "7", "--stride", "7", "--batch", "4");
		assertEquals(0, r.code, r.toString());
		assertTrue(r.out.startsWith("Best validation PSNR "), r.out);
	}

	@Test
	void aFolderThatCannotTakeTheRunOrAnExistingPackageIsRefusedBeforeAnyImageIsRead()
		throws IOException
	{
		Path train = Files.createDirectory(dir.resolve("few"));
		for (int i = 0; i < 3; i++)
			Fixtures.rgb(train.resolve("img" + i + ".png"), 30, 30);
		Path used = Files.createDirectory(dir.resolve("used"));
		Files.writeString(used.resolve("notes.txt"), "mine");
		CliRun r = CliRun.of("train", "--train", train.toString(), "--validation-fraction", "0.34",
			"--output", used.toString(), "--scale", "2", "--epochs", "1");
		assertEquals(1, r.code, r.toString());
		assertTrue(r.lastError().contains("already holds notes.txt"), r.lastError());
		assertFalse(r.err.contains("Loading"), "refused before the images are read: " + r.err);
		Path fresh = dir.resolve("fresh");
		Files.writeString(dir.resolve("fresh.bioimageio.zip"), "an earlier package");
		r = CliRun.of("train", "--train", train.toString(), "--validation-fraction", "0.34",
			"--output", fresh.toString(), "--scale", "2", "--epochs", "1", "--package");
		assertEquals(1, r.code, r.toString());
		assertTrue(r.lastError().contains("fresh.bioimageio.zip"), r.lastError());
		assertFalse(r.err.contains("Loading"), r.err);
		assertEquals("an earlier package", Files.readString(dir.resolve("fresh.bioimageio.zip")));
		r = CliRun.of("train", "--train", train.toString(), "--validation-fraction", "0.34",
			"--output", dir.resolve("none").toString(), "--resume");
		assertEquals(1, r.code, r.toString());
		assertTrue(r.lastError().contains("No checkpoint to resume"), r.lastError());
	}

	@Test
	void validationImagesPickedFromATrainingFolderAreNotTrainedOn() throws IOException {
		Path t91 = Files.createDirectory(dir.resolve("T91"));
		Path bsd = Files.createDirectory(dir.resolve("BSD200"));
		for (int i = 0; i < 2; i++)
			Fixtures.rgb(t91.resolve("t" + i + ".png"), 30 + i, 30);
		for (int i = 0; i < 4; i++)
			Fixtures.rgb(bsd.resolve("b" + i + ".png"), 30, 30 + i);
		Path run = dir.resolve("run");
		CliRun r = CliRun.of("train", "--train", t91 + "," + bsd, "--validation", bsd.toString(),
			"--validation-count", "2", "--output", run.toString(), "--scale", "2", "--epochs", "1",
			"--filters", "4,2", "--patch", "7", "--stride", "7", "--batch", "4");
		assertEquals(0, r.code, r.toString());
		assertTrue(r.err.contains("Left 2 validation images out of the training images"), r.err);
		assertTrue(r.err.contains("Loading 4 training and 2 validation images"), r.err);
		ModelCard c = ModelFiles.loadCard(run);
		assertEquals("BSD200 (2 images), not trained on", c.training.validationData);
	}

	@Test
	void theCardNamesACorpusByItsVersionTag() throws IOException {
		Path corpus = Files.createDirectory(dir.resolve("v1"));
		for (int i = 0; i < 4; i++)
			Fixtures.rgb(corpus.resolve("img" + i + ".png"), 30 + i, 30);
		Files.writeString(corpus.resolve("VERSION"), "corpus-v1-0123abcd\n");
		Path plain = Files.createDirectory(dir.resolve("T2"));
		for (int i = 0; i < 2; i++)
			Fixtures.rgb(plain.resolve("t" + i + ".png"), 30, 30 + i);
		Path run = dir.resolve("run");
		CliRun r = CliRun.of("train", "--train", corpus + "," + plain, "--validation-fraction",
			"0.25", "--output", run.toString(), "--scale", "2", "--epochs", "1", "--filters", "4,2",
			"--patch", "7", "--stride", "7", "--batch", "4");
		assertEquals(0, r.code, r.toString());
		assertEquals(java.util.List.of("v1 (corpus-v1-0123abcd)", "T2"), ModelFiles.loadCard(run)
			.training.trainData);
	}

	@Test
	void aResumedRunsCardRecordsTheCommandWithoutResume() throws IOException {
		Path train = Files.createDirectory(dir.resolve("T4"));
		for (int i = 0; i < 4; i++)
			Fixtures.rgb(train.resolve("img" + i + ".png"), 30 + i, 30);
		Path run = dir.resolve("run");
		java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("train", "--train",
			train.toString(), "--validation-fraction", "0.25", "--output", run.toString(), "--scale",
			"2", "--epochs", "2", "--filters", "4,2", "--patch", "7", "--stride", "7", "--batch", "4"));
		assertEquals(0, CliRun.of(args.toArray(String[]::new)).code);
		String recipe = ModelFiles.loadCard(run).training.command;
		// As if stopped after epoch 1 with no best yet: resuming runs epoch 2 and rewrites the card.
		Path state = run.resolve("checkpoint").resolve("state.json");
		Files.writeString(state, Files.readString(state).replaceAll("\"epochsDone\": 2",
			"\"epochsDone\": 1").replaceAll("\"bestPsnr\": [-0-9.Ee]+", "\"bestPsnr\": -1000.0"));
		args.add("--resume");
		CliRun resumed = CliRun.of(args.toArray(String[]::new));
		assertEquals(0, resumed.code, resumed.toString());
		assertTrue(resumed.err.contains("from epoch 2 of 2"), resumed.err);
		assertEquals(recipe, ModelFiles.loadCard(run).training.command);
	}

	@Test
	void withoutValidationComparesNormalisedPaths() {
		Path a = Path.of("data", "a.png");
		Path b = Path.of("data", "b.png");
		assertEquals(java.util.List.of(a), TrainCommand.withoutValidation(java.util.List.of(a, b),
			java.util.List.of(Path.of("data", ".", "b.png").toAbsolutePath())));
	}
}
