package io.github.espcnfiji.cli;

import java.util.Arrays;

/** Repeated measurements in milliseconds: median, min and max. */
final class Timings {

	private final double[] sorted;

	Timings(double[] millis) {
		if (millis.length == 0) throw new IllegalArgumentException("No measurements");
		sorted = millis.clone();
		Arrays.sort(sorted);
	}

	/** Times {@code work} {@code repeats} times after {@code warmup} untimed runs. */
	static Timings of(Runnable work, int warmup, int repeats) {
		for (int i = 0; i < warmup; i++)
			work.run();
		double[] ms = new double[repeats];
		for (int i = 0; i < repeats; i++) {
			long start = System.nanoTime();
			work.run();
			ms[i] = (System.nanoTime() - start) / 1e6;
		}
		return new Timings(ms);
	}

	double median() {
		int n = sorted.length;
		return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	}

	double min() {
		return sorted[0];
	}

	double max() {
		return sorted[sorted.length - 1];
	}
}
