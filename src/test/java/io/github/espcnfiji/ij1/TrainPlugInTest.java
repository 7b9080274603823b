package io.github.espcnfiji.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.WindowManager;
import ij.macro.Interpreter;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import io.github.espcnfiji.cli.HeadlessCommands;
import io.github.espcnfiji.cli.MacroRunner;
import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.io.ImageFiles;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.model.ModelCard;
import io.github.espcnfiji.model.ModelFiles;
import io.github.espcnfiji.train.EpochReport;
import io.github.espcnfiji.train.TrainingConfig;

import java.awt.event.KeyEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.command.CommandModule;

/**
 * "ESPCN Train" run headless from a macro and as the macro extension calls it: every option
 * reaches the trainer, the current image joins the training images, Esc keeps the best model so
 * far, and bad input stops it with its reason and nothing written.
 */
class TrainPlugInTest {

	@TempDir
	static Path dir;
	private static Path images;

	@BeforeAll
	static void setUp() throws Exception {
		HeadlessCommands.install();
		images = Files.createDirectory(dir.resolve("images"));
		Random random = new Random(9);
		for (int i = 0; i < 3; i++) {
			float[] v = new float[36 * 36];
			for (int p = 0; p < v.length; p++)
				v[p] = p % 36 * 6 + random.nextInt(30);
			ImageFiles.write(images.resolve(i + ".png"), new FloatPlane[] { new FloatPlane(v, 36,
				36) }, 8, false);
		}
	}

	private static String run(String options) {
		Interpreter interpreter = new Interpreter();
		interpreter.run("run(\"ESPCN Train\", \"" + options.replace("\"", "\\\"") + "\");", "");
		return interpreter.wasError() ? PlugInErrors.takeLastMacroError() : null;
	}

	@Test
	void everyOptionReachesTheModelCard() throws Exception {
		Path out = dir.resolve("relu x2");
		String error = run("folder=[" + images + "] scale=2 epochs=2 activation=relu batch=2 " +
			"patch=7 validation=0.34 output=[" + out + "]");
		assertEquals(null, error);
		ModelCard card = ModelFiles.loadCard(out);
		assertEquals(2, card.scale);
		assertEquals("relu", card.activation);
		assertEquals(2, card.training.epochsCompleted);
		assertEquals(2, card.training.batchSize);
		assertEquals(7, card.training.patchSize);
		assertTrue(card.training.validationData.startsWith("1 images held out"), card.training
			.validationData);
		assertEquals("relu x2", card.name, "a trained model is named after its folder");
		assertEquals(out.toAbsolutePath().normalize(), ModelChooser.registry().models().get(0),
			"and offered in the model choices");
		assertTrue(ModelChooser.items(List.of("x3"), ModelChooser.registry().models(), "x3")
			.contains(out.toAbsolutePath().normalize().toString()));
	}

	/** A 36x36 stack of {@code slices}, 8-bit gray, 16-bit or RGB, with a ramp and noise. */
	private static ImagePlus stack(String title, int bitDepth, int slices, long seed) {
		Random random = new Random(seed);
		ImageStack stack = new ImageStack(36, 36);
		for (int s = 0; s < slices; s++) {
			ImageProcessor ip = bitDepth == 24 ? new ColorProcessor(36, 36) : bitDepth == 16
				? new ShortProcessor(36, 36) : new ByteProcessor(36, 36);
			for (int p = 0; p < 36 * 36; p++) {
				int v = p % 36 * 6 + random.nextInt(30);
				ip.set(p % 36, p / 36, bitDepth == 24 ? v << 16 | (255 - v) << 8 | v / 2 : v);
			}
			stack.addSlice(ip);
		}
		return new ImagePlus(title, stack);
	}

	private static TrainingConfig config(int epochs) {
		TrainingConfig c = new TrainingConfig();
		c.scale = 2;
		c.epochs = epochs;
		c.batchSize = 1;
		c.patchSize = 7;
		return c;
	}

	/** Remembers the patch count and may press Esc after an epoch, as a user would. */
	private static final class Watch extends TrainingProgress {

		int patches;
		double baseline = Double.NaN;
		final int escAfterEpoch;

		Watch(int escAfterEpoch) {
			super("test");
			this.escAfterEpoch = escAfterEpoch;
		}

		@Override
		public void started(int firstEpoch, int epochs, int patches, int stepsPerEpoch) {
			super.started(firstEpoch, epochs, patches, stepsPerEpoch);
			this.patches = patches;
		}

		@Override
		public void baseline(double bicubicPsnr) {
			super.baseline(bicubicPsnr);
			baseline = bicubicPsnr;
		}

		@Override
		public void epochDone(EpochReport report) {
			super.epochDone(report);
			if (report.epoch == escAfterEpoch) IJ.setKeyDown(KeyEvent.VK_ESCAPE);
		}
	}

	@Test
	void everySliceOfTheCurrentImageIsOneMoreTrainingImage() throws Exception {
		Watch folderOnly = new Watch(0), withImage = new Watch(0);
		assertNotNull(TrainPlugIn.train(images.toString(), null, config(1), 0.34, dir.resolve(
			"folder only").toString(), false, false, folderOnly));
		assertTrue(folderOnly.baseline > 10 && folderOnly.baseline < 100, "bicubic's validation " +
			"PSNR is reported before training: " + folderOnly.baseline);
		Path out = dir.resolve("with image");
		ImagePlus rgb = stack("rgb stack", 24, 2, 5);
		assertNotNull(TrainPlugIn.train(images.toString(), rgb, config(1), 0.34, out.toString(),
			false, false, withImage));
		// 2 of the 3 folder images train (1 validates); the 2 slices are as large as they are
		assertEquals(2 * folderOnly.patches, withImage.patches);
		ModelCard card = ModelFiles.loadCard(out);
		assertTrue(card.training.trainData.contains("1 image(s) given in memory (2 planes)"), card
			.training.trainData.toString());
		assertTrue(card.training.command.contains("current image 'rgb stack' (2 slice(s))"), card
			.training.command);
		assertTrue(card.training.validationData.startsWith("1 images held out"));
	}

	@Test
	void aMacroTrainsOnTheCurrentImageWithItsKey() throws Exception {
		Path out = dir.resolve("macro current");
		Interpreter interpreter = new Interpreter();
		interpreter.run("newImage(\"ramp\", \"8-bit ramp\", 36, 36, 2);\n" +
			"run(\"ESPCN Train\", \"folder=[" + images + "] scale=2 epochs=1 batch=1 patch=7 " +
			"validation=0.34 output=[" + out + "] " + TrainPlugIn.CURRENT_IMAGE + "\");", "");
		assertFalse(interpreter.wasError(), () -> PlugInErrors.takeLastMacroError());
		assertTrue(ModelFiles.loadCard(out).training.command.contains("current image 'ramp'"));
		MacroRunner.closeBatchModeImages();
	}

	@Test
	void anEarlierRunIsReplacedOnlyWithTheOverwriteKey() throws Exception {
		Path out = dir.resolve("twice");
		String options = "folder=[" + images + "] scale=2 epochs=1 batch=1 patch=7 validation=0.34 " +
			"output=[" + out + "]";
		assertNull(run(options));
		String refused = run(options);
		assertTrue(refused.contains("already holds card.json"), refused);
		assertNull(run(options + " " + TrainPlugIn.OVERWRITE));
		assertEquals(1, ModelFiles.loadCard(out).training.epochsCompleted);
	}

	@Test
	void sixteenBitAndIndexedColourCurrentImagesTrainAsTheyAreSuperResolved() {
		Path out = dir.resolve("16-bit");
		assertNotNull(TrainPlugIn.train(images.toString(), stack("deep", 16, 2, 6), config(1), 0.34,
			out.toString(), false));
		assertTrue(Files.exists(out.resolve("card.json")));
		ImagePlus indexed = stack("indexed", 8, 1, 7);
		byte[] r = new byte[256], g = new byte[256], b = new byte[256];
		new Random(3).nextBytes(r);
		new Random(4).nextBytes(g);
		new Random(5).nextBytes(b);
		indexed.getProcessor().setLut(new ij.process.LUT(r, g, b));
		Path rgb = dir.resolve("indexed");
		assertNotNull(TrainPlugIn.train(images.toString(), indexed, config(1), 0.34, rgb.toString(),
			false));
		assertEquals(8, indexed.getBitDepth(), "the image itself is not changed");
	}

	@Test
	void theCurrentImageWithNoImageOpenStopsTheMacro() {
		WindowManager.setTempCurrentImage(null);
		String error = run("folder=[" + images + "] output=[" + dir.resolve("none open") + "] " +
			TrainPlugIn.CURRENT_IMAGE);
		assertTrue(error.contains("There is no image open to train on"), error);
		assertFalse(Files.exists(dir.resolve("none open")));
	}

	/**
	 * Esc after the first of three epochs (ImageJ's key listeners call IJ.setKeyDown): the run
	 * stops within the next epoch, the model folder holds the first epoch's model, usable at once,
	 * and resume finishes the run.
	 */
	@Test
	void escapeKeepsTheBestModelSoFarAndResumeFinishes() throws Exception {
		Path out = dir.resolve("stopped");
		CommandModule stopped;
		try {
			stopped = TrainPlugIn.train(images.toString(), null, config(3), 0.34, out.toString(),
				false, false, new Watch(1));
		}
		finally {
			IJ.resetEscape();
		}
		assertEquals(true, stopped.getOutput("cancelled"));
		assertEquals(1, (int) stopped.getOutput("epochs_done"));
		ModelCard card = ModelFiles.loadCard(out);
		assertEquals(1, card.training.epochsCompleted);
		assertEquals(1, card.training.bestEpoch);
		try (EspcnModel model = ModelFiles.load(out)) {
			assertEquals(2, model.scale());
		}
		CommandModule resumed = TrainPlugIn.train(images.toString(), null, config(3), 0.34, out
			.toString(), true, false, new Watch(0));
		assertEquals(false, resumed.getOutput("cancelled"));
		assertEquals(3, (int) resumed.getOutput("epochs_done"));
		assertEquals(3, ModelFiles.loadCard(out).training.epochsCompleted);
	}

	@Test
	void aFolderWithoutImagesStopsTheMacroAndWritesNothing() throws Exception {
		Path empty = Files.createDirectory(dir.resolve("empty"));
		Files.writeString(empty.resolve("notes.txt"), "no images here");
		String error = run("folder=[" + empty + "] output=[" + dir.resolve("from empty") + "]");
		assertTrue(error.contains("No image files in " + empty), error);
		assertFalse(Files.exists(dir.resolve("from empty")));
	}

	@Test
	void anOutputFolderThatCannotBeWrittenStopsTheMacroAtOnce() throws Exception {
		// Tests may run as root, who may write anywhere: a folder below a regular file cannot be made.
		Path file = Files.writeString(dir.resolve("plain file"), "x");
		String error = run("folder=[" + images + "] scale=2 batch=1 patch=7 output=[" + file.resolve(
			"model") + "]");
		assertTrue(error.contains("Cannot write the model to " + file.resolve("model") + ": " +
			file + " is not a folder"), error);
		assertEquals("x", Files.readString(file));
	}

	@Test
	void badOptionsStopTheMacroWithTheirReason() {
		assertTrue(run("scale=3 output=[" + dir.resolve("o") + "]").contains(
			"Missing 'folder=...'"));
		String both = run("folder=[" + images + "] output=[" + dir.resolve("both") + "] resume " +
			"overwrite");
		assertTrue(both != null && both.contains("not both"), "as on the command line: " + both);
		assertTrue(run("folder=[" + images + "] activation=swish output=[" + dir.resolve("o") + "]")
			.contains("Unknown activation 'swish'"));
		assertTrue(run("folder=[" + images + "] epochs=many output=[" + dir.resolve("o") + "]")
			.contains("'epochs' must be a whole number"));
		assertTrue(run("folder=[" + dir.resolve("none") + "] output=[" + dir.resolve("o") + "]")
			.contains("no such folder"));
	}
}
