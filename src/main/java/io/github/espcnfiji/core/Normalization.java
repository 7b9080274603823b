package io.github.espcnfiji.core;

import java.util.Arrays;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * How gray intensities map to the network's [0, 1] range and back.
 * <ul>
 * <li><b>8-bit</b>: {@code u = v / 255}; back {@code v = 255 u}, rounded half up and clamped to
 * [0, 255]. The mapping is fixed, as in training, so 8-bit results do not depend on the image's
 * contrast.</li>
 * <li><b>16-bit</b>: {@code u = (v - min) / (max - min)} with {@code min} and {@code max} taken
 * over the whole input (all planes of a stack or hyperstack, so that slices stay consistent);
 * back {@code v = min + (max - min) u}, rounded half up and clamped to [0, 65535]. Results may
 * reach beyond [min, max] where the network overshoots.</li>
 * <li><b>32-bit float</b>: min-max over the whole input as for 16-bit; back with the same
 * formula, neither rounded nor clamped. NaN pixels are rejected (replace them first, e.g. with
 * <i>Process &gt; Math &gt; Remove NaNs</i>), and so are infinite ones, since they leave no
 * finite range to map.</li>
 * <li><b>Videos</b> (frames of an ImageJ time series, folders of 16-bit or 32-bit frames) take
 * min and max over every frame ({@link #spanning}), as a stack does: the same stack gives the
 * same pixels as a video and as an image.</li>
 * <li><b>Constant images</b> ({@code max == min}) map to 0 and come back as exactly that
 * constant, whatever the network makes of them.</li>
 * </ul>
 */
public final class Normalization implements java.io.Serializable {

	private static final long serialVersionUID = 1L;

	/** The pixel types the mapping is defined for. */
	public enum Kind {
		UNSIGNED_BYTE, UNSIGNED_SHORT, FLOAT
	}

	private final Kind kind;
	private final double min;
	private final double max;

	private Normalization(Kind kind, double min, double max) {
		this.kind = kind;
		this.min = min;
		this.max = max;
	}

	/** The fixed 8-bit mapping {@code v / 255}. */
	public static Normalization unsignedByte() {
		return new Normalization(Kind.UNSIGNED_BYTE, 0, 255);
	}

	/** The 16-bit mapping of [min, max] onto [0, 1]. */
	public static Normalization unsignedShort(int min, int max) {
		if (min < 0 || max > 65535 || min > max)
			throw new IllegalArgumentException("16-bit range must lie in [0, 65535] with min <= max, got [" +
				min + ", " + max + "]");
		return new Normalization(Kind.UNSIGNED_SHORT, min, max);
	}

	/** The 32-bit float mapping of [min, max] onto [0, 1]. */
	public static Normalization floating(double min, double max) {
		if (!Double.isFinite(min) || !Double.isFinite(max) || min > max)
			throw new IllegalArgumentException("Float range must be finite with min <= max, got [" +
				min + ", " + max + "]");
		return new Normalization(Kind.FLOAT, min, max);
	}

	/**
	 * The mapping for {@code image}: by its pixel type, with min and max over all its pixels for
	 * 16-bit and float.
	 *
	 * @throws IllegalArgumentException for other pixel types, and for float images with NaN or
	 *           infinite pixels
	 */
	public static <T extends RealType<T>> Normalization of(RandomAccessibleInterval<T> image) {
		T type = image.getType();
		if (type instanceof UnsignedByteType) return unsignedByte();
		if (!(type instanceof UnsignedShortType) && !(type instanceof FloatType))
			throw unsupported(type);
		double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
		for (T t : Views.flatIterable(image)) {
			double v = t.getRealDouble();
			if (v < lo) lo = v;
			if (v > hi) hi = v;
			if (!Double.isFinite(v)) {
				if (Double.isNaN(v))
					throw new IllegalArgumentException("The image contains NaN pixels, which have " +
						"no intensity to super-resolve; replace them first (e.g. Process > Math > " +
						"Remove NaNs) and run again");
				throw new IllegalArgumentException("The image contains infinite pixels, which " +
					"leave no finite intensity range; replace them first and run again");
			}
		}
		return type instanceof UnsignedShortType ? unsignedShort((int) lo, (int) hi) : floating(lo,
			hi);
	}

	/**
	 * The mapping whose range spans this one's and {@code other}'s: folded over the frames of a
	 * video, it gives the whole series' range, as a stack gets.
	 *
	 * @throws IllegalArgumentException when the two are for different pixel types
	 */
	public Normalization spanning(Normalization other) {
		if (other.kind != kind) throw new IllegalArgumentException("Cannot span a " + kind +
			" range with a " + other.kind + " range: every frame must have the same pixel type");
		return kind == Kind.UNSIGNED_BYTE ? this : new Normalization(kind, Math.min(min, other.min),
			Math.max(max, other.max));
	}

	/** Whether this mapping is for images of {@code type}'s kind. */
	public boolean isFor(Object type) {
		switch (kind) {
			case UNSIGNED_BYTE:
				return type instanceof UnsignedByteType;
			case UNSIGNED_SHORT:
				return type instanceof UnsignedShortType;
			default:
				return type instanceof FloatType;
		}
	}

	/** The message for pixel types other than 8-bit, 16-bit and 32-bit float gray. */
	static IllegalArgumentException unsupported(Object type) {
		return new IllegalArgumentException("Pixel type " + type.getClass().getSimpleName() +
			" is not supported: convert the image to 8-bit, 16-bit or 32-bit gray, or to RGB color");
	}

	public Kind kind() {
		return kind;
	}

	/** The value that maps to 0. */
	public double min() {
		return min;
	}

	/** The value that maps to 1 (equal to {@link #min()} for constant images). */
	public double max() {
		return max;
	}

	/** Maps intensities to the network's range, in place. */
	public void toUnit(float[] values) {
		double range = max - min;
		for (int i = 0; i < values.length; i++)
			values[i] = range == 0 ? 0f : (float) ((values[i] - min) / range);
	}

	/** Maps network outputs back to intensities of the pixel type, in place. */
	public void fromUnit(float[] values) {
		double range = max - min;
		if (range == 0) {
			Arrays.fill(values, (float) min);
			return;
		}
		for (int i = 0; i < values.length; i++) {
			double v = min + range * values[i];
			switch (kind) {
				case UNSIGNED_BYTE:
					values[i] = roundClamp(v, 255);
					break;
				case UNSIGNED_SHORT:
					values[i] = roundClamp(v, 65535);
					break;
				default:
					values[i] = (float) v;
			}
		}
	}

	/** Rounds half up and clamps to [0, top]; NaN becomes 0. */
	private static float roundClamp(double v, int top) {
		if (!(v > 0)) return 0;
		if (v >= top) return top;
		return (float) Math.floor(v + 0.5);
	}

	@Override
	public String toString() {
		return kind + " [" + min + ", " + max + "] -> [0, 1]";
	}
}
