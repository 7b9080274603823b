package io.github.espcnfiji.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PixelShuffleTest {

	/** out[n, c, h*r + i, w*r + j] = in[n, c*r*r + i*r + j, h, w], as torch's pixel_shuffle. */
	@ParameterizedTest
	@ValueSource(ints = { 2, 3, 4 })
	void matchesTorchIndexForIndex(int r) {
		int n = 2, c = 2, h = 3, w = 5;
		DjlRuntime.run(() -> {
			try (NDManager m = NDManager.newBaseManager()) {
				NDArray in = m.arange(0f, (float) n * c * r * r * h * w).reshape(n, c * r * r, h, w);
				NDArray out = PixelShuffle.apply(in, r);
				assertEquals(new Shape(n, c, h * r, w * r), out.getShape());
				float[] got = out.toFloatArray();
				float[] expected = new float[got.length];
				for (int b = 0; b < n; b++)
					for (int ch = 0; ch < c; ch++)
						for (int y = 0; y < h * r; y++)
							for (int x = 0; x < w * r; x++) {
								int src = (((b * c * r * r) + ch * r * r + (y % r) * r + x % r) * h + y / r) *
									w + x / r;
								expected[((b * c + ch) * h * r + y) * w * r + x] = src;
							}
				assertArrayEquals(expected, got);
			}
		});
	}

	@ParameterizedTest
	@ValueSource(ints = { 2, 3 })
	void rejectsChannelCountsThatAreNotAMultipleOfRSquared(int r) {
		DjlRuntime.run(() -> {
			try (NDManager m = NDManager.newBaseManager()) {
				NDArray in = m.zeros(new Shape(1, r * r + 1, 2, 2));
				assertThrows(IllegalArgumentException.class, () -> PixelShuffle.apply(in, r));
			}
		});
	}
}
