package io.github.espcnfiji.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.macro.Interpreter;
import io.github.espcnfiji.cli.HeadlessCommands;
import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.io.ImageFiles;
import io.github.espcnfiji.model.ModelCard;
import io.github.espcnfiji.model.ModelFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "ESPCN Train" run headless from a macro: every option reaches the trainer; bad ones stop it. */
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
	}

	@Test
	void badOptionsStopTheMacroWithTheirReason() {
		assertTrue(run("scale=3 output=[" + dir.resolve("o") + "]").contains(
			"Missing 'folder=...'"));
		assertTrue(run("folder=[" + images + "] activation=swish output=[" + dir.resolve("o") + "]")
			.contains("Unknown activation 'swish'"));
		assertTrue(run("folder=[" + images + "] epochs=many output=[" + dir.resolve("o") + "]")
			.contains("'epochs' must be a whole number"));
		assertTrue(run("folder=[" + dir.resolve("none") + "] output=[" + dir.resolve("o") + "]")
			.contains("no such folder"));
	}
}
