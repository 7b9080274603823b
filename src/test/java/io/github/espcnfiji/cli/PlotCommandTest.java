package io.github.espcnfiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.io.ImageFiles;
import io.github.espcnfiji.io.LoadedImage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plot} turns a training log into a PNG, headless. */
class PlotCommandTest {

	@TempDir
	Path dir;

	@Test
	void drawsALogAndRefusesToOverwriteUnlessAsked() throws IOException {
		Path run = Files.createDirectories(dir.resolve("my-run"));
		Path log = Files.writeString(run.resolve("training-log.csv"),
			"epoch,loss,validation_psnr,best_psnr,learning_rate,seconds,skipped_steps,retried_steps\n" +
				"1,0.02,25.0,25.0,1e-3,2,0,0\n2,0.01,26.0,26.0,1e-3,2,0,0\n3,0.009,25.5,26.0,1e-4,2,0,0\n");
		Path png = dir.resolve("curve.png");
		CliRun r = CliRun.of("plot", "--log", log.toString(), "--output", png.toString());
		assertEquals(0, r.code, r.toString());
		LoadedImage img = ImageFiles.read(png);
		assertEquals(24, img.bitDepth());
		assertTrue(img.width() >= 700, "width " + img.width());
		assertEquals("my-run", PlotCommand.runName(log));

		CliRun again = CliRun.of("plot", "--log", log.toString(), "--output", png.toString());
		assertEquals(1, again.code);
		assertTrue(again.lastError().contains("overwrit"), again.lastError());
		assertEquals(0, CliRun.of("plot", "--log", log.toString(), "--output", png.toString(),
			"--overwrite", "--title", "x3").code);
	}

	@Test
	void aFileThatIsNotALogSaysSo() throws IOException {
		Path notLog = Files.writeString(dir.resolve("e.csv"), "set,image\n");
		CliRun r = CliRun.of("plot", "--log", notLog.toString(), "--output", dir.resolve("p.png")
			.toString());
		assertEquals(1, r.code);
		assertTrue(r.lastError().contains("is not a training log"), r.lastError());
	}
}
