package io.github.espcnfiji.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The shortcuts the RGB path takes give bit for bit what the plain functions give: a window of
 * the bicubic enlargement, YCbCr straight from packed pixels, and packed RGB straight from
 * YCbCr.
 */
class ColourFastPathsTest {

	@ParameterizedTest(name = "{0}x{1} x{2}, window {5}x{6}+{3}+{4}")
	@CsvSource({ "37, 23, 3, 5, 7, 40, 30", "37, 23, 2, 0, 0, 74, 46", "20, 31, 4, 79, 123, 1, 1",
		"9, 9, 3, 12, 0, 15, 27", "1, 5, 2, 0, 3, 2, 4" })
	void aWindowOfTheEnlargementIsTheEnlargementCropped(int w, int h, int factor, int x, int y,
		int ww, int wh)
	{
		FloatPlane in = TilerTest.random(w, h, w * 7L + h);
		for (int i = 0; i < in.data().length; i++)
			in.data()[i] *= 255;
		FloatPlane whole = MatlabResize.upscale(in, factor).crop(x, y, ww, wh);
		assertArrayEquals(whole.data(), MatlabResize.upscaleWindow(in, factor, x, y, ww, wh)
			.data());
	}

	@Test
	void aWindowOutsideTheEnlargementIsRejected() {
		FloatPlane in = FloatPlane.zeros(4, 4);
		assertThrows(IllegalArgumentException.class, () -> MatlabResize.upscaleWindow(in, 2, 5, 0, 4,
			1));
		assertThrows(IllegalArgumentException.class, () -> MatlabResize.upscaleWindow(in, 2, 0, 0, 0,
			1));
	}

	@Test
	void packedConversionsEqualThePlaneConversions() {
		Random random = new Random(3);
		int n = 5000;
		int[] argb = new int[n];
		FloatPlane r = FloatPlane.zeros(n, 1), g = FloatPlane.zeros(n, 1), b = FloatPlane.zeros(n, 1);
		for (int i = 0; i < n; i++) {
			argb[i] = random.nextInt();
			r.data()[i] = (argb[i] >> 16) & 0xff;
			g.data()[i] = (argb[i] >> 8) & 0xff;
			b.data()[i] = argb[i] & 0xff;
		}
		FloatPlane[] expected = YCbCr.fromRgb(r, g, b), got = YCbCr.fromPackedRgb(argb, n, 1);
		for (int c = 0; c < 3; c++)
			assertArrayEquals(expected[c].data(), got[c].data());

		// Y, Cb, Cr off the grid, some beyond the RGB cube (clamped)
		FloatPlane y = FloatPlane.zeros(n, 1), cb = FloatPlane.zeros(n, 1), cr = FloatPlane.zeros(n, 1);
		for (int i = 0; i < n; i++) {
			y.data()[i] = 5 + 250 * random.nextFloat();
			cb.data()[i] = 5 + 250 * random.nextFloat();
			cr.data()[i] = 5 + 250 * random.nextFloat();
		}
		FloatPlane[] rgb = YCbCr.toRgb(y, cb, cr);
		for (int i = 0; i < n; i++) {
			int p = YCbCr.toPackedRgb(y.data()[i], cb.data()[i], cr.data()[i]);
			assertEquals(0xff, p >>> 24);
			assertEquals(Quantize.roundClamp(rgb[0].data()[i], 0, 255), (p >> 16) & 0xff, "R " + i);
			assertEquals(Quantize.roundClamp(rgb[1].data()[i], 0, 255), (p >> 8) & 0xff, "G " + i);
			assertEquals(Quantize.roundClamp(rgb[2].data()[i], 0, 255), p & 0xff, "B " + i);
		}
	}

	/**
	 * Packing rounds exactly as {@link Quantize#roundClamp} of the float of the double
	 * conversion, also where a channel lies within a few float steps of a half (the rounding
	 * boundary), below 0 and above 255, and for NaN.
	 */
	@Test
	void packingRoundsAtTheHalvesAndClampsAsRoundClamp() {
		double[][] inverse = YCbCr.inverseMatrix();
		float[] chroma = { 16f, 100.25f, 128f, 128.5f, 200.75f, 240f };
		int checked = 0;
		for (int k = -3; k <= 258; k++)
			for (float cb : chroma)
				for (float cr : chroma) {
					// the luma whose red channel is k + 0.5, and its float neighbours
					double x1 = cb - 128.0, x2 = cr - 128.0;
					float y = (float) (16 + (k + 0.5 - inverse[0][1] * x1 - inverse[0][2] * x2) /
						inverse[0][0]);
					for (int step = -3; step <= 3; step++) {
						float yy = y;
						for (int i = 0; i < Math.abs(step); i++)
							yy = step < 0 ? Math.nextDown(yy) : Math.nextUp(yy);
						assertPacked(inverse, yy, cb, cr);
						checked++;
					}
				}
		assertPacked(inverse, Float.NaN, 128f, 128f);
		assertPacked(inverse, 1e30f, 128f, 128f);
		assertPacked(inverse, -1e30f, 128f, 128f);
		assertTrue(checked > 50000);
	}

	private static void assertPacked(double[][] m, float y, float cb, float cr) {
		double x0 = y - 16.0, x1 = cb - 128.0, x2 = cr - 128.0;
		int expected = 0xff000000;
		for (int c = 0; c < 3; c++)
			expected |= (int) Quantize.roundClamp((float) (m[c][0] * x0 + m[c][1] * x1 + m[c][2] * x2),
				0, 255) << (16 - 8 * c);
		assertEquals(Integer.toHexString(expected), Integer.toHexString(YCbCr.toPackedRgb(y, cb, cr)),
			"Y " + y + ", Cb " + cb + ", Cr " + cr);
	}
}
