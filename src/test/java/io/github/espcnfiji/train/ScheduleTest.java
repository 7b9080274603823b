package io.github.espcnfiji.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.train.TrainingConfig.Schedule;

import org.junit.jupiter.api.Test;

/** The learning-rate schedules that depend on the epoch alone: factors of the initial rate. */
class ScheduleTest {

	@Test
	void stepDropsTenfoldAtEightyPercent() {
		assertEquals(1, Schedule.STEP_AT_80_PERCENT.factor(159, 200), 1e-12);
		assertEquals(0.1, Schedule.STEP_AT_80_PERCENT.factor(160, 200), 1e-12);
	}

	@Test
	void cosineFallsOnceFromOneToAHundredth() {
		assertEquals(1, Schedule.COSINE.factor(0, 200), 1e-12);
		assertEquals(0.505, Schedule.COSINE.factor(100, 201), 1e-12);
		assertEquals(0.01, Schedule.COSINE.factor(199, 200), 1e-12);
	}

	/** Three cycles of 1/7, 2/7 and 4/7 of the epochs, each from 1 down to 0.01. */
	@Test
	void warmRestartsBeginCyclesAtOneSeventhAndThreeSevenths() {
		Schedule r = Schedule.COSINE_RESTARTS;
		// 200 epochs: cycles 0-28, 29-85, 86-199
		int[] starts = { 0, 29, 86 }, ends = { 28, 85, 199 };
		for (int c = 0; c < 3; c++) {
			assertEquals(1, r.factor(starts[c], 200), 1e-12, "cycle " + c + " starts at the full rate");
			assertEquals(0.01, r.factor(ends[c], 200), 1e-12, "cycle " + c + " ends at a hundredth");
			for (int e = starts[c]; e < ends[c]; e++)
				assertTrue(r.factor(e + 1, 200) < r.factor(e, 200), "falls within cycle " + c);
		}
		// 14 epochs: cycles 0-1, 2-5, 6-13
		assertEquals(0.01, r.factor(1, 14), 1e-12);
		assertEquals(1, r.factor(2, 14), 1e-12);
		assertEquals(Schedule.COSINE_RESTARTS, Schedule.parse("restarts"));
		assertEquals(Schedule.COSINE_RESTARTS, Schedule.parse("SGDR"));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Schedule
			.parse("linear"));
		assertTrue(e.getMessage().endsWith("use step80, cosine, restarts or plateau"), e
			.getMessage());
	}
}
