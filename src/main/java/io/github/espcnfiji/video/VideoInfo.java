package io.github.espcnfiji.video;

import java.util.Locale;

/**
 * What a source knows of its video before decoding it: frame size, number of frames (when
 * known), frame rate, the YUV layout of YUV sources, and the pixel aspect ratio when the source
 * states one. Immutable.
 */
public final class VideoInfo {

	/** The frame rate assumed where a source states none (folders of frames): 25 frames/s. */
	public static final int DEFAULT_FPS = 25;

	private final int width;
	private final int height;
	private final long frames;
	private final int rateNumerator;
	private final int rateDenominator;
	private final Chroma chroma;
	private final String aspect;

	/**
	 * @param frames the number of frames, or -1 when unknown
	 * @param rateNumerator frames per {@code rateDenominator} seconds, both positive
	 * @param chroma the layout of a YUV source, null for sources of images
	 * @param aspect the pixel aspect ratio as {@code N:D}, or null when not stated
	 */
	public VideoInfo(int width, int height, long frames, int rateNumerator, int rateDenominator,
		Chroma chroma, String aspect)
	{
		if (width < 1 || height < 1) throw new IllegalArgumentException("Empty frames: " + width +
			"x" + height);
		if (frames < -1) throw new IllegalArgumentException("Bad frame count " + frames);
		if (rateNumerator < 1 || rateDenominator < 1) throw new IllegalArgumentException(
			"Frame rate must be positive, got " + rateNumerator + ":" + rateDenominator);
		this.width = width;
		this.height = height;
		this.frames = frames;
		this.rateNumerator = rateNumerator;
		this.rateDenominator = rateDenominator;
		this.chroma = chroma;
		this.aspect = aspect;
	}

	/** A source of images at {@code fps} frames per second (rounded to 1/1000). */
	public static VideoInfo ofImages(int width, int height, long frames, double fps) {
		if (!(fps > 0) || Double.isInfinite(fps)) fps = DEFAULT_FPS;
		int num = (int) Math.round(fps * 1000), den = 1000;
		int g = gcd(num, den);
		return new VideoInfo(width, height, frames, num / g, den / g, null, null);
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	/** The number of frames, -1 when unknown. */
	public long frames() {
		return frames;
	}

	public int rateNumerator() {
		return rateNumerator;
	}

	public int rateDenominator() {
		return rateDenominator;
	}

	public double fps() {
		return rateNumerator / (double) rateDenominator;
	}

	/** The YUV layout of a YUV source; null for a source of images. */
	public Chroma chroma() {
		return chroma;
	}

	/** The pixel aspect ratio {@code N:D}; null when not stated. */
	public String aspect() {
		return aspect;
	}

	/** The same video with frames {@code scale} times larger (pixel aspect unchanged). */
	public VideoInfo scaled(int scale) {
		return new VideoInfo(Math.multiplyExact(width, scale), Math.multiplyExact(height, scale),
			frames, rateNumerator, rateDenominator, chroma, aspect);
	}

	/** The same video with {@code frames} frames (-1: unknown). */
	public VideoInfo withFrames(long frames) {
		return new VideoInfo(width, height, frames, rateNumerator, rateDenominator, chroma, aspect);
	}

	/** The same video with at most {@code limit} frames. */
	public VideoInfo limitedTo(long limit) {
		return withFrames(frames < 0 ? -1 : Math.min(frames, limit));
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "%dx%d, %s frames, %.3g fps%s", width, height, frames < 0
			? "?" : Long.toString(frames), fps(), chroma == null ? "" : ", YUV C" + chroma.tag());
	}

	private static int gcd(int a, int b) {
		return b == 0 ? a : gcd(b, a % b);
	}
}
