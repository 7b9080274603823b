package io.github.espcnfiji.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The paper's schedule: the rate falls step by step when the loss stops falling. */
class PlateauTest {

	private static double[] factors(Plateau p, double threshold, int patience, double decay,
		double floor, double... losses)
	{
		double[] out = new double[losses.length];
		for (int i = 0; i < losses.length; i++) {
			p.epochDone(losses[i], threshold, patience, decay, floor);
			out[i] = p.factor();
		}
		return out;
	}

	@Test
	void lowersTheRateAfterPatienceEpochsWithoutARealImprovement() {
		Plateau p = new Plateau();
		assertEquals(1, p.factor());
		// threshold 1%: 0.995 and 0.992 are within 1% of the best (1.0), so they stall;
		// the second stalled epoch (patience 2) halves the rate.
		double[] f = factors(p, 0.01, 2, 0.5, 0.01, 1.0, 0.995, 0.992, 0.95, 0.949, 0.948);
		assertEquals(java.util.List.of(1.0, 1.0, 0.5, 0.5, 0.5, 0.25), java.util.Arrays.stream(f)
			.boxed().collect(java.util.stream.Collectors.toList()));
	}

	@Test
	void slowProgressAddsUpBecauseTheBestMovesOnlyOnAnImprovement() {
		Plateau p = new Plateau();
		// Each epoch falls by 0.6%, less than the 1% threshold, but two together fall by 1.2%.
		double[] f = factors(p, 0.01, 2, 0.5, 0.01, 1.0, 0.994, 0.988, 0.982, 0.976);
		for (double x : f)
			assertEquals(1.0, x);
	}

	@Test
	void neverGoesBelowTheFloor() {
		Plateau p = new Plateau();
		double[] f = factors(p, 0.01, 1, 0.1, 0.01, 1.0, 1.0, 1.0, 1.0, 1.0);
		assertEquals(0.1, f[1], 1e-15);
		assertEquals(0.01, f[2], 1e-15);
		assertEquals(0.01, f[4], 1e-15);
	}

	@Test
	void aNonFiniteLossCountsAsStalled() {
		Plateau p = new Plateau();
		double[] f = factors(p, 0.01, 1, 0.5, 0.01, 1.0, Double.NaN);
		assertEquals(0.5, f[1]);
	}

	@Test
	void theConfigRejectsSettingsOutOfRange() {
		TrainingConfig c = new TrainingConfig();
		c.plateauDecay = 1;
		assertThrows(IllegalArgumentException.class, c::validate);
		c = new TrainingConfig();
		c.plateauPatience = 0;
		assertThrows(IllegalArgumentException.class, c::validate);
		c = new TrainingConfig();
		c.plateauFloor = 0;
		assertThrows(IllegalArgumentException.class, c::validate);
		assertThrows(IllegalStateException.class, () -> TrainingConfig.Schedule.PLATEAU.factor(1,
			10));
		assertEquals(TrainingConfig.Schedule.PLATEAU, TrainingConfig.Schedule.parse("plateau"));
	}
}
