package io.github.espcnfiji.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.Macro;

import org.junit.jupiter.api.Test;

/**
 * Macro keys are API: recorded option strings of released versions must keep parsing, and the
 * dialogs' labels must record the same keys as the headless parser reads.
 */
class MacroKeysTest {

	@Test
	void dialogLabelsRecordTheDocumentedKeys() {
		String[][] labelsAndKeys = { //
			{ SuperResolutionPlugIn.MODEL_LABEL, SuperResolutionPlugIn.MODEL },
			{ SuperResolutionPlugIn.TILE_LABEL, SuperResolutionPlugIn.TILE },
			{ MeasurePsnrPlugIn.REFERENCE_LABEL, MeasurePsnrPlugIn.REFERENCE },
			{ MeasurePsnrPlugIn.TEST_LABEL, MeasurePsnrPlugIn.TEST },
			{ MeasurePsnrPlugIn.SCALE_LABEL, MeasurePsnrPlugIn.SCALE },
			{ MeasurePsnrPlugIn.MODEL_LABEL, MeasurePsnrPlugIn.MODEL },
			{ TrainPlugIn.FOLDER_LABEL, TrainPlugIn.FOLDER },
			{ TrainPlugIn.SCALE_LABEL, TrainPlugIn.SCALE },
			{ TrainPlugIn.EPOCHS_LABEL, TrainPlugIn.EPOCHS },
			{ TrainPlugIn.ACTIVATION_LABEL, TrainPlugIn.ACTIVATION },
			{ TrainPlugIn.BATCH_LABEL, TrainPlugIn.BATCH },
			{ TrainPlugIn.PATCH_LABEL, TrainPlugIn.PATCH },
			{ TrainPlugIn.VALIDATION_LABEL, TrainPlugIn.VALIDATION },
			{ TrainPlugIn.OUTPUT_LABEL, TrainPlugIn.OUTPUT },
			{ TrainPlugIn.RESUME_LABEL, TrainPlugIn.RESUME },
			{ TrainPlugIn.OVERWRITE_LABEL, TrainPlugIn.OVERWRITE },
			{ TrainPlugIn.CURRENT_IMAGE_LABEL, TrainPlugIn.CURRENT_IMAGE } };
		for (String[] lk : labelsAndKeys)
			assertEquals(lk[1], Macro.trimKey(lk[0]), "label '" + lk[0] + "'");
	}

	@Test
	void theKeysAreTheReleasedOnes() {
		assertEquals("model tile", SuperResolutionPlugIn.MODEL + " " + SuperResolutionPlugIn.TILE);
		assertEquals("reference test scale model *None*", String.join(" ",
			MeasurePsnrPlugIn.REFERENCE, MeasurePsnrPlugIn.TEST, MeasurePsnrPlugIn.SCALE,
			MeasurePsnrPlugIn.MODEL, MeasurePsnrPlugIn.NONE));
		assertEquals("folder scale epochs activation batch patch validation output resume " +
			"overwrite current_image", String.join(" ", TrainPlugIn.FOLDER, TrainPlugIn.SCALE,
				TrainPlugIn.EPOCHS, TrainPlugIn.ACTIVATION, TrainPlugIn.BATCH, TrainPlugIn.PATCH,
				TrainPlugIn.VALIDATION, TrainPlugIn.OUTPUT, TrainPlugIn.RESUME,
				TrainPlugIn.OVERWRITE, TrainPlugIn.CURRENT_IMAGE));
	}

	@Test
	void superResolutionOptions() {
		MacroOptions o = MacroOptions.of("model=[x3] tile=256");
		assertEquals("x3", o.string(SuperResolutionPlugIn.MODEL, "?"));
		assertEquals(256, o.integer(SuperResolutionPlugIn.TILE, 0));
		MacroOptions path = MacroOptions.of("model=[/my models/espcn x2.zip]");
		assertEquals("/my models/espcn x2.zip", path.string("model", "?"));
		assertEquals(64, path.integer("tile", 64));
		assertEquals("x3", MacroOptions.of(null).string("model", "x3"));
	}

	@Test
	void measureOptions() {
		MacroOptions o = MacroOptions.of("reference=[bird GT.png] test=bird-ESPCNx3 scale=3");
		assertEquals("bird GT.png", o.string("reference", null));
		assertEquals("bird-ESPCNx3", o.string("test", null));
		assertEquals(3, o.integer("scale", 0));
		MacroOptions protocol = MacroOptions.of("reference=hr.png test=*None* scale=2 model=x2");
		assertEquals(MeasurePsnrPlugIn.NONE, protocol.string("test", null));
		assertEquals("x2", protocol.string("model", null));
	}

	@Test
	void trainOptions() {
		MacroOptions o = MacroOptions.of("folder=[/data/my images] scale=3 epochs=100 " +
			"activation=tanh batch=16 patch=17 validation=0.1 output=[/models/x 3] resume");
		assertEquals("/data/my images", o.required("folder"));
		assertEquals(3, o.integer("scale", 0));
		assertEquals(100, o.integer("epochs", 0));
		assertEquals("tanh", o.string("activation", null));
		assertEquals(16, o.integer("batch", 0));
		assertEquals(17, o.integer("patch", 0));
		assertEquals(0.1, o.real("validation", 0), 0);
		assertEquals("/models/x 3", o.required("output"));
		assertTrue(o.flag("resume"));
		assertFalse(MacroOptions.of("folder=[/a] output=[/b/resume here]").flag("resume"));
		assertFalse(MacroOptions.of("folder=[/a] noresume").flag("resume"));
		assertTrue(MacroOptions.of("resume=true").flag("resume"));
		assertTrue(MacroOptions.of("folder=[/a] output=[/b] current_image").flag("current_image"));
		assertFalse(MacroOptions.of("folder=[/a/current_image x] output=[/b]").flag(
			"current_image"));
		assertFalse(MacroOptions.of("folder=[/a] output=[/b] resume").flag("current_image"));
	}

	@Test
	void badValuesNameTheirKey() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MacroOptions
			.of("tile=big").integer("tile", 1));
		assertEquals("'tile' must be a whole number, got 'big'", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> MacroOptions.of("scale=3")
			.required("folder"));
		assertTrue(e.getMessage().contains("Missing 'folder=...'"), e.getMessage());
	}

	@Test
	void keysAreReadAsImageJReadsValues() {
		assertEquals(java.util.List.of("model", "tile", "resume", "current_image", "title",
			"test"), MacroOptions.of("model=[/my x=1 [models]/a.zip] tile=256 resume " +
				"current_image title='a b=c' test=*None*").keys());
	}

	@Test
	void unknownKeysAreRefusedWithTheNearestKnownOne() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MacroOptions
			.of("modle=x4").requireKnownKeys("model", "tile", "precision"));
		assertEquals("Unknown key 'modle' (did you mean 'model'?); the keys are model, tile, " +
			"precision", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> MacroOptions.of("Model=x4 verbose")
			.requireKnownKeys("model", "tile"));
		assertTrue(e.getMessage().startsWith("Unknown key 'Model' (did you mean 'model'?)"), e
			.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> MacroOptions.of("model=x4 verbose")
			.requireKnownKeys("model", "tile"));
		assertEquals("Unknown key 'verbose'; the keys are model, tile", e.getMessage());
	}

	@Test
	void recordedOptionStringsStillPass() {
		MacroOptions.of("model=[x3] tile=256 precision=fp32").requireKnownKeys(
			SuperResolutionPlugIn.MODEL, SuperResolutionPlugIn.TILE, SuperResolutionPlugIn.PRECISION);
		MacroOptions.of("model=[x3] tile=256").requireKnownKeys(SuperResolutionPlugIn.MODEL,
			SuperResolutionPlugIn.TILE, SuperResolutionPlugIn.PRECISION);
		MacroOptions.of("folder=[/data/T91] scale=3 epochs=100 activation=tanh batch=16 patch=17 " +
			"validation=0.1 output=[/models/mine] resume current_image").requireKnownKeys(
				TrainPlugIn.FOLDER, TrainPlugIn.SCALE, TrainPlugIn.EPOCHS, TrainPlugIn.ACTIVATION,
				TrainPlugIn.BATCH, TrainPlugIn.PATCH, TrainPlugIn.VALIDATION, TrainPlugIn.OUTPUT,
				TrainPlugIn.RESUME, TrainPlugIn.CURRENT_IMAGE);
		MacroOptions.of("reference=[hr.png] test=*None* scale=3 model=[x3]").requireKnownKeys(
			MeasurePsnrPlugIn.REFERENCE, MeasurePsnrPlugIn.TEST, MeasurePsnrPlugIn.SCALE,
			MeasurePsnrPlugIn.MODEL);
		MacroOptions.of("input=[/data/bus.y4m] output=[/data/bus-x3.y4m] model=[x3] tile=256 " +
			"precision=fp32 compression=png overwrite").requireKnownKeys(VideoPlugIn.INPUT,
				VideoPlugIn.OUTPUT, VideoPlugIn.MODEL, VideoPlugIn.TILE, VideoPlugIn.PRECISION,
				VideoPlugIn.COMPRESSION, VideoPlugIn.OVERWRITE);
		MacroOptions.of("").requireKnownKeys("model");
		MacroOptions.of(null).requireKnownKeys("model");
	}
}
