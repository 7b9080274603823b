package io.github.espcnfiji.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The four-tap tables give, summed left to right in double, bit for bit the enlargement
 * {@link MatlabResize#upscale} makes, for every length from 1 to 40 and factors 1 to 4; the run
 * of neighbouring taps covers all but the edges.
 */
class BicubicTapsTest {

	@Test
	void fourTapsPerSampleSumToMatlabsEnlargement() {
		for (int factor = 1; factor <= 4; factor++)
			for (int n = 1; n <= 40; n++) {
				FloatPlane in = TilerTest.random(n, 1, n * 31L + factor);
				for (int i = 0; i < n; i++)
					in.data()[i] = 16 + 224 * in.data()[i];
				FloatPlane column = new FloatPlane(in.data().clone(), 1, n);
				BicubicTaps taps = BicubicTaps.of(n, factor);
				float[] expectedRow = MatlabResize.upscale(in, factor).crop(0, 0, n * factor, 1).data();
				float[] expectedColumn = MatlabResize.upscale(column, factor).crop(0, 0, 1, n * factor)
					.data();
				float[] got = new float[n * factor];
				for (int o = 0; o < got.length; o++) {
					double sum = 0;
					for (int k = 0; k < BicubicTaps.TAPS; k++)
						sum = k == 0 ? taps.weight(o, 0) * in.data()[taps.index(o, 0)] : sum + taps.weight(o,
							k) * in.data()[taps.index(o, k)];
					got[o] = (float) sum;
				}
				assertArrayEquals(expectedRow, got, "x" + factor + ", " + n + " samples");
				// the same rows again: enlarging a column of them in Y takes the same table
				for (int y = 0; y < n * factor; y++)
					assertEquals(expectedRow[y], expectedColumn[y]);
				for (int o = taps.neighboursFrom(); o < taps.neighboursTo(); o++)
					for (int k = 0; k < BicubicTaps.TAPS; k++)
						assertEquals(taps.index(o, 0) + k, taps.index(o, k));
				if (n >= 8) assertTrue(taps.neighboursFrom() <= 2 * factor && taps
					.neighboursTo() >= (n - 2) * factor, "x" + factor + ", " + n + ": neighbours only in [" +
						taps.neighboursFrom() + ", " + taps.neighboursTo() + ")");
			}
	}

	@Test
	void tablesAreKeptAndNonsenseRefused() {
		assertSame(BicubicTaps.of(123, 3), BicubicTaps.of(123, 3));
		assertThrows(IllegalArgumentException.class, () -> BicubicTaps.of(0, 3));
		assertThrows(IllegalArgumentException.class, () -> BicubicTaps.of(5, 0));
	}
}
