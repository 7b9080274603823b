package io.github.espcnfiji.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.imglib2.img.array.ArrayImgs;

import org.junit.jupiter.api.Test;

class NormalizationTest {

	@Test
	void eightBitIsDividedBy255AndComesBackRoundedAndClamped() {
		Normalization n = Normalization.of(ArrayImgs.unsignedBytes(new byte[] { 10, 20 }, 2, 1));
		assertEquals(Normalization.Kind.UNSIGNED_BYTE, n.kind());
		float[] v = { 0, 51, 255 };
		n.toUnit(v);
		assertArrayEquals(new float[] { 0f, 0.2f, 1f }, v);
		float[] u = { -0.1f, 0.5f / 255, 100.49f / 255, 100.5f / 255, 1.2f, Float.NaN };
		n.fromUnit(u);
		assertArrayEquals(new float[] { 0, 1, 100, 101, 255, 0 }, u);
	}

	@Test
	void sixteenBitUsesMinAndMaxOfAllPlanes() {
		// two planes of 2x1: the range is [1000, 3000] across both
		Normalization n = Normalization.of(ArrayImgs.unsignedShorts(new short[] { 1000, 1500, 2000,
			3000 }, 2, 1, 2));
		assertEquals(Normalization.Kind.UNSIGNED_SHORT, n.kind());
		assertEquals(1000, n.min());
		assertEquals(3000, n.max());
		float[] v = { 1000, 1500, 3000 };
		n.toUnit(v);
		assertArrayEquals(new float[] { 0f, 0.25f, 1f }, v);
		float[] u = { 0.25f, 0.50024f, 0.50026f, -0.6f, 40f };
		n.fromUnit(u);
		// 2000.48 -> 2000, 2000.52 -> 2001; below 0 and above 65535 clamp
		assertArrayEquals(new float[] { 1500, 2000, 2001, 0, 65535 }, u);
	}

	@Test
	void sixteenBitRoundTripsEveryValueExactly() {
		Normalization n = Normalization.unsignedShort(0, 65535);
		float[] v = new float[65536];
		for (int i = 0; i < v.length; i++)
			v[i] = i;
		float[] w = v.clone();
		n.toUnit(w);
		n.fromUnit(w);
		assertArrayEquals(v, w);
	}

	@Test
	void floatUsesMinMaxAndComesBackUnroundedAndUnclamped() {
		Normalization n = Normalization.of(ArrayImgs.floats(new float[] { -2f, 0f, 6f }, 3, 1));
		assertEquals(Normalization.Kind.FLOAT, n.kind());
		float[] v = { -2f, 0f, 6f };
		n.toUnit(v);
		assertArrayEquals(new float[] { 0f, 0.25f, 1f }, v);
		float[] u = { -0.5f, 0.3f, 1.5f };
		n.fromUnit(u);
		assertArrayEquals(new float[] { -6f, 0.4f, 10f }, u, 1e-6f);
	}

	@Test
	void constantImagesMapToZeroAndBackExactly() {
		Normalization n = Normalization.of(ArrayImgs.floats(new float[] { 0.1f, 0.1f }, 2, 1));
		float[] v = { 0.1f, 0.1f };
		n.toUnit(v);
		assertArrayEquals(new float[] { 0f, 0f }, v);
		float[] u = { 0.37f, -5f, Float.NaN };
		n.fromUnit(u);
		assertArrayEquals(new float[] { 0.1f, 0.1f, 0.1f }, u);

		Normalization s = Normalization.of(ArrayImgs.unsignedShorts(new short[] { 777, 777 }, 2,
			1));
		float[] w = { 0.9f };
		s.fromUnit(w);
		assertArrayEquals(new float[] { 777 }, w);
	}

	@Test
	void floatImagesWithNaNAreRejected() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> Normalization.of(ArrayImgs.floats(new float[] { 1f, Float.NaN, 2f }, 3, 1)));
		assertTrue(e.getMessage().startsWith("The image contains NaN pixels"), e.getMessage());
		assertTrue(e.getMessage().contains("Remove NaNs"), e.getMessage());
	}

	@Test
	void floatImagesWithInfinityAreRejected() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> Normalization.of(ArrayImgs.floats(new float[] { 1f, Float.NEGATIVE_INFINITY }, 2,
				1)));
		assertTrue(e.getMessage().contains("infinite pixels"), e.getMessage());
	}

	@Test
	void otherPixelTypesAreRejectedNamingTheSupportedOnes() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> Normalization.of(ArrayImgs.doubles(new double[] { 1 }, 1, 1)));
		assertEquals("Pixel type DoubleType is not supported: convert the image to 8-bit, 16-bit " +
			"or 32-bit gray, or to RGB color", e.getMessage());
	}

	@Test
	void aSeriesRangeSpansEveryFramesRangeAndKeepsItsKind() {
		Normalization series = Normalization.unsignedShort(100, 200).spanning(Normalization
			.unsignedShort(50, 150)).spanning(Normalization.unsignedShort(120, 900));
		assertEquals(50, series.min());
		assertEquals(900, series.max());
		assertEquals(Normalization.Kind.UNSIGNED_SHORT, series.kind());
		assertEquals(Normalization.unsignedByte().max(), Normalization.unsignedByte().spanning(
			Normalization.unsignedByte()).max());
		assertThrows(IllegalArgumentException.class, () -> Normalization.unsignedShort(0, 1)
			.spanning(Normalization.floating(0, 1)));
		assertTrue(series.isFor(new net.imglib2.type.numeric.integer.UnsignedShortType()));
		assertFalse(series.isFor(new net.imglib2.type.numeric.real.FloatType()));
	}
}
