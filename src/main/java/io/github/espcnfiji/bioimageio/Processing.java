package io.github.espcnfiji.bioimageio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A tensor's pre- or postprocessing steps as bioimage.io 0.5 defines them, for one-channel
 * tensors: {@code scale_linear}, {@code clip}, {@code ensure_dtype},
 * {@code fixed_zero_mean_unit_variance}, and (preprocessing only) the per-sample
 * {@code zero_mean_unit_variance} and {@code scale_range} and percentile clips. Per-sample
 * statistics are taken over the whole sample, as bioimage.io's tools do: {@link #bind} computes
 * them once, step after step, and gives element-wise operations that any tile of the sample then
 * goes through. Anything else (binarize, sigmoid, softmax, scale_mean_variance, statistics over
 * part of the axes or of another tensor) is refused with one line.
 * <pre>{@code
 * Processing pre = Processing.parse(input.get("preprocessing"), false);
 * Processing.Bound ops = pre.bind(wholePlane);   // statistics of the whole image
 * ops.apply(tile);                               // in place
 * }</pre>
 */
public final class Processing {

	private static final Set<String> NAMED_SPACE = Set.of("y", "x");

	/** One parsed step. */
	private static final class Step {

		final String id;
		final double a, b; // scale_linear gain, offset; clip min, max; fixed mean, std
		final double lowPercentile, highPercentile, eps;
		final String dtype;

		Step(String id, double a, double b, double lowPercentile, double highPercentile, double eps,
			String dtype)
		{
			this.id = id;
			this.a = a;
			this.b = b;
			this.lowPercentile = lowPercentile;
			this.highPercentile = highPercentile;
			this.eps = eps;
			this.dtype = dtype;
		}
	}

	private final List<Step> steps;

	private Processing(List<Step> steps) {
		this.steps = steps;
	}

	/** No steps. */
	public static Processing none() {
		return new Processing(List.of());
	}

	/**
	 * Reads a list of steps ({@code preprocessing} or {@code postprocessing}).
	 *
	 * @param post whether these are postprocessing steps, which may not need statistics (a tile's
	 *          output is not the whole sample)
	 * @throws InvalidPackageException naming the step when it is not supported
	 */
	public static Processing parse(RdfNode list, boolean post) throws InvalidPackageException {
		List<Step> steps = new ArrayList<>();
		for (RdfNode s : list.items()) {
			String id = s.get("id").text();
			RdfNode k = s.get("kwargs");
			switch (id) {
				case "scale_linear":
					steps.add(new Step(id, scalar(k.get("gain"), 1.0), scalar(k.get("offset"), 0.0), 0, 0, 0,
						null));
					break;
				case "fixed_zero_mean_unit_variance":
					steps.add(new Step(id, scalar(k.get("mean"), 0.0), scalar(k.get("std"), 1.0), 0, 0, k.get(
						"eps").number(1e-6), null));
					break;
				case "clip": {
					boolean percentiles = k.get("min_percentile").exists() || k.get("max_percentile")
						.exists();
					if (percentiles && post) throw statistics(s, id);
					steps.add(new Step(id, k.get("min").number(Double.NEGATIVE_INFINITY), k.get("max").number(
						Double.POSITIVE_INFINITY), k.get("min_percentile").number(Double.NaN), k.get(
							"max_percentile").number(Double.NaN), 0, null));
					break;
				}
				case "ensure_dtype":
					steps.add(new Step(id, 0, 0, 0, 0, 0, checkDtype(k.get("dtype"))));
					break;
				case "zero_mean_unit_variance":
					if (post) throw statistics(s, id);
					checkWholeSample(k);
					steps.add(new Step(id, 0, 0, 0, 0, k.get("eps").number(1e-6), null));
					break;
				case "scale_range":
					if (post) throw statistics(s, id);
					checkWholeSample(k);
					if (k.get("reference_tensor").exists()) throw k.get("reference_tensor").error(
						"is set; statistics of another tensor are not supported");
					steps.add(new Step(id, 0, 0, k.get("min_percentile").number(0), k.get("max_percentile")
						.number(100), k.get("eps").number(1e-6), null));
					break;
				default:
					throw s.get("id").error("is '" + id + "', which is not supported here (supported: " +
						"scale_linear, scale_range, zero_mean_unit_variance, " +
						"fixed_zero_mean_unit_variance, clip, ensure_dtype)");
			}
		}
		return new Processing(steps);
	}

	/** A gain, offset, mean or std: a number, or a list of one (one channel). */
	private static double scalar(RdfNode n, double orElse) throws InvalidPackageException {
		if (!n.exists()) return orElse;
		if (n.isNumber()) return n.number();
		List<RdfNode> items = n.items();
		if (items.size() != 1) throw n.error("gives " + items.size() +
			" values; only one-channel tensors are supported");
		return items.get(0).number();
	}

	private static String checkDtype(RdfNode n) throws InvalidPackageException {
		String t = n.text();
		if (range(t) == null) throw n.error("is '" + t + "', not a numeric type");
		return t;
	}

	/** The statistics must be over the whole sample: y and x (and channel, batch) reduced. */
	private static void checkWholeSample(RdfNode kwargs) throws InvalidPackageException {
		RdfNode axes = kwargs.get("axes");
		if (!axes.exists()) return;
		List<String> ids = new ArrayList<>();
		for (RdfNode a : axes.items())
			ids.add(a.text());
		if (!ids.containsAll(NAMED_SPACE)) throw axes.error("is " + ids +
			"; only statistics over the whole image (axes including y and x) are supported");
	}

	private static InvalidPackageException statistics(RdfNode step, String id) {
		return step.error("is " + id + ", which needs statistics of the whole output; only " +
			"preprocessing may use statistics");
	}

	/** The steps with their statistics taken from {@code sample} (not changed). */
	public Bound bind(float[] sample) {
		float[] current = sample.clone();
		List<Op> ops = new ArrayList<>();
		for (Step s : steps) {
			Op op = opFor(s, current);
			op.apply(current);
			ops.add(op);
		}
		return new Bound(ops);
	}

	private static Op opFor(Step s, float[] current) {
		switch (s.id) {
			case "scale_linear":
				return linear(s.a, s.b);
			case "fixed_zero_mean_unit_variance":
				return linear(1 / (s.b + s.eps), -s.a / (s.b + s.eps));
			case "clip": {
				double lo = s.a, hi = s.b;
				if (!Double.isNaN(s.lowPercentile) || !Double.isNaN(s.highPercentile)) {
					float[] sorted = sorted(current);
					if (!Double.isNaN(s.lowPercentile)) lo = percentile(sorted, s.lowPercentile);
					if (!Double.isNaN(s.highPercentile)) hi = percentile(sorted, s.highPercentile);
				}
				double min = lo, max = hi;
				return v -> v < min ? min : v > max ? max : v;
			}
			case "ensure_dtype": {
				double[] r = range(s.dtype);
				if (r[0] == Double.NEGATIVE_INFINITY) return v -> v;
				return v -> {
					double t = v < 0 ? Math.ceil(v) : Math.floor(v); // as a cast: toward zero
					return t < r[0] ? r[0] : t > r[1] ? r[1] : t;
				};
			}
			case "zero_mean_unit_variance": {
				double mean = 0;
				for (float v : current)
					mean += v;
				mean /= current.length;
				double var = 0;
				for (float v : current)
					var += (v - mean) * (v - mean);
				double std = Math.sqrt(var / current.length);
				return linear(1 / (std + s.eps), -mean / (std + s.eps));
			}
			case "scale_range": {
				float[] sorted = sorted(current);
				double lo = percentile(sorted, s.lowPercentile), hi = percentile(sorted, s.highPercentile);
				return linear(1 / (hi - lo + s.eps), -lo / (hi - lo + s.eps));
			}
			default:
				throw new AssertionError(s.id);
		}
	}

	private static Op linear(double gain, double offset) {
		return v -> v * gain + offset;
	}

	private static float[] sorted(float[] values) {
		float[] s = values.clone();
		Arrays.sort(s);
		return s;
	}

	/** NumPy's default (linear) percentile of sorted values; p in [0, 100]. */
	static double percentile(float[] sorted, double p) {
		if (sorted.length == 0) return Double.NaN;
		double index = Math.max(0, Math.min(100, p)) / 100 * (sorted.length - 1);
		int lo = (int) Math.floor(index), hi = (int) Math.ceil(index);
		return sorted[lo] + (sorted[hi] - (double) sorted[lo]) * (index - lo);
	}

	/** The representable range of a dtype (infinite for floats), or null if unknown. */
	private static double[] range(String dtype) {
		switch (dtype.toLowerCase(Locale.ROOT)) {
			case "float32": case "float64":
				return new double[] { Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY };
			case "uint8":
				return new double[] { 0, 255 };
			case "int8":
				return new double[] { -128, 127 };
			case "uint16":
				return new double[] { 0, 65535 };
			case "int16":
				return new double[] { -32768, 32767 };
			case "uint32":
				return new double[] { 0, 4294967295.0 };
			case "int32":
				return new double[] { Integer.MIN_VALUE, Integer.MAX_VALUE };
			case "uint64":
				return new double[] { 0, 18446744073709551615.0 };
			case "int64":
				return new double[] { Long.MIN_VALUE, Long.MAX_VALUE };
			default:
				return null;
		}
	}

	/** One element-wise operation. */
	private interface Op {

		double at(double v);

		default void apply(float[] values) {
			for (int i = 0; i < values.length; i++)
				values[i] = (float) at(values[i]);
		}
	}

	/** Steps whose statistics are fixed: element-wise, for any part of the sample. */
	public static final class Bound {

		private final List<Op> ops;

		private Bound(List<Op> ops) {
			this.ops = ops;
		}

		/** Applies the steps to {@code values}, in place. */
		public void apply(float[] values) {
			for (Op op : ops)
				op.apply(values);
		}
	}
}
