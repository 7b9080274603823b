package io.github.espcnfiji.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MATLAB's bicubic enlargement of one axis by an integer factor ({@link MatlabResize#upscale})
 * as a table of four taps per output sample: output sample {@code o} is
 * {@code weight(o, 0) * in[index(o, 0)] + ... + weight(o, 3) * in[index(o, 3)]}, summed left to
 * right in double, which is bit for bit the sum {@link MatlabResize} makes.
 * <p>
 * Why four: {@link MatlabResize} looks at six input samples per output sample, but when
 * enlarging, the first and the last lie two or more samples away, where Keys' kernel is exactly
 * zero, and it skips zero weights; the four left are kept here in its order, with a zero weight
 * where it skips one (adding the {@code +0} that a zero weight times a finite sample makes
 * changes no sum that is not itself zero). The indices are mirrored at the edges as there.
 * <p>
 * The tables are computed once per length and factor and kept (the last few used), so that the
 * tiles of an RGB image share them.
 */
final class BicubicTaps {

	/** The taps per output sample. */
	static final int TAPS = 4;

	private static final int KEPT = 32;

	private static final Map<Long, BicubicTaps> CACHE = new LinkedHashMap<>(KEPT, 0.75f, true) {

		private static final long serialVersionUID = 1L;

		@Override
		protected boolean removeEldestEntry(Map.Entry<Long, BicubicTaps> eldest) {
			return size() > KEPT;
		}
	};

	private final int[] index;
	private final double[] weight;
	private final int neighboursFrom, neighboursTo;

	private BicubicTaps(int[] index, double[] weight) {
		this.index = index;
		this.weight = weight;
		int n = index.length / TAPS, from = 0;
		while (from < n && !neighbours(from))
			from++;
		int to = from;
		while (to < n && neighbours(to))
			to++;
		neighboursFrom = from;
		neighboursTo = to;
	}

	private boolean neighbours(int o) {
		for (int k = 1; k < TAPS; k++)
			if (index[o * TAPS + k] != index[o * TAPS] + k) return false;
		return true;
	}

	/**
	 * The taps of enlarging {@code inLength} samples by {@code factor} (to {@code inLength *
	 * factor} samples).
	 */
	static BicubicTaps of(int inLength, int factor) {
		if (inLength < 1 || factor < 1) throw new IllegalArgumentException("Cannot enlarge " +
			inLength + " samples by " + factor);
		Long key = (long) inLength << 32 | factor;
		synchronized (CACHE) {
			BicubicTaps taps = CACHE.get(key);
			if (taps != null) return taps;
		}
		BicubicTaps taps = compute(inLength, factor);
		synchronized (CACHE) {
			CACHE.put(key, taps);
		}
		return taps;
	}

	private static BicubicTaps compute(int inLength, int factor) {
		int outLength = Math.multiplyExact(inLength, factor);
		MatlabResize.Contributions c = MatlabResize.Contributions.of(inLength, outLength, factor);
		if (c.taps != TAPS + 2) throw new IllegalStateException("Expected " + (TAPS + 2) +
			" taps per sample when enlarging, got " + c.taps);
		int[] index = new int[outLength * TAPS];
		double[] weight = new double[outLength * TAPS];
		for (int o = 0; o < outLength; o++) {
			int first = o * c.taps;
			if (c.weights[first] != 0 || c.weights[first + c.taps - 1] != 0)
				throw new IllegalStateException("An outer tap of output sample " + o +
					" has a weight when enlarging by " + factor);
			for (int k = 0; k < TAPS; k++) {
				index[o * TAPS + k] = c.indices[first + 1 + k];
				weight[o * TAPS + k] = c.weights[first + 1 + k];
			}
		}
		return new BicubicTaps(index, weight);
	}

	/** The input sample of tap {@code k} (0-3) of output sample {@code o}. */
	int index(int o, int k) {
		return index[o * TAPS + k];
	}

	/** The weight of tap {@code k} (0-3) of output sample {@code o} (0 where MATLAB has none). */
	double weight(int o, int k) {
		return weight[o * TAPS + k];
	}

	/**
	 * The first output sample of the run {@code [neighboursFrom(), neighboursTo())} whose four
	 * taps are neighbours in order, {@code index(o, k) == index(o, 0) + k} (every sample but a
	 * few at each edge, where the mirror turns).
	 */
	int neighboursFrom() {
		return neighboursFrom;
	}

	/** The end of the run that {@link #neighboursFrom()} starts (exclusive). */
	int neighboursTo() {
		return neighboursTo;
	}

	/** The indices, four per output sample (shared: not to be changed). */
	int[] indices() {
		return index;
	}

	/** The weights, four per output sample (shared: not to be changed). */
	double[] weights() {
		return weight;
	}
}
