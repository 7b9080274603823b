package io.github.espcnfiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench} prints its tables with median and spread per row; it never asserts on speed. */
class BenchCommandTest {

	@TempDir
	Path dir;

	@Test
	void timesForwardAndEndToEndPathsPerMode() throws IOException {
		Path model = Fixtures.model(dir.resolve("tiny"), 3);
		CliRun r = CliRun.of("bench", "--model", model.toString(), "--size", "40x24", "--repeats",
			"3", "--warmup", "1", "--modes", "fp32,fp32-ops,plain", "--sections", "ceiling,inference",
			"--no-python");
		assertEquals(0, r.code, r.toString());
		assertTrue(r.out.contains("matmul 1024x1024: "), r.out);
		assertTrue(r.out.contains("3x3 convolution 64->64 channels"), r.out);
		for (String path : List.of("forward", "gray", "rgb"))
			for (String mode : List.of("fp32", "fp32-ops", "plain"))
				assertTrue(r.out.matches("(?s).*\\| x3 +\\| +120x72 \\| +40x24 \\| +" + path + " \\| +" +
					mode + " \\|.*"), path + " " + mode + ":\n" + r.out);
		assertFalse(r.out.contains("PyTorch ms (") || r.out.contains(" thr)"), r.out);
		assertTrue(r.out.contains("bench --video"), r.out);
	}

	@Test
	void timesTrainingStepsAndEpochsOnTheGivenFolder() throws IOException {
		Path t91 = java.nio.file.Files.createDirectories(dir.resolve("t91"));
		for (int i = 0; i < 10; i++)
			Fixtures.rgb(t91.resolve("img" + i + ".png"), 120, 120);
		CliRun r = CliRun.of("bench", "--sections", "train", "--train-epochs", "2", "--no-python",
			"--t91", t91.toString());
		assertEquals(0, r.code, r.toString());
		assertTrue(r.out.matches("(?s).*\\| x3, batch 16, LR 17x17 \\| +1 \\| +[0-9.]+ \\|.*T91, 2 " +
			"steps/epoch \\|.*"), r.out);
		CliRun missing = CliRun.of("bench", "--sections", "train", "--no-python", "--t91", dir
			.resolve("none").toString());
		assertEquals(1, missing.code, "a missing --t91 folder is an error: " + missing);
	}

	@Test
	void badOptionsAreUsageErrors() {
		CliRun size = CliRun.of("bench", "--size", "640by360");
		assertEquals(2, size.code);
		assertTrue(size.err.startsWith("error: --size needs WIDTHxHEIGHT"), size.err);
		CliRun section = CliRun.of("bench", "--sections", "speed");
		assertEquals(2, section.code);
		assertTrue(section.err.startsWith("error: --sections takes ceiling, inference"), section.err);
		CliRun mode = CliRun.of("bench", "--modes", "fp16");
		assertEquals(2, mode.code);
		assertTrue(mode.err.contains("Unknown inference mode 'fp16'"), mode.err);
	}

	@Test
	void comparesWithPyTorchWhenAPythonWithTorchIsFound() throws IOException {
		Optional<String> python = PythonBench.findPython(List.of("python3", "/usr/bin/python3"));
		assumeTrue(python.isPresent(), "no python3 with torch");
		Path model = Fixtures.model(dir.resolve("tiny"), 3);
		CliRun r = CliRun.of("bench", "--model", model.toString(), "--size", "32x20", "--repeats",
			"2", "--warmup", "1", "--sections", "inference", "--paths", "forward,rgb", "--modes",
			"fp32", "--python", python.get());
		assertEquals(0, r.code, r.toString());
		assertTrue(r.out.matches("(?s).*\\| +forward \\| +fp32 \\|.* thr\\) \\| +[0-9.]+x \\|.*"), r.out);
		assertTrue(r.out.matches("(?s).*\\| +rgb \\| +fp32 \\|.* thr\\) \\| +[0-9.]+x \\|.*"), r.out);
	}

	@Test
	void timesAFolderOfPngFilesStepByStepAndEndToEnd() throws IOException {
		Path model = Fixtures.model(dir.resolve("tiny"), 3);
		CliRun r = CliRun.of("bench", "--model", model.toString(), "--size", "32x20", "--sections",
			"files", "--files-rounds", "1", "--warmup", "0", "--modes", "fp32", "--no-python");
		assertEquals(0, r.code, r.toString());
		for (String step : List.of("decode 32x20 RGB PNG", "network 32x20 -> 96x60",
			"encode 96x60 RGB PNG, fast writer", "encode 96x60 PNG, ImageIO (before)",
			"folder, serial, ImageIO PNG (before)", "folder, serial, fast PNG",
			"folder, overlapped, fast PNG"))
			assertTrue(r.out.matches("(?s).*\\| " + java.util.regex.Pattern.quote(step) +
				"[^|]* \\| +fp32 \\| +[0-9.]+ \\|.*"), step + ":\n" + r.out);
		assertTrue(r.out.contains("no OpenCV comparison"), r.out);
	}

	@Test
	void timesFoldersOfGreyPngAndTiffFiles() throws IOException {
		Path model = Fixtures.model(dir.resolve("tiny"), 3);
		CliRun r = CliRun.of("bench", "--model", model.toString(), "--size", "32x20", "--sections",
			"files", "--files-kinds", "grey8-png,grey16-png,grey8-tif,grey16-tif", "--files-rounds",
			"1", "--warmup", "0", "--modes", "fp32", "--no-python");
		assertEquals(0, r.code, r.toString());
		for (String step : List.of("decode 32x20 8-bit grey PNG", "encode 96x60 16-bit grey PNG, " +
			"fast writer", "decode 32x20 16-bit grey TIFF", "encode 96x60 8-bit grey TIFF",
			"folder, overlapped (upscale now)", "folder, overlapped, fast PNG (upscale now)"))
			assertTrue(r.out.matches("(?s).*\\| " + java.util.regex.Pattern.quote(step) +
				"[^|]* \\| +fp32 \\| +[0-9.]+ \\|.*"), step + ":\n" + r.out);
	}

	@Test
	void timesAStackThroughTheAdapterAndTheFolderMacroAgainstUpscale() throws IOException {
		Path model = Fixtures.model(dir.resolve("tiny"), 3);
		Path macro = Path.of("macros", "upscale_folder.ijm").toAbsolutePath();
		CliRun r = CliRun.of("bench", "--model", model.toString(), "--size", "24x16", "--sections",
			"fiji", "--files-rounds", "1", "--modes", "fp32", "--no-python", "--macro", macro
				.toString());
		assertEquals(0, r.code, r.toString());
		for (String step : List.of("stack 100 x 24x16 -> 72x48, TIFF in", "stack 100 x 24x16 -> " +
			"72x48, the adapter's upscale alone", "folder by macros/upscale_folder.ijm",
			"folder by upscale (command line)"))
			assertTrue(r.out.matches("(?s).*\\| " + java.util.regex.Pattern.quote(step) +
				"[^|]* \\| +fp32 \\| +[0-9.]+ \\|.*"), step + ":\n" + r.out);
	}

	@Test
	void comparesWithOpenCvWhenAPythonWithCv2AndTorchIsFound() throws IOException {
		Optional<String> python = PythonBench.findPython(List.of("python3", "/usr/bin/python3"),
			"cv2, torch");
		assumeTrue(python.isPresent(), "no python3 with cv2 and torch");
		Path model = Fixtures.model(dir.resolve("tiny"), 3);
		CliRun r = CliRun.of("bench", "--model", model.toString(), "--size", "32x20", "--sections",
			"files", "--files-rounds", "1", "--warmup", "0", "--modes", "fp32", "--python", python
				.get());
		assertEquals(0, r.code, r.toString());
		assertTrue(r.out.matches("(?s).*\\| +imread, ESPCN in cv2.dnn, imwrite \\| +[0-9.]+ \\| +[0-9]+ " +
			"\\| +[0-9.]+x \\|.*"), r.out);
		assertTrue(r.out.matches("(?s).*cv2.imencode level 6 \\| +[0-9.]+ \\| +[0-9]+ \\|.*"), r.out);
	}
}
