package io.github.espcnfiji.ij1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.Macro;
import ij.WindowManager;
import ij.macro.Interpreter;
import ij.process.ByteProcessor;
import ij.process.ShortProcessor;
import io.github.espcnfiji.cli.HeadlessCommands;
import io.github.espcnfiji.cli.MacroRunner;
import io.github.espcnfiji.core.SuperResolver;
import io.github.espcnfiji.io.ImagePlusBridge;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.model.InferenceMode;
import io.github.espcnfiji.model.ModelFiles;
import io.github.espcnfiji.testing.TestModels;
import io.github.espcnfiji.video.AviWriter;
import io.github.espcnfiji.video.Chroma;
import io.github.espcnfiji.video.Frame;
import io.github.espcnfiji.video.VideoInfo;
import io.github.espcnfiji.video.Y4mReader;
import io.github.espcnfiji.video.Y4mWriter;
import io.github.espcnfiji.video.YuvPicture;

import java.awt.event.KeyEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "ESPCN Video" run as macros run it, on the current image and on files, headless. */
class VideoPlugInTest {

	@TempDir
	static Path dir;
	private static Path model;

	@BeforeAll
	static void setUp() throws Exception {
		model = TestModels.save(dir, 3);
		HeadlessCommands.install();
	}

	@AfterEach
	void closeImages() {
		MacroRunner.closeBatchModeImages();
		IJ.resetEscape();
	}

	private static ImagePlus series(String title, int c, int z, int t) {
		Random r = new Random(7);
		ImageStack stack = new ImageStack(10, 8);
		for (int i = 0; i < c * z * t; i++) {
			byte[] px = new byte[80];
			r.nextBytes(px);
			stack.addSlice(new ByteProcessor(10, 8, px));
		}
		ImagePlus imp = new ImagePlus(title, stack);
		imp.setDimensions(c, z, t);
		if (c * z > 1 && t > 1) imp.setOpenAsHyperStack(true);
		return imp;
	}

	private static Path y4m(String name, int frames) throws Exception {
		Path file = dir.resolve(name);
		try (Y4mWriter out = Y4mWriter.create(file, new VideoInfo(8, 6, frames, 25, 1,
			Chroma.C420JPEG, null), false))
		{
			for (int i = 0; i < frames; i++) {
				byte[] y = new byte[48], c = new byte[12];
				new Random(i).nextBytes(y);
				new Random(i + 9).nextBytes(c);
				out.write(Frame.of(i, new YuvPicture(Chroma.C420JPEG, 8, 6, y, c, c.clone())));
			}
			out.finish();
		}
		return file;
	}

	private static ImagePlus runOn(ImagePlus imp, String options) {
		WindowManager.setTempCurrentImage(imp);
		return new Interpreter().runBatchMacro("run(\"ESPCN Video\", \"" + options + "\");", imp);
	}

	private static String runFailing(String options) {
		Interpreter interpreter = new Interpreter();
		interpreter.run("run(\"ESPCN Video\", \"" + options + "\");", "");
		assertTrue(interpreter.wasError());
		String error = PlugInErrors.takeLastMacroError();
		assertNotNull(error);
		return error;
	}

	@Test
	void theTimePointsOfAHyperstackAreSuperResolvedAsTheEngineDoes() throws Exception {
		ImagePlus imp = series("cells.tif", 2, 1, 3);
		imp.getCalibration().pixelWidth = 0.3;
		imp.getCalibration().setUnit("um");
		ImagePlus result = runOn(imp, "model=[" + model + "] tile=6");
		assertNotNull(result);
		assertEquals("cells-ESPCN-espcn", result.getTitle());
		assertArrayEquals(new int[] { 30, 24, 2, 1, 3 }, result.getDimensions());
		assertEquals(0.1, result.getCalibration().pixelWidth, 1e-12);
		try (EspcnModel m = ModelFiles.load(model)) {
			ImagePlus direct = ImagePlusBridge.toImagePlus("direct", new SuperResolver(m)
				.upscaleImage(ImagePlusBridge.wrap(imp)));
			for (int i = 1; i <= 6; i++)
				assertArrayEquals((byte[]) direct.getStack().getPixels(i), (byte[]) result.getStack()
					.getPixels(i), "plane " + i);
		}
	}

	/** Frames of very different ranges: frame k spans [1000 k, 1000 k + 40 (k + 1)^3]. */
	private static ImagePlus series16(String title, int frames) {
		Random r = new Random(11);
		ImageStack stack = new ImageStack(10, 8);
		for (int k = 0; k < frames; k++) {
			short[] px = new short[80];
			for (int i = 0; i < px.length; i++)
				px[i] = (short) (1000 * k + r.nextInt(40 * (k + 1) * (k + 1) * (k + 1)));
			stack.addSlice(new ShortProcessor(10, 8, px, null));
		}
		return new ImagePlus(title, stack);
	}

	private static ImagePlus superResolution(ImagePlus imp, String options) {
		WindowManager.setTempCurrentImage(imp);
		return new Interpreter().runBatchMacro("run(\"ESPCN Super-Resolution\", \"" + options +
			"\");", imp);
	}

	@Test
	void a16BitSeriesGivesTheSamePixelsAsAVideoAsAStackAndAsAFolderOfFrames() throws Exception {
		ImagePlus imp = series16("series16", 4);
		ImagePlus asStack = superResolution(imp.duplicate(), "model=[" + model + "] tile=6");
		ImagePlus asVideo = runOn(imp.duplicate(), "model=[" + model + "] tile=6");
		Path frames = Files.createDirectories(dir.resolve("frames16"));
		for (int k = 1; k <= 4; k++)
			IJ.saveAsTiff(new ImagePlus("f", imp.getStack().getProcessor(k)), frames.resolve(
				"f" + k + ".tif").toString());
		ImagePlus fromFolder = runOn(null, "input=[" + frames + "] model=[" + model + "] tile=6");
		assertNotNull(asStack);
		assertNotNull(asVideo);
		assertNotNull(fromFolder);
		for (int k = 1; k <= 4; k++) {
			short[] expected = (short[]) asStack.getStack().getPixels(k);
			assertArrayEquals(expected, (short[]) asVideo.getStack().getPixels(k), "frame " + k);
			assertArrayEquals(expected, (short[]) fromFolder.getStack().getPixels(k), "folder frame " +
				k);
		}
	}

	@Test
	void a32BitSeriesGivesTheSamePixelsAsAVideoAndAsAStack() {
		ImagePlus imp = series16("series32", 3);
		new ij.process.StackConverter(imp).convertToGray32();
		imp.getStack().getProcessor(3).multiply(-2.5);
		ImagePlus asStack = superResolution(imp.duplicate(), "model=[" + model + "] tile=6");
		ImagePlus asVideo = runOn(imp.duplicate(), "model=[" + model + "] tile=6");
		for (int k = 1; k <= 3; k++)
			assertArrayEquals((float[]) asStack.getStack().getPixels(k), (float[]) asVideo.getStack()
				.getPixels(k), "frame " + k);
	}

	@Test
	void theSlicesOfAPlainStackAreItsFrames() {
		ImagePlus result = runOn(series("slices", 1, 4, 1), "model=[" + model + "]");
		assertArrayEquals(new int[] { 30, 24, 1, 4, 1 }, result.getDimensions());
	}

	@Test
	void aVideoFileIsStreamedToAVideoFile() throws Exception {
		Path in = y4m("clip.y4m", 3), out = dir.resolve("clip-x3.y4m");
		Interpreter interpreter = new Interpreter();
		interpreter.run("run(\"ESPCN Video\", \"input=[" + in + "] output=[" + out + "] model=[" +
			model + "] tile=4\");", "");
		assertFalse(interpreter.wasError(), PlugInErrors.takeLastMacroError());
		try (Y4mReader back = Y4mReader.open(out)) {
			assertEquals("24x18, 3 frames, 25.0 fps, YUV C420jpeg", back.info().toString());
		}
		String error = runFailing("input=[" + in + "] output=[" + out + "] model=[" + model + "]");
		assertTrue(error.contains("the output exists"), error);
	}

	@Test
	void theInputIsNeverTheOutput() throws Exception {
		Path in = y4m("same.y4m", 1);
		byte[] before = Files.readAllBytes(in);
		String error = runFailing("input=[" + in + "] output=[" + in + "] model=[" + model +
			"] overwrite");
		assertTrue(error.contains("is the input; choose another name"), error);
		assertArrayEquals(before, Files.readAllBytes(in));
	}

	@Test
	void withoutAnImageOrAnInputTheMacroStopsWithAClearError() {
		WindowManager.setTempCurrentImage(null);
		String error = runFailing("model=[" + model + "]");
		assertTrue(error.startsWith("ESPCN Video: There is no image open and no input video given"),
			error);
		assertNull(PlugInErrors.takeLastMacroError());
		assertTrue(runFailing("model=[" + model + "] tile=0").contains("at least 1 pixel"));
		assertTrue(runFailing("model=[" + model + "] precision=fp16").contains(
			"Precision must be fp32 (default, exact) or bf16"));
		assertTrue(runFailing("input=[" + dir.resolve("missing.y4m") + "] model=[" + model + "]")
			.contains("no such video file"));
	}

	@Test
	void escapeKeepsTheFramesDoneAsAShorterVideoOrLeavesNothing() throws Exception {
		Path in = y4m("esc.y4m", 4);
		try (EspcnModel m = ModelFiles.load(model)) {
			Path none = dir.resolve("none-x3.y4m");
			try (Y4mReader source = Y4mReader.open(in)) {
				assertNull(VideoPlugIn.run(source, none, m, InferenceMode.FP32, 64,
					AviWriter.Compression.PNG, false, "esc", () -> true, p -> {}));
			}
			assertFalse(Files.exists(none));
			Path shorter = dir.resolve("short-x3.y4m");
			boolean[] escape = { false };
			try (Y4mReader source = Y4mReader.open(in)) {
				// Esc pressed once the first frame is written: that frame is kept
				VideoPlugIn.run(source, shorter, m, InferenceMode.FP32, 64, AviWriter.Compression.PNG,
					false, "esc", () -> escape[0], p -> escape[0] = true);
			}
			try (Y4mReader back = Y4mReader.open(shorter)) {
				assertEquals(1, back.info().frames());
			}
		}
		IJ.setKeyDown(KeyEvent.VK_ESCAPE); // a stale Esc from before the run does not stop it
		Path out = dir.resolve("stale-x3.y4m");
		VideoPlugIn.upscale(in.toString(), out.toString(), model.toString(), 64, "fp32", "png",
			false);
		try (Y4mReader back = Y4mReader.open(out)) {
			assertEquals(4, back.info().frames());
		}
	}

	@Test
	void aResultTooLargeForMemoryIsRefusedBeforeAnyWork() {
		IOException e = assertThrows(IOException.class, () -> new ImageStackSink("huge",
			new VideoInfo(3840, 2160, 100_000, 25, 1, null, null), 1, 1, false, 4));
		assertTrue(e.getMessage().startsWith("The result (100000 frames, 3317760 MB) does not fit in " +
			"the "), e.getMessage());
		assertTrue(e.getMessage().contains("give an output file (.y4m, .avi or a folder) instead"), e
			.getMessage());
	}

	@Test
	void dialogLabelsRecordTheKeysTheMacroOptionsAreReadBy() {
		String[][] labelsAndKeys = { { VideoPlugIn.INPUT_LABEL, VideoPlugIn.INPUT },
			{ VideoPlugIn.OUTPUT_LABEL, VideoPlugIn.OUTPUT }, { VideoPlugIn.MODEL_LABEL,
				VideoPlugIn.MODEL }, { VideoPlugIn.TILE_LABEL, VideoPlugIn.TILE }, {
					VideoPlugIn.COMPRESSION_LABEL, VideoPlugIn.COMPRESSION }, { VideoPlugIn.OVERWRITE_LABEL,
						VideoPlugIn.OVERWRITE } };
		for (String[] lk : labelsAndKeys)
			assertEquals(lk[1], Macro.trimKey(lk[0]), "label '" + lk[0] + "'");
		assertEquals("input output model tile compression overwrite", String.join(" ",
			VideoPlugIn.INPUT, VideoPlugIn.OUTPUT, VideoPlugIn.MODEL, VideoPlugIn.TILE,
			VideoPlugIn.COMPRESSION, VideoPlugIn.OVERWRITE));
		MacroOptions o = MacroOptions.of("input=[/data/my clip.y4m] output=[/out/x 3.avi] " +
			"model=[x3] tile=128 compression=jpeg overwrite");
		assertEquals("/data/my clip.y4m", o.string(VideoPlugIn.INPUT, ""));
		assertEquals("/out/x 3.avi", o.string(VideoPlugIn.OUTPUT, ""));
		assertEquals(128, o.integer(VideoPlugIn.TILE, 0));
		assertEquals("jpeg", o.string(VideoPlugIn.COMPRESSION, ""));
		assertTrue(o.flag(VideoPlugIn.OVERWRITE));
	}
}
