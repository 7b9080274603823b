package io.github.espcnfiji.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImageStack;

import org.junit.jupiter.api.Test;

/** The training window's content, and when a run is told it lags behind bicubic. */
class TrainingChartTest {

	@Test
	void oneStackHoldsTheValidationPsnrWithTheBicubicLineAndTheLoss() {
		TrainingChart chart = new TrainingChart();
		chart.baseline(27.5);
		chart.add(1, 0.01, 26.0);
		chart.add(2, 0.008, 27.9);
		ImageStack stack = chart.draw();
		assertEquals(2, stack.getSize());
		assertEquals("Validation PSNR", stack.getSliceLabel(1));
		assertEquals("Training loss", stack.getSliceLabel(2));
		assertTrue(stack.getWidth() > 100 && stack.getHeight() > 100);
	}

	@Test
	void aRunStillBelowBicubicAfterThreeEpochsIsWarnedOnce() {
		TrainingChart chart = new TrainingChart();
		chart.baseline(27.5);
		assertNull(chart.lagWarning(1, 20.0), "too early to tell");
		assertNull(chart.lagWarning(2, 20.0));
		String warning = chart.lagWarning(3, 27.2);
		assertNotNull(warning);
		assertTrue(warning.contains("27.20 dB") && warning.contains("27.50 dB"), warning);
		assertNull(chart.lagWarning(5, 27.6), "above bicubic");
		assertNull(new TrainingChart().lagWarning(9, 10), "no baseline, no warning");
	}
}
