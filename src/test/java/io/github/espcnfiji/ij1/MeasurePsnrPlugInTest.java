package io.github.espcnfiji.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;
import ij.process.ByteProcessor;
import io.github.espcnfiji.cli.HeadlessCommands;
import io.github.espcnfiji.cli.MacroRunner;
import io.github.espcnfiji.core.EvaluationProtocol;
import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.Scores;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.model.ModelFiles;
import io.github.espcnfiji.testing.TestModels;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "ESPCN Measure PSNR" in macros: two images, stacks, and the protocol on one image. */
class MeasurePsnrPlugInTest {

	private static final double C1 = 0.01 * 255 * 0.01 * 255;

	@TempDir
	static Path dir;
	private static Path model;

	@BeforeAll
	static void setUp() throws Exception {
		model = TestModels.save(dir, 2);
		HeadlessCommands.install();
	}

	@BeforeEach
	void clearResults() {
		ResultsTable.getResultsTable().reset();
		MacroRunner.closeBatchModeImages();
	}

	private static void macro(String code) {
		Interpreter interpreter = new Interpreter();
		interpreter.run(code, "");
		assertFalse(interpreter.wasError(), () -> PlugInErrors.takeLastMacroError() + " / " +
			interpreter.getErrorMessage());
	}

	@Test
	void twoImagesByTitle() {
		macro("newImage(\"ref image\", \"8-bit black\", 32, 32, 1); setColor(100); fillRect(0, 0, 32, 32);\n" +
			"newImage(\"test\", \"8-bit black\", 32, 32, 1); setColor(110); fillRect(0, 0, 32, 32);\n" +
			"run(\"ESPCN Measure PSNR\", \"reference=[ref image] test=test scale=2\");");
		ResultsTable rt = ResultsTable.getResultsTable();
		assertEquals(1, rt.size());
		assertEquals("ref image", rt.getStringValue("Reference", 0));
		assertEquals("test", rt.getStringValue("Test", 0));
		assertEquals(1, rt.getValue("Slice", 0), 0);
		assertEquals(10 * Math.log10(255.0 * 255 / 100), rt.getValue("PSNR", 0), 1e-9);
		assertEquals((2 * 100 * 110 + C1) / (100 * 100 + 110 * 110 + C1), rt.getValue("SSIM", 0),
			1e-9);
	}

	@Test
	void stacksGetARowPerSliceAndAMeanRow() {
		macro("newImage(\"a\", \"8-bit black\", 32, 32, 2); setColor(100); fillRect(0, 0, 32, 32);\n" +
			"setSlice(2); fillRect(0, 0, 32, 32);\n" +
			"newImage(\"b\", \"8-bit black\", 32, 32, 2); setColor(110); fillRect(0, 0, 32, 32);\n" +
			"setSlice(2); setColor(100); fillRect(0, 0, 32, 32);\n" +
			"run(\"ESPCN Measure PSNR\", \"reference=a test=b scale=2\");");
		ResultsTable rt = ResultsTable.getResultsTable();
		assertEquals(3, rt.size());
		double offset = 10 * Math.log10(255.0 * 255 / 100);
		assertEquals(offset, rt.getValue("PSNR", 0), 1e-9);
		assertEquals(Double.POSITIVE_INFINITY, rt.getValue("PSNR", 1));
		assertEquals(2, rt.getValue("Slice", 1), 0);
		assertEquals("Mean", rt.getStringValue("Slice", 2));
		assertEquals(Double.POSITIVE_INFINITY, rt.getValue("PSNR", 2));
		assertEquals(1, rt.getValue("SSIM", 1), 1e-12);
	}

	@Test
	void oneImageRunsTheProtocolWithBicubicBeside() throws Exception {
		Random random = new Random(7);
		byte[] px = new byte[40 * 36];
		for (int i = 0; i < px.length; i++)
			px[i] = (byte) (i % 40 * 5 + random.nextInt(30));
		ImagePlus hr = new ImagePlus("hr", new ByteProcessor(40, 36, px));
		Interpreter.addBatchModeImage(hr);
		Interpreter interpreter = new Interpreter();
		interpreter.runBatchMacro("run(\"ESPCN Measure PSNR\", \"reference=hr test=*None* scale=2 " +
			"model=[" + model + "]\");", hr);
		assertFalse(interpreter.wasError(), PlugInErrors.takeLastMacroError());
		float[] values = new float[px.length];
		for (int i = 0; i < px.length; i++)
			values[i] = px[i] & 0xff;
		Scores expected;
		try (EspcnModel m = ModelFiles.load(model)) {
			expected = EvaluationProtocol.evaluate(new FloatPlane[] { new FloatPlane(values, 40,
				36) }, 2, m);
		}
		ResultsTable rt = ResultsTable.getResultsTable();
		assertEquals(1, rt.size());
		assertEquals(expected.modelPsnr().getAsDouble(), rt.getValue("PSNR", 0), 1e-12);
		assertEquals(expected.modelSsim().getAsDouble(), rt.getValue("SSIM", 0), 1e-12);
		assertEquals(expected.bicubicPsnr(), rt.getValue("Bicubic PSNR", 0), 1e-12);
		assertEquals(expected.bicubicSsim(), rt.getValue("Bicubic SSIM", 0), 1e-12);
		assertEquals(expected.modelPsnr().getAsDouble() - expected.bicubicPsnr(), rt.getValue(
			"Gain (dB)", 0), 1e-12);
		String name;
		try (EspcnModel m = ModelFiles.load(model)) {
			name = m.card().name;
		}
		assertEquals(name, rt.getStringValue("Model", 0));
		assertTrue(rt.getStringValue("Test", 0).contains(name), rt.getStringValue("Test", 0));
	}

	@Test
	void aSizeMismatchSuggestsMeasuringTheModelOnTheReferenceAlone() {
		String error = failingMacro("newImage(\"big\", \"8-bit black\", 60, 60, 1);\n" +
			"newImage(\"small\", \"8-bit black\", 20, 20, 1);\n" +
			"run(\"ESPCN Measure PSNR\", \"reference=big test=small scale=3\");");
		assertTrue(error.contains("60x60") && error.contains("test=*None*"), error);
	}

	@Test
	void plotWindowsAreNotOfferedAsImages() {
		ImagePlus image = new ImagePlus("an image", new ByteProcessor(8, 8));
		ImagePlus plot = new Plot("a plot", "x", "y").getImagePlus();
		List<String> titles = Arrays.asList(MeasurePsnrPlugIn.imageTitles(Arrays.asList(image,
			plot)));
		assertEquals(List.of("an image"), titles);
	}

	@Test
	void aMissingImageStopsTheMacro() {
		Interpreter interpreter = new Interpreter();
		interpreter.run("newImage(\"a\", \"8-bit black\", 32, 32, 1);\n" +
			"run(\"ESPCN Measure PSNR\", \"reference=a test=[not open] scale=2\");", "");
		assertTrue(interpreter.wasError());
		String error = PlugInErrors.takeLastMacroError();
		assertTrue(error.contains("No open image is titled 'not open'"), error);
	}

	private static String failingMacro(String code) {
		Interpreter interpreter = new Interpreter();
		interpreter.run(code, "");
		assertTrue(interpreter.wasError());
		return PlugInErrors.takeLastMacroError();
	}

	@Test
	void noImageOpenStopsTheMacro() {
		String error = failingMacro("run(\"ESPCN Measure PSNR\", \"scale=2\");");
		assertTrue(error.contains("No reference image given: there is no image open"), error);
	}

	@Test
	void imagesOfDifferentSizesStopTheMacro() {
		String error = failingMacro("newImage(\"a\", \"8-bit ramp\", 32, 32, 1);\n" +
			"newImage(\"b\", \"8-bit ramp\", 20, 20, 1);\n" +
			"run(\"ESPCN Measure PSNR\", \"reference=a test=b scale=2\");");
		assertTrue(error.contains("The reference is 32x32 but the test image is 20x20; they must " +
			"be the same size"), error);
		assertEquals(0, ResultsTable.getResultsTable().size());
	}

	@Test
	void aModelForAnotherScaleStopsTheMacro() {
		String error = failingMacro("newImage(\"hr\", \"8-bit ramp\", 40, 36, 1);\n" +
			"run(\"ESPCN Measure PSNR\", \"reference=hr test=*None* scale=3 model=[" + model +
			"]\");");
		assertTrue(error.contains("The model upscales x2 but the evaluation is at x3"), error);
		assertEquals(0, ResultsTable.getResultsTable().size());
	}
}
