package io.github.espcnfiji.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ij.ImagePlus;
import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.model.ModelFiles;
import io.github.espcnfiji.testing.TestModels;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The figure shows the most detailed crop of the original, bicubic and the model side by side. */
class ComparisonFigureTest {

	@TempDir
	Path dir;

	/** A flat grey plane with a checkerboard square of {@code size} at (x, y). */
	private static FloatPlane flatWithTexture(int w, int h, int x0, int y0, int size) {
		float[] v = new float[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				v[y * w + x] = x >= x0 && x < x0 + size && y >= y0 && y < y0 + size && (x + y) % 2 == 0
					? 230 : 100;
		return new FloatPlane(v, w, h);
	}

	@Test
	void theCropIsWhereTheOriginalHasTheMostDetail() {
		FloatPlane p = flatWithTexture(120, 90, 64, 40, 24);
		// Windows of 24 on a grid of 6 from the border 3: the one at (63, 39) holds the column and
		// row just before the square (whose differences reach into it) and all of the square but
		// its last row and column; the next ones hold less of it.
		int[] at = ComparisonFigure.detailWindow(p, 24, 3);
		assertArrayEquals(new int[] { 63, 39 }, at);
		// The border is kept: a texture in the corner gives a window at the border.
		assertArrayEquals(new int[] { 3, 3 }, ComparisonFigure.detailWindow(flatWithTexture(60, 60,
			0, 0, 20), 16, 3));
	}

	@Test
	void showsTheOriginalCropEnlargedBesideBicubicAndTheModel() throws IOException {
		FloatPlane g = flatWithTexture(60, 48, 30, 12, 16);
		try (EspcnModel model = ModelFiles.load(TestModels.save(dir, 2))) {
			ImagePlus fig = ComparisonFigure.draw("test", new FloatPlane[] { g }, 2, model, "m", 16, 3);
			int panel = 16 * 3;
			assertEquals(3 * panel + 4 * 8, fig.getWidth());
			assertEquals(40 + 22 + panel + 8, fig.getHeight());
			int[] at = ComparisonFigure.detailWindow(g, 16, 2);
			int[] px = (int[]) fig.getProcessor().getPixels();
			// Each original pixel is a 3x3 block of the first panel.
			for (int y = 0; y < 16; y++)
				for (int x = 0; x < 16; x++) {
					int v = (int) g.get(at[0] + x, at[1] + y);
					for (int k = 0; k < 3; k++) {
						int fx = 8 + 3 * x + k, fy = 40 + 22 + 3 * y + k;
						assertEquals(v << 16 | v << 8 | v, px[fy * fig.getWidth() + fx] & 0xffffff);
					}
				}
		}
	}

	@Test
	void rejectsCropsTooSmallToSee() throws IOException {
		try (EspcnModel model = ModelFiles.load(TestModels.save(dir, 2))) {
			assertThrows(IllegalArgumentException.class, () -> ComparisonFigure.draw("t",
				new FloatPlane[] { flatWithTexture(40, 40, 0, 0, 8) }, 2, model, "m", 4, 2));
		}
	}
}
