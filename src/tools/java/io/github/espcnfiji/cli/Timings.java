package io.github.espcnfiji.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * Repeated measurements in milliseconds: median, min and max, and the process's CPU time per
 * run (all its threads), which shows how much of a run's time went to other processes on a
 * busy machine.
 */
final class Timings {

	private final double[] sorted;
	private final double cpuPerRun;

	Timings(double[] millis) {
		this(millis, Double.NaN);
	}

	Timings(double[] millis, double cpuMillisPerRun) {
		if (millis.length == 0) throw new IllegalArgumentException("No measurements");
		sorted = millis.clone();
		Arrays.sort(sorted);
		cpuPerRun = cpuMillisPerRun;
	}

	/** Times {@code work} {@code repeats} times after {@code warmup} untimed runs. */
	static Timings of(Runnable work, int warmup, int repeats) {
		for (int i = 0; i < warmup; i++)
			work.run();
		double[] ms = new double[repeats];
		long cpu = processCpuNanos();
		for (int i = 0; i < repeats; i++) {
			long start = System.nanoTime();
			work.run();
			ms[i] = (System.nanoTime() - start) / 1e6;
		}
		long cpuEnd = processCpuNanos();
		return new Timings(ms, cpu < 0 || cpuEnd < 0 ? Double.NaN : (cpuEnd - cpu) / 1e6 / repeats);
	}

	/** The process's CPU time so far in nanoseconds, or -1 where the JVM does not say. */
	static long processCpuNanos() {
		OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
		if (os instanceof com.sun.management.OperatingSystemMXBean)
			return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
		return -1;
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

	int count() {
		return sorted.length;
	}

	/** CPU milliseconds of the whole process per run; NaN when unknown. */
	double cpuPerRun() {
		return cpuPerRun;
	}

	/** {@code min-max}, the spread of the runs. */
	String spread() {
		return String.format(Locale.ROOT, "%.1f-%.1f", min(), max());
	}
}
