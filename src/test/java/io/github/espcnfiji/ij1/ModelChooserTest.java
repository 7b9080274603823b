package io.github.espcnfiji.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.model.BundledModels;
import io.github.espcnfiji.model.ModelFiles;
import io.github.espcnfiji.testing.TestModels;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model drop-down: what it offers, and what it says about the model chosen. */
class ModelChooserTest {

	@TempDir
	Path dir;

	@Test
	void bundledModelsComeFirstThenTheUsersThenTheLastPathUsed() {
		Path mine = dir.resolve("mine"), other = dir.resolve("other");
		assertEquals(List.of("x2", "x3", mine.toString(), other.toString()), ModelChooser.items(List
			.of("x2", "x3"), List.of(mine, other), "x3"));
		assertEquals(List.of("x3", mine.toString(), "/elsewhere/model.zip"), ModelChooser.items(List
			.of("x3"), List.of(mine), "/elsewhere/model.zip"));
		assertEquals(List.of("x3", mine.toString()), ModelChooser.items(List.of("x3"), List.of(mine),
			mine.toString()), "listed once");
	}

	@Test
	void theCardLineGivesNameScaleFiltersAndSet5() throws Exception {
		Path model = TestModels.save(dir, 2);
		String name = ModelFiles.loadCard(model).name;
		String line = ModelChooser.describe(BundledModels.shipped(), model.toString());
		assertTrue(line.startsWith(name + ": x2"), line);
		String x3 = ModelChooser.describe(BundledModels.shipped(), "x3");
		assertTrue(x3.startsWith("espcn-x3: x3, 64/32 filters, Set5 32.64 dB (bicubic 30.40)"), x3);
	}

	@Test
	void aPathThatIsNoModelSaysSoInsteadOfFailing() {
		String line = ModelChooser.describe(BundledModels.shipped(), dir.resolve("nothing")
			.toString());
		assertTrue(line.startsWith("Cannot read this model: "), line);
	}

	@Test
	void dialogMemoryKeysNameTheCommandAndKey() {
		assertEquals("espcn.super.resolution.model", new Remembered(SuperResolutionPlugIn.COMMAND)
			.key("model"));
		assertEquals("espcn.train.epochs", new Remembered(TrainPlugIn.COMMAND).key("epochs"));
		Remembered video = new Remembered(VideoPlugIn.COMMAND);
		video.set("tile", 128);
		assertEquals(128, video.get("tile", 256));
		assertEquals("fp32", video.get("precision-unset", "fp32"));
	}
}
