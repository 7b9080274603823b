package io.github.espcnfiji.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The curves are drawn headless, loss above validation PSNR. */
class CurvePlotTest {

	@TempDir
	Path dir;

	private static int countColour(ImagePlus imp, int rgb, int fromY, int toY) {
		int[] px = (int[]) imp.getProcessor().getPixels();
		int w = imp.getWidth(), n = 0;
		for (int y = fromY; y < toY; y++)
			for (int x = 0; x < w; x++)
				if ((px[y * w + x] & 0xffffff) == rgb) n++;
		return n;
	}

	@Test
	void drawsTheLossAboveTheValidationPsnr() throws IOException {
		StringBuilder log = new StringBuilder(
			"epoch,loss,validation_psnr,best_psnr,learning_rate,seconds\n");
		double best = 0;
		for (int e = 1; e <= 40; e++) {
			double psnr = 28 - 3 * Math.exp(-e / 5.0) - (e % 7 == 0 ? 0.4 : 0);
			best = Math.max(best, psnr);
			log.append(String.format(Locale.ROOT, "%d,%.6f,%.4f,%.4f,%.1e,1.0%n", e, 0.0015 + 0.02 * Math
				.exp(-e / 3.0), psnr, best, e <= 32 ? 1e-3 : 1e-4));
		}
		ImagePlus imp = CurvePlot.draw(TrainingLog.read(Files.writeString(dir.resolve("log.csv"), log
			.toString())), "run");
		assertEquals(ImagePlus.COLOR_RGB, imp.getType());
		assertTrue(imp.getWidth() >= 700 && imp.getHeight() >= 500, imp.getWidth() + "x" + imp
			.getHeight());
		int half = imp.getHeight() / 2 + 15;
		// The loss line (red) is in the top panel only, the validation line (blue) in the bottom.
		assertTrue(countColour(imp, 0xc0392b, 0, half) > 100);
		assertEquals(0, countColour(imp, 0xc0392b, half, imp.getHeight()));
		assertTrue(countColour(imp, 0x2e86c1, half, imp.getHeight()) > 100);
		assertEquals(0, countColour(imp, 0x2e86c1, 0, half));
	}
}
