package io.github.espcnfiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ij.ImagePlus;
import io.github.espcnfiji.io.ImageFiles;
import io.github.espcnfiji.io.LoadedImage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code upscale} enlarges files and folders by the model's scale, keeping type and stack. */
class UpscaleCommandTest {

	@TempDir
	Path dir;

	private String model;

	@BeforeEach
	void tinyModel() throws IOException {
		model = Fixtures.model(dir.resolve("tiny-x3"), 3).toString();
	}

	@Test
	void upscalesAnRgbFileByTheModelsScale() throws IOException {
		Path in = Fixtures.rgb(dir.resolve("in.png"), 20, 14);
		Path out = dir.resolve("out.png");
		CliRun r = CliRun.of("upscale", "--model", model, "--input", in.toString(), "--output", out
			.toString(), "--scale", "3");
		assertEquals(0, r.code, r.toString());
		LoadedImage img = ImageFiles.read(out);
		assertEquals(60, img.width());
		assertEquals(42, img.height());
		assertEquals(24, img.bitDepth());
		assertTrue(r.out.contains("-> " + out), r.out);
	}

	/**
	 * {@code --precision bf16} runs the reduced-precision network: a result close to the fp32 one
	 * but not equal to it; anything but fp32 and bf16 is refused before any work.
	 */
	@Test
	void precisionBf16IsCloseToFp32AndOtherPrecisionsAreRefused() throws IOException {
		Path in = Fixtures.stack16(dir.resolve("stack.tif"), 16, 12, 1);
		Path fp32 = dir.resolve("fp32.tif"), bf16 = dir.resolve("bf16.tif");
		CliRun exact = CliRun.of("upscale", "--model", model, "--input", in.toString(), "--output",
			fp32.toString());
		assertEquals(0, exact.code, exact.toString());
		CliRun reduced = CliRun.of("upscale", "--model", model, "--input", in.toString(),
			"--output", bf16.toString(), "--precision", "BF16");
		assumeFalse(reduced.err.contains("bfloat16"), "no bf16 on this CPU: " + reduced.err);
		assertEquals(0, reduced.code, reduced.toString());
		short[] a = (short[]) ImageFiles.open(fp32).getProcessor().getPixels();
		short[] b = (short[]) ImageFiles.open(bf16).getProcessor().getPixels();
		int maxDiff = 0;
		for (int i = 0; i < a.length; i++)
			maxDiff = Math.max(maxDiff, Math.abs((a[i] & 0xffff) - (b[i] & 0xffff)));
		assertTrue(maxDiff > 0, "bf16 gave exactly the fp32 result: not the bf16 path");
		assertTrue(maxDiff < 0.02 * 65535, "bf16 is " + maxDiff + " grey levels off");

		Path none = dir.resolve("none.tif");
		CliRun bad = CliRun.of("upscale", "--model", model, "--input", in.toString(), "--output",
			none.toString(), "--precision", "fp16");
		assertEquals(2, bad.code, bad.toString());
		assertTrue(bad.err.contains("--precision: Precision must be fp32") && bad.err.contains(
			"'fp16'"), bad.err);
		assertFalse(Files.exists(none));
	}

	@Test
	void keepsA16BitStackAndScalesItsCalibration() throws IOException {
		Path in = Fixtures.stack16(dir.resolve("stack.tif"), 16, 12, 3);
		Path out = dir.resolve("big.tif");
		CliRun r = CliRun.of("upscale", "--model", model, "--input", in.toString(), "--output", out
			.toString(), "--tile", "8");
		assertEquals(0, r.code, r.toString());
		ImagePlus imp = ImageFiles.open(out);
		assertEquals(48, imp.getWidth());
		assertEquals(36, imp.getHeight());
		assertEquals(3, imp.getStackSize());
		assertEquals(16, imp.getBitDepth());
		assertEquals(0.5 / 3, imp.getCalibration().pixelWidth, 1e-9);
		assertEquals("mm", imp.getCalibration().getUnit());
	}

	@Test
	void aStackCannotGoToAPngAndNothingIsWritten() throws IOException {
		Path in = Fixtures.stack16(dir.resolve("stack.tif"), 8, 8, 3);
		Path out = dir.resolve("big.png");
		CliRun r = CliRun.of("upscale", "--model", model, "--input", in.toString(), "--output", out
			.toString());
		assertEquals(1, r.code, r.toString());
		assertEquals("error: PNG cannot hold the 3 planes of a stack; save 'big.png' as .tif", r
			.lastError());
		assertTrue(Files.notExists(out));
	}

	@Test
	void upscalesAFolderIntoANewFolderWithNamesLikeTheInputs() throws IOException {
		Path in = Files.createDirectory(dir.resolve("in"));
		Fixtures.gray8(in.resolve("a.png"), 10, 10);
		Fixtures.stack16(in.resolve("b.tif"), 9, 8, 2);
		Path out = dir.resolve("results/x3");
		CliRun r = CliRun.of("upscale", "--model", model, "--input", in.toString(), "--output", out
			.toString());
		assertEquals(0, r.code, r.toString());
		assertEquals(30, ImageFiles.read(out.resolve("a.png")).width());
		assertEquals(2, ImageFiles.read(out.resolve("b.tif")).slices());
		assertTrue(r.err.contains("[2/2] b.tif"), r.err);
		String[] lines = r.out.strip().split("\\R");
		assertTrue(lines[lines.length - 1].matches("done 2 of 2 images, 0 failed, [0-9.]+ s \\([0-9.]+ " +
			"s per image\\)"), "a folder ends with a one-line summary: " + r.out);
	}

	@Test
	void theSummaryCountsFailuresToo() {
		assertEquals("done 11 of 12 images, 1 failed, 6.0 s (0.50 s per image)", UpscaleCommand
			.summary(11, 1, 12, 6.0));
	}

	@Test
	void outputNamesFollowTheInputsFormatWhereItCanHoldTheResult() {
		assertEquals("a.png", UpscalePlan.outputName("a.png"));
		assertEquals("a.TIFF", UpscalePlan.outputName("a.TIFF"));
		assertEquals("photo.png", UpscalePlan.outputName("photo.JPG"));
		assertEquals("scan.png", UpscalePlan.outputName("scan.bmp"));
		assertEquals("anim.tif", UpscalePlan.outputName("anim.gif"));
		assertEquals("x.tif", UpscalePlan.outputName("x.dcm"));
	}

	@Test
	void twoInputsThatWouldShareAnOutputAreRefusedBeforeAnyWork() throws IOException {
		Path in = Files.createDirectory(dir.resolve("in"));
		Fixtures.gray8(in.resolve("a.png"), 10, 10);
		Files.copy(in.resolve("a.png"), in.resolve("a.bmp"));
		Path out = dir.resolve("out");
		CliRun r = CliRun.of("upscale", "--model", model, "--input", in.toString(), "--output", out
			.toString());
		assertEquals(1, r.code, r.toString());
		assertTrue(r.lastError().contains("would both be written to"), r.lastError());
		assertTrue(Files.notExists(out));
	}
}
