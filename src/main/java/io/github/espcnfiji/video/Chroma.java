package io.github.espcnfiji.video;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The chroma layouts of 8-bit YUV video that this package reads and writes, named as in the
 * {@code C} tag of a YUV4MPEG2 header. The 4:2:0 variants differ only in where the chroma samples
 * sit; they are stored alike (one Cb and one Cr sample per 2x2 luma block, sides rounded up) and
 * resampled alike here. {@link #MONO} has no chroma planes (neutral colour).
 */
public enum Chroma {

	C420JPEG("420jpeg", 2), C420PALDV("420paldv", 2), C420MPEG2("420mpeg2", 2), C420("420", 2),
	C444("444", 1), MONO("mono", 0);

	/** The layout a y4m header without a {@code C} tag has, and the default for new files. */
	public static final Chroma DEFAULT = C420JPEG;

	private final String tag;
	private final int subsampling;

	Chroma(String tag, int subsampling) {
		this.tag = tag;
		this.subsampling = subsampling;
	}

	/** The y4m tag without its {@code C}: {@code 420jpeg}, {@code 444}, ... */
	public String tag() {
		return tag;
	}

	/** Whether there are Cb and Cr planes. */
	public boolean hasChroma() {
		return subsampling > 0;
	}

	/** The width of a chroma plane for a luma plane {@code width} wide (0 for mono). */
	public int chromaWidth(int width) {
		return subsampling == 0 ? 0 : (width + subsampling - 1) / subsampling;
	}

	/** The height of a chroma plane for a luma plane {@code height} high (0 for mono). */
	public int chromaHeight(int height) {
		return subsampling == 0 ? 0 : (height + subsampling - 1) / subsampling;
	}

	/** Bytes of one picture: luma and both chroma planes. */
	public long pictureBytes(int width, int height) {
		return (long) width * height + 2L * chromaWidth(width) * chromaHeight(height);
	}

	/**
	 * The layout of a y4m {@code C} tag's value ({@code 420jpeg}, ...).
	 *
	 * @throws IllegalArgumentException for any other layout, naming the supported ones
	 */
	public static Chroma parse(String tag) {
		String t = tag.toLowerCase(Locale.ROOT);
		for (Chroma c : values())
			if (c.tag.equals(t)) return c;
		throw new IllegalArgumentException("chroma format C" + tag + " is not supported; " +
			"supported are 8-bit " + supported());
	}

	/** The supported tags, for messages. */
	public static String supported() {
		return Arrays.stream(values()).map(c -> "C" + c.tag).collect(Collectors.joining(", "));
	}
}
