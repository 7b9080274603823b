package io.github.espcnfiji.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.espcnfiji.core.EvaluationProtocol;
import io.github.espcnfiji.core.FloatPlane;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The baseline a training run is drawn against is the protocol's bicubic PSNR. */
class ValidationBaselineTest {

	private static FloatPlane gray(int w, int h, long seed) {
		Random r = new Random(seed);
		float[] v = new float[w * h];
		for (int i = 0; i < v.length; i++)
			v[i] = (i % w) * 3 + r.nextInt(40);
		return new FloatPlane(v, w, h);
	}

	@Test
	void forGrayImagesItIsTheEvaluationProtocolsBicubicPsnrAveraged() {
		FloatPlane a = gray(48, 40, 1), b = gray(37, 45, 2);
		double expected = (EvaluationProtocol.evaluate(new FloatPlane[] { a }, 3).bicubicPsnr() +
			EvaluationProtocol.evaluate(new FloatPlane[] { b }, 3).bicubicPsnr()) / 2;
		double baseline = ValidationBaseline.bicubicPsnr(List.of(TrainingPair.of(new FloatPlane[] {
			a }, 3), TrainingPair.of(new FloatPlane[] { b }, 3)), 3);
		assertEquals(expected, baseline, 1e-4);
	}
}
