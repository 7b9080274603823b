package io.github.espcnfiji.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.espcnfiji.core.EvaluationProtocol;
import io.github.espcnfiji.core.FloatPlane;

import java.util.List;

import org.junit.jupiter.api.Test;

class TrainingPairTest {

	private static FloatPlane ramp(int w, int h) {
		float[] d = new float[w * h];
		for (int i = 0; i < d.length; i++)
			d[i] = (i * 7) % 256;
		return new FloatPlane(d, w, h);
	}

	@Test
	void lowResIsTheProtocolsEightBitDownscaleOnTheUnitScale() {
		FloatPlane g = ramp(31, 20); // mod-cropped to 30x18 at x3
		TrainingPair p = TrainingPair.of(new FloatPlane[] { g }, 3);
		assertEquals(30, p.highRes().width());
		assertEquals(18, p.highRes().height());
		assertEquals(10, p.lowRes().width());
		FloatPlane lr = EvaluationProtocol.lowRes(new FloatPlane[] { g }, 3)[0];
		assertEquals(lr.get(4, 3) / 255f, p.lowRes().get(4, 3), 1e-7);
		assertEquals(g.get(29, 17) / 255f, p.highRes().get(29, 17), 1e-7);
	}

	@Test
	void rescalesAddSmallerCopiesAndSkipThoseTooSmall() {
		List<TrainingPair> pairs = TrainingPair.withRescales(new FloatPlane[] { ramp(60, 60) }, 3,
			new double[] { 0.5, 0.05 });
		assertEquals(2, pairs.size()); // the image and its half; 3x3 is too small for x3
		assertEquals(30, pairs.get(1).highRes().width());
	}

	@Test
	void needsOneOrThreeChannels() {
		assertThrows(IllegalArgumentException.class, () -> TrainingPair.of(new FloatPlane[] { ramp(
			9, 9), ramp(9, 9) }, 3));
	}
}
