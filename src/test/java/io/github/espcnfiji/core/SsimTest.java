package io.github.espcnfiji.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * SSIM follows Wang et al.'s reference {@code ssim_index}: expected values come from a numpy /
 * scipy transcription of it (src/test/resources/.../make-fixtures.py).
 */
class SsimTest {

	/** a(x,y) = (37x + 11y) mod 256, b = clip(a + 3((xy) mod 7) - 9), 17 wide, 15 high. */
	private static FloatPlane[] synthetic() {
		int w = 17, h = 15;
		FloatPlane a = FloatPlane.zeros(w, h), b = FloatPlane.zeros(w, h);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int v = (x * 37 + y * 11) % 256;
				a.set(x, y, v);
				b.set(x, y, Math.max(0, Math.min(255, v + 3 * ((x * y) % 7) - 9)));
			}
		return new FloatPlane[] { a, b };
	}

	@Test
	void identicalPlanesScoreOne() {
		FloatPlane a = synthetic()[0];
		assertEquals(1.0, Ssim.of(a, a.copy(), 0), 1e-12);
		assertEquals(1.0, Ssim.of(a, a.copy(), 2), 1e-12);
	}

	@Test
	void matchesTheReferenceImplementationOnASmallExample() {
		FloatPlane[] p = synthetic();
		assertEquals(0.995450800883517, Ssim.of(p[0], p[1], 0), 1e-9);
		assertEquals(0.993501716972321, Ssim.of(p[0], p[1], 2), 1e-9);
	}

	@Test
	void isSymmetric() {
		FloatPlane[] p = synthetic();
		assertEquals(Ssim.of(p[0], p[1], 0), Ssim.of(p[1], p[0], 0), 1e-12);
	}

	@Test
	void fallsAsNoiseGrows() {
		FloatPlane a = synthetic()[0];
		double previous = 1;
		for (int amplitude : new int[] { 5, 20, 60 }) {
			FloatPlane b = a.copy();
			for (int i = 0; i < b.data().length; i++)
				b.data()[i] += (i % 2 == 0 ? amplitude : -amplitude);
			double s = Ssim.of(a, b, 0);
			assertTrue(s < previous, "SSIM " + s + " at noise " + amplitude);
			previous = s;
		}
	}

	@Test
	void needsTheWholeWindowAfterCropping() {
		FloatPlane a = FloatPlane.zeros(14, 20);
		assertEquals(1.0, Ssim.of(a, a, 1), 1e-12);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ssim.of(
			a, a, 2));
		assertTrue(e.getMessage().contains("11x11"), e.getMessage());
	}

	@Test
	void refusesPlanesOfDifferentSizes() {
		assertThrows(IllegalArgumentException.class, () -> Ssim.of(FloatPlane.zeros(20, 20),
			FloatPlane.zeros(20, 21), 0));
	}
}
