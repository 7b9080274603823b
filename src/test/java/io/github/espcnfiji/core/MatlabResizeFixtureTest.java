package io.github.espcnfiji.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * MatlabResize agrees value for value with the independent Python reference
 * (/work/shared/tools/sr_metrics.py {@code imresize}) on a 12x12 crop of Set5's baby (red
 * channel): resource resize-fixture.txt, made by make-fixtures.py.
 */
class MatlabResizeFixtureTest {

	private static final double TOLERANCE = 1e-4;

	private static Map<String, FloatPlane> fixture() throws IOException {
		Map<String, FloatPlane> planes = new HashMap<>();
		try (InputStream in = MatlabResizeFixtureTest.class.getResourceAsStream(
			"resize-fixture.txt"))
		{
			assertNotNull(in, "resize-fixture.txt missing from the test resources");
			BufferedReader r = new BufferedReader(new InputStreamReader(in,
				StandardCharsets.UTF_8));
			String line;
			while ((line = r.readLine()) != null) {
				if (line.startsWith("#") || line.isBlank()) continue;
				String[] head = line.trim().split("\\s+");
				int w = Integer.parseInt(head[1]), h = Integer.parseInt(head[2]);
				FloatPlane p = FloatPlane.zeros(w, h);
				for (int y = 0; y < h; y++) {
					String[] v = r.readLine().trim().split("\\s+");
					for (int x = 0; x < w; x++)
						p.set(x, y, Float.parseFloat(v[x]));
				}
				planes.put(head[0], p);
			}
		}
		return planes;
	}

	private static void assertPlanesEqual(FloatPlane expected, FloatPlane actual) {
		assertEquals(expected.width(), actual.width(), "width");
		assertEquals(expected.height(), actual.height(), "height");
		for (int y = 0; y < expected.height(); y++)
			for (int x = 0; x < expected.width(); x++)
				assertEquals(expected.get(x, y), actual.get(x, y), TOLERANCE, "at (" + x + ", " + y +
					")");
	}

	@ParameterizedTest(name = "x{0}")
	@ValueSource(ints = { 2, 3, 4 })
	void downscaleMatchesTheReference(int scale) throws IOException {
		Map<String, FloatPlane> f = fixture();
		assertPlanesEqual(f.get("down" + scale), MatlabResize.downscale(f.get("hr"), scale));
	}

	@ParameterizedTest(name = "x{0}")
	@ValueSource(ints = { 2, 3, 4 })
	void upscaleOfTheQuantisedLowResMatchesTheReference(int scale) throws IOException {
		Map<String, FloatPlane> f = fixture();
		FloatPlane lr = Quantize.toUnsignedByteRange(MatlabResize.downscale(f.get("hr"), scale));
		assertPlanesEqual(f.get("up" + scale), MatlabResize.upscale(lr, scale));
	}

	@Test
	void protocolLowResIsTheQuantisedReference() throws IOException {
		Map<String, FloatPlane> f = fixture();
		FloatPlane lr = EvaluationProtocol.lowRes(new FloatPlane[] { f.get("hr") }, 3)[0];
		FloatPlane expected = f.get("down3");
		for (int i = 0; i < lr.data().length; i++)
			assertEquals(Math.round(expected.data()[i]), lr.data()[i], 0.0);
	}

	@Test
	void downscaleOfANonSquareCropMatchesTheReference() throws IOException {
		Map<String, FloatPlane> f = fixture();
		assertPlanesEqual(f.get("down3_12x9"), MatlabResize.downscale(f.get("hr12x9"), 3));
	}
}
