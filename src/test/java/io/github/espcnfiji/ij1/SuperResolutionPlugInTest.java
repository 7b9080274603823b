package io.github.espcnfiji.ij1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.WindowManager;
import ij.macro.Interpreter;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.LUT;
import ij.process.ShortProcessor;
import io.github.espcnfiji.cli.HeadlessCommands;
import io.github.espcnfiji.cli.MacroRunner;
import io.github.espcnfiji.command.Upscaling;
import io.github.espcnfiji.core.SuperResolver;
import io.github.espcnfiji.io.ImagePlusBridge;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.model.ModelFiles;
import io.github.espcnfiji.testing.TestModels;

import java.awt.event.KeyEvent;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.IntFunction;

import net.imglib2.img.Img;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "ESPCN Super-Resolution" run as a macro runs it, and the ImagePlus conversion behind it: the
 * result equals the engine's on the same pixels, for every ImageJ type and for hyperstacks.
 */
class SuperResolutionPlugInTest {

	private static final int SCALE = 3;

	@TempDir
	static Path dir;
	private static Path model;

	@BeforeAll
	static void setUp() throws Exception {
		model = TestModels.save(dir, SCALE);
		HeadlessCommands.install();
	}

	@AfterEach
	void closeImages() {
		MacroRunner.closeBatchModeImages();
	}

	private static ImagePlus stack(String title, int w, int h, int c, int z, int t,
		IntFunction<ImageProcessor> plane)
	{
		ImageStack stack = new ImageStack(w, h);
		for (int i = 0; i < c * z * t; i++)
			stack.addSlice(plane.apply(i));
		ImagePlus imp = new ImagePlus(title, stack);
		imp.setDimensions(c, z, t);
		return imp;
	}

	private static ImageProcessor random(int bitDepth, int w, int h, long seed) {
		Random r = new Random(seed);
		switch (bitDepth) {
			case 8: {
				byte[] px = new byte[w * h];
				r.nextBytes(px);
				return new ByteProcessor(w, h, px);
			}
			case 16: {
				short[] px = new short[w * h];
				for (int i = 0; i < px.length; i++)
					px[i] = (short) (1000 + r.nextInt(3000));
				return new ShortProcessor(w, h, px, null);
			}
			case 32: {
				float[] px = new float[w * h];
				for (int i = 0; i < px.length; i++)
					px[i] = r.nextFloat() * 7 - 2;
				return new FloatProcessor(w, h, px);
			}
			default: {
				int[] px = new int[w * h];
				for (int i = 0; i < px.length; i++)
					px[i] = r.nextInt();
				return new ColorProcessor(w, h, px);
			}
		}
	}

	/** The engine's result on the same pixels, as an ImagePlus stack in ImageJ's order. */
	private static ImagePlus direct(ImagePlus imp) throws Exception {
		try (EspcnModel m = ModelFiles.load(model)) {
			Img<?> out = Upscaling.upscale(new SuperResolver(m), ImagePlusBridge.wrap(imp));
			return ImagePlusBridge.toImagePlus("direct", out);
		}
	}

	private static void assertSamePixels(ImagePlus expected, ImagePlus actual) {
		assertEquals(expected.getStackSize(), actual.getStackSize());
		for (int i = 1; i <= expected.getStackSize(); i++) {
			Object e = expected.getStack().getPixels(i), a = actual.getStack().getPixels(i);
			if (e instanceof byte[]) assertArrayEquals((byte[]) e, (byte[]) a, "plane " + i);
			else if (e instanceof short[]) assertArrayEquals((short[]) e, (short[]) a, "plane " + i);
			else if (e instanceof float[]) assertArrayEquals((float[]) e, (float[]) a, "plane " + i);
			else assertArrayEquals((int[]) e, (int[]) a, "plane " + i);
		}
	}

	@Test
	void aMacroSuperResolvesTheCurrentImageAsTheEngineDoes() throws Exception {
		ImagePlus imp = new ImagePlus("blobs.tif", random(8, 23, 17, 1));
		WindowManager.setTempCurrentImage(imp);
		ImagePlus result = new Interpreter().runBatchMacro("run(\"ESPCN Super-Resolution\", " +
			"\"model=[" + model + "] tile=8\");", imp);
		assertNotNull(result);
		assertEquals("blobs-ESPCN-espcn", result.getTitle());
		assertEquals(69, result.getWidth());
		assertEquals(51, result.getHeight());
		assertSamePixels(direct(imp), result);
	}

	/** {@code precision=bf16} runs the reduced-precision network: close to fp32, not equal. */
	@Test
	void aMacroCanAskForBf16() throws Exception {
		ImagePlus imp = new ImagePlus("cells", random(32, 21, 15, 6));
		WindowManager.setTempCurrentImage(imp);
		Interpreter interpreter = new Interpreter();
		ImagePlus result = interpreter.runBatchMacro("run(\"ESPCN Super-Resolution\", " +
			"\"model=[" + model + "] tile=8 precision=bf16\");", imp);
		if (interpreter.wasError()) {
			String error = PlugInErrors.takeLastMacroError();
			assumeFalse(error != null && error.contains("bfloat16"), "no bf16 on this CPU: " + error);
			throw new AssertionError(error);
		}
		float[] fp32 = (float[]) direct(imp).getProcessor().getPixels();
		float[] bf16 = (float[]) result.getProcessor().getPixels();
		float range = 9, maxDiff = 0;
		for (int i = 0; i < fp32.length; i++)
			maxDiff = Math.max(maxDiff, Math.abs(fp32[i] - bf16[i]));
		assertTrue(maxDiff > 0, "bf16 gave exactly the fp32 result: not the bf16 path");
		assertTrue(maxDiff < 0.02 * range, "bf16 is " + maxDiff + " off");
	}

	@Test
	void anUnknownPrecisionStopsTheMacroSayingWhatIsAccepted() {
		ImagePlus imp = new ImagePlus("x", random(8, 8, 8, 3));
		WindowManager.setTempCurrentImage(imp);
		Interpreter interpreter = new Interpreter();
		interpreter.runBatchMacro("run(\"ESPCN Super-Resolution\", \"model=[" + model +
			"] precision=int8\");", imp);
		assertTrue(interpreter.wasError());
		String error = PlugInErrors.takeLastMacroError();
		assertTrue(error.contains("Precision must be fp32") && error.contains("'int8'"), error);
	}

	@Test
	void hyperstacksKeepChannelsSlicesFramesAndCalibration() throws Exception {
		ImagePlus imp = stack("cells", 14, 11, 2, 3, 1, i -> random(16, 14, 11, i));
		Calibration cal = imp.getCalibration();
		cal.pixelWidth = 0.6;
		cal.pixelHeight = 0.9;
		cal.pixelDepth = 2;
		cal.setUnit("mm");
		imp = new CompositeImage(imp, IJ.COMPOSITE);
		imp.setDisplayRange(1000, 4000);
		try (EspcnModel m = ModelFiles.load(model)) {
			ImagePlus result = ImagePlusUpscaling.upscale(imp, new SuperResolver(m));
			assertEquals("cells-ESPCN-x3", result.getTitle());
			assertArrayEquals(new int[] { 42, 33, 2, 3, 1 }, result.getDimensions());
			assertTrue(result.isComposite());
			assertEquals(IJ.COMPOSITE, ((CompositeImage) result).getMode());
			Calibration rc = result.getCalibration();
			assertEquals(0.2, rc.pixelWidth, 1e-12);
			assertEquals(0.3, rc.pixelHeight, 1e-12);
			assertEquals(2, rc.pixelDepth, 0);
			assertEquals("mm", rc.getUnit());
			assertSamePixels(direct(imp), result);
		}
	}

	@Test
	void anUncalibratedImageStaysInPixels() throws Exception {
		ImagePlus imp = stack("plain", 10, 9, 1, 1, 1, i -> random(8, 10, 9, i));
		try (EspcnModel m = ModelFiles.load(model)) {
			Calibration rc = ImagePlusUpscaling.upscale(imp, new SuperResolver(m)).getCalibration();
			assertFalse(rc.scaled());
			assertEquals(1, rc.pixelWidth, 0);
		}
	}

	@Test
	void everyImageJType() throws Exception {
		for (int bitDepth : new int[] { 8, 16, 32, 24 }) {
			ImagePlus imp = stack("t" + bitDepth, 10, 9, 1, 2, 1, i -> random(bitDepth, 10, 9, i));
			try (EspcnModel m = ModelFiles.load(model)) {
				ImagePlus result = ImagePlusUpscaling.upscale(imp, new SuperResolver(m));
				assertEquals(bitDepth, result.getBitDepth());
				assertSamePixels(direct(imp), result);
			}
		}
	}

	@Test
	void lookupTablesAndDisplayRangesAreKept() throws Exception {
		ImagePlus imp = new ImagePlus("fire", random(8, 12, 12, 5));
		LUT inverted = imp.getProcessor().getLut().createInvertedLut();
		imp.getProcessor().setLut(inverted);
		imp.setDisplayRange(20, 200);
		try (EspcnModel m = ModelFiles.load(model)) {
			ImagePlus result = ImagePlusUpscaling.upscale(imp, new SuperResolver(m));
			assertTrue(result.getProcessor().isInvertedLut());
			assertEquals(20, result.getDisplayRangeMin(), 0);
			assertEquals(200, result.getDisplayRangeMax(), 0);
		}
	}

	@Test
	void titlesNameTheModelAndDropImageExtensionsOnly() {
		assertEquals("bird-ESPCN-x3", ImagePlusUpscaling.titleOf("bird.png", "x3"));
		assertEquals("a.b-ESPCN-x2", ImagePlusUpscaling.titleOf("a.b", "x2"));
		assertEquals("stack.TIF-x-ESPCN-x4", ImagePlusUpscaling.titleOf("stack.TIF-x", "x4"));
		assertEquals("cells-ESPCN-mine", ImagePlusUpscaling.titleOf("cells.TIF", "mine"));
		assertEquals("x3", ImagePlusUpscaling.modelLabel("espcn-x3"));
		assertEquals("wide-x3", ImagePlusUpscaling.modelLabel("espcn-wide-x3"));
		assertEquals("my nuclei", ImagePlusUpscaling.modelLabel("my nuclei"));
	}

	@Test
	void aSelectionIsCroppedAndSaidSoAndShowInfoTellsWhatMadeTheResult() throws Exception {
		ImagePlus imp = IJ.createImage("blobs", "8-bit ramp", 40, 30, 1);
		imp.setProperty("Info", "acquired on scope 7");
		imp.setRoi(new ij.gui.OvalRoi(5, 4, 20, 10));
		ImagePlus result = SuperResolutionPlugIn.upscale(imp, model.toString(), 64, "fp32",
			new ImageJProgress(SuperResolutionPlugIn.COMMAND));
		assertEquals(20 * SCALE, result.getWidth());
		assertEquals(10 * SCALE, result.getHeight());
		ImagePlus cropped = new ImagePlus("crop", imp.getProcessor().crop());
		try (EspcnModel m = ModelFiles.load(model)) {
			ImagePlus direct = ImagePlusUpscaling.upscale(cropped, new SuperResolver(m));
			assertArrayEquals((byte[]) direct.getProcessor().getPixels(), (byte[]) result
				.getProcessor().getPixels());
			String info = result.getInfoProperty();
			assertTrue(info.contains("Model: " + model + " (card: " + m.card().name + ")"), info);
			assertTrue(info.contains("Scale: " + SCALE) && info.contains("Tile: 64") && info.contains(
				"Precision: fp32"), info);
			assertTrue(info.contains("bounding rectangle 20x10 at (5, 4)"), info);
			assertTrue(info.contains("acquired on scope 7"), info);
		}
		assertEquals(40, imp.getWidth(), "the input is not changed");
	}

	@Test
	void withoutASelectionTheWholeImageIsProcessed() {
		ImagePlus imp = IJ.createImage("whole", "8-bit ramp", 16, 12, 1);
		ImagePlus result = SuperResolutionPlugIn.upscale(imp, model.toString(), 64, "fp32",
			new ImageJProgress(SuperResolutionPlugIn.COMMAND));
		assertEquals(16 * SCALE, result.getWidth());
		String info = result.getInfoProperty();
		assertTrue(info.contains("Source image: whole\n"), info);
	}

	/**
	 * Esc pressed while tiles are being done, as ImageJ's key listeners report it
	 * ({@code IJ.setKeyDown(VK_ESCAPE)}): the work stops before the next tile, no image is made,
	 * and the next run works.
	 */
	@Test
	void escapeDuringTheRunCancelsAndLeavesNoImage() throws Exception {
		ImagePlus imp = new ImagePlus("big", random(8, 40, 40, 2));
		int[] tiles = { 0 };
		ImageJProgress escAfterFirstTile = new ImageJProgress("test") {

			@Override
			public void progress(long plane, long planes, int done, int total) {
				super.progress(plane, planes, done, total);
				if (++tiles[0] == 1) IJ.setKeyDown(KeyEvent.VK_ESCAPE);
			}
		};
		try {
			assertNull(SuperResolutionPlugIn.upscale(imp, model.toString(), 8, "fp32",
				escAfterFirstTile));
		}
		finally {
			IJ.resetEscape();
		}
		assertEquals(1, tiles[0], "25 tiles of 8x8; none after Esc");
		assertEquals(0, WindowManager.getImageCount());
		assertSamePixels(direct(imp), SuperResolutionPlugIn.upscale(imp, model.toString(), 8));
	}

	@Test
	void anEscapeLeftFromEarlierWorkIsForgotten() throws Exception {
		ImagePlus imp = new ImagePlus("small", random(8, 12, 12, 4));
		IJ.setKeyDown(KeyEvent.VK_ESCAPE);
		try {
			assertSamePixels(direct(imp), SuperResolutionPlugIn.upscale(imp, model.toString(), 8));
		}
		finally {
			IJ.resetEscape();
		}
	}

	@Test
	void anUnknownModelNameStopsTheMacroWithTheBundledNames() {
		ImagePlus imp = new ImagePlus("x", random(8, 8, 8, 3));
		WindowManager.setTempCurrentImage(imp);
		Interpreter interpreter = new Interpreter();
		interpreter.runBatchMacro("run(\"ESPCN Super-Resolution\", \"model=[x5]\");", imp);
		assertTrue(interpreter.wasError());
		String error = PlugInErrors.takeLastMacroError();
		assertTrue(error.contains("x5") && error.contains("bundled models are x2, x3, x4"),
			error);
	}

	@Test
	void headlessErrorsWithoutAMacroAreThrownWithTheMessage() {
		ImagePlus imp = new ImagePlus("x", random(8, 8, 8, 3));
		PlugInFailure e = assertThrows(PlugInFailure.class, () -> SuperResolutionPlugIn.upscale(imp,
			dir.resolve("missing").toString(), 64));
		assertTrue(e.getMessage().startsWith("ESPCN Super-Resolution: ") && e.getMessage().contains(
			"no such model"), e.getMessage());
		assertThrows(PlugInFailure.class, () -> SuperResolutionPlugIn.upscale(imp, model
			.toString(), 0));
	}

	@Test
	void aMacroWithoutImageStopsWithAClearError() {
		WindowManager.setTempCurrentImage(null);
		Interpreter interpreter = new Interpreter();
		interpreter.run("run(\"ESPCN Super-Resolution\", \"model=[" + model + "]\");", "");
		assertTrue(interpreter.wasError());
		String error = PlugInErrors.takeLastMacroError();
		assertNotNull(error);
		assertTrue(error.contains("There is no image open"), error);
		assertNull(PlugInErrors.takeLastMacroError());
	}
}
