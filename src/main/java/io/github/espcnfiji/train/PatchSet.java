package io.github.espcnfiji.train;

import io.github.espcnfiji.core.FloatPlane;

import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * LR/HR patch pairs cut from training images as the reference code does: LR patches of
 * {@code patch} pixels every {@code stride} pixels, each with the HR patch of
 * {@code patch * scale} pixels at the same place. Batches are drawn in an order and with
 * augmentations fixed by (seed, epoch), so a resumed run sees what an uninterrupted one would.
 */
final class PatchSet {

	private final int patch;
	private final int scale;
	private final float[] lowRes;
	private final float[] highRes;
	private final int count;

	PatchSet(List<TrainingPair> pairs, int patch, int stride, int scale) {
		this(pairs, patch, stride, scale, TrainingPair::highRes, 0);
	}

	/**
	 * With the targets made from each pair by {@code targets} (e.g. a teacher's output, see
	 * {@link Teacher}) instead of its high-resolution image, one pair's at a time, and only the
	 * patches whose high-resolution image varies by at least {@code minContrast} (see
	 * {@link #detailed}; 0 keeps every patch).
	 */
	PatchSet(List<TrainingPair> pairs, int patch, int stride, int scale,
		Function<TrainingPair, FloatPlane> targets, double minContrast)
	{
		this.patch = patch;
		this.scale = scale;
		BitSet kept = kept(pairs, patch, stride, scale, minContrast);
		int n = kept == null ? count(pairs, patch, stride) : kept.cardinality();
		if (n == 0) throw new IllegalArgumentException(minContrast > 0 && count(pairs, patch, stride,
			scale, 0) > 0 ? "No training patch varies by " + minContrast + " grey levels or more" :
				"No training image is large enough for LR patches of " + patch + " pixels at x" +
					scale + " (each needs at least " + patch * scale + " HR pixels a side)");
		this.count = n;
		int lp = patch * patch, hs = patch * scale, hp = hs * hs;
		this.lowRes = new float[Math.multiplyExact(n, lp)];
		this.highRes = new float[Math.multiplyExact(n, hp)];
		int k = 0, position = 0;
		for (TrainingPair p : pairs) {
			FloatPlane lr = p.lowRes();
			if (positions(lr.width(), patch, stride) * positions(lr.height(), patch, stride) == 0)
				continue;
			FloatPlane hr = targets.apply(p);
			if (hr.width() != lr.width() * scale || hr.height() != lr.height() * scale)
				throw new IllegalArgumentException("A target of " + hr.width() + "x" + hr.height() +
					" for a low-resolution image of " + lr.width() + "x" + lr.height() + " at x" + scale);
			for (int y = 0; y + patch <= lr.height(); y += stride)
				for (int x = 0; x + patch <= lr.width(); x += stride) {
					if (kept != null && !kept.get(position++)) continue;
					copy(lr, x, y, patch, lowRes, k * lp);
					copy(hr, x * scale, y * scale, hs, highRes, k * hp);
					k++;
				}
		}
	}

	/** How many patches the pairs give, without cutting them. */
	static int count(List<TrainingPair> pairs, int patch, int stride) {
		int n = 0;
		for (TrainingPair p : pairs)
			n += positions(p.lowRes().width(), patch, stride) * positions(p.lowRes().height(), patch,
				stride);
		return n;
	}

	/** How many patches the pairs give that vary by at least {@code minContrast}. */
	static int count(List<TrainingPair> pairs, int patch, int stride, int scale,
		double minContrast)
	{
		BitSet kept = kept(pairs, patch, stride, scale, minContrast);
		return kept == null ? count(pairs, patch, stride) : kept.cardinality();
	}

	/**
	 * Which patches, in the order they are cut (pair by pair, row by row), vary by at least
	 * {@code minContrast}; null when that keeps every patch ({@code minContrast} 0).
	 */
	private static BitSet kept(List<TrainingPair> pairs, int patch, int stride, int scale,
		double minContrast)
	{
		if (!(minContrast > 0)) return null;
		BitSet kept = new BitSet();
		int i = 0;
		for (TrainingPair p : pairs) {
			FloatPlane lr = p.lowRes();
			for (int y = 0; y + patch <= lr.height(); y += stride)
				for (int x = 0; x + patch <= lr.width(); x += stride)
					kept.set(i++, detailed(p.highRes(), x * scale, y * scale, patch * scale, minContrast));
		}
		return kept;
	}

	/**
	 * Whether the square of {@code size} at (x, y) of a high-resolution luma image on [0, 1]
	 * has a standard deviation of at least {@code minContrast} grey levels (of 255): flat patches
	 * (sky, mist, out-of-focus backgrounds) teach the network little.
	 */
	static boolean detailed(FloatPlane hr, int x, int y, int size, double minContrast) {
		double sum = 0, squares = 0;
		float[] d = hr.data();
		for (int row = 0; row < size; row++) {
			int o = (y + row) * hr.width() + x;
			for (int i = 0; i < size; i++) {
				double v = d[o + i];
				sum += v;
				squares += v * v;
			}
		}
		int n = size * size;
		double mean = sum / n, variance = Math.max(0, squares / n - mean * mean);
		return Math.sqrt(variance) * 255 >= minContrast;
	}

	private static int positions(int size, int patch, int stride) {
		return size < patch ? 0 : (size - patch) / stride + 1;
	}

	private static void copy(FloatPlane src, int x, int y, int size, float[] dst, int offset) {
		for (int row = 0; row < size; row++)
			System.arraycopy(src.data(), (y + row) * src.width() + x, dst, offset + row * size, size);
	}

	int size() {
		return count;
	}

	int patch() {
		return patch;
	}

	/** A permutation of the patches for {@code epoch}, fixed by {@code seed}. */
	int[] order(long seed, int epoch) {
		int[] idx = new int[count];
		for (int i = 0; i < count; i++)
			idx[i] = i;
		Random r = new Random(seed * 1_000_003L + epoch);
		for (int i = count - 1; i > 0; i--) {
			int j = r.nextInt(i + 1);
			int t = idx[i];
			idx[i] = idx[j];
			idx[j] = t;
		}
		return idx;
	}

	/**
	 * Fills {@code lr} and {@code hr} with the patches {@code order[from, from + n)}, each under
	 * the dihedral transform {@code transforms[i]} (0 = identity; 0-7 = rotations and flips).
	 */
	void fill(int[] order, int from, int n, int[] transforms, float[] lr, float[] hr) {
		int lp = patch * patch, hs = patch * scale, hp = hs * hs;
		for (int i = 0; i < n; i++) {
			int id = order[from + i];
			int t = transforms == null ? 0 : transforms[i];
			transform(lowRes, id * lp, patch, t, lr, i * lp);
			transform(highRes, id * hp, hs, t, hr, i * hp);
		}
	}

	/** Copies a square patch under one of the 8 symmetries of the square. */
	static void transform(float[] src, int offset, int size, int t, float[] dst, int dstOffset) {
		if (t == 0) {
			System.arraycopy(src, offset, dst, dstOffset, size * size);
			return;
		}
		int m = size - 1;
		for (int y = 0; y < size; y++)
			for (int x = 0; x < size; x++) {
				int sx, sy;
				switch (t) {
					case 1: sx = m - x; sy = y; break;          // flip left-right
					case 2: sx = x; sy = m - y; break;          // flip up-down
					case 3: sx = m - x; sy = m - y; break;      // rotate 180
					case 4: sx = y; sy = x; break;              // transpose
					case 5: sx = y; sy = m - x; break;          // rotate 90
					case 6: sx = m - y; sy = x; break;          // rotate 270
					case 7: sx = m - y; sy = m - x; break;      // anti-transpose
					default: throw new IllegalArgumentException("Transform " + t);
				}
				dst[dstOffset + y * size + x] = src[offset + sy * size + sx];
			}
	}
}
