package io.github.espcnfiji.video;

import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.MatlabResize;
import io.github.espcnfiji.core.Quantize;
import io.github.espcnfiji.core.YCbCr;

import java.util.Arrays;

/**
 * One 8-bit YCbCr picture as a YUV video stores it: a luma plane and, unless the layout is
 * {@link Chroma#MONO}, Cb and Cr planes of the layout's size. Values follow ITU-R BT.601 as
 * {@link YCbCr} converts them (luma 16-235 for RGB 0-255).
 * <p>
 * Chroma is resampled by MATLAB-style bicubic ({@link MatlabResize#resize}) wherever a plane
 * changes size: when the layout changes, and when a 4:2:0 picture becomes RGB. The arrays are
 * shared, not copied.
 */
public final class YuvPicture {

	private final Chroma chroma;
	private final int width;
	private final int height;
	private final byte[] y;
	private final byte[] cb;
	private final byte[] cr;

	/**
	 * @param cb null for {@link Chroma#MONO}, else {@code chroma.chromaWidth(width) x
	 *          chroma.chromaHeight(height)} samples; so {@code cr}
	 */
	public YuvPicture(Chroma chroma, int width, int height, byte[] y, byte[] cb, byte[] cr) {
		if (width < 1 || height < 1) throw new IllegalArgumentException("Empty picture: " + width +
			"x" + height);
		if (y.length != (long) width * height) throw new IllegalArgumentException("A " + width +
			"x" + height + " luma plane needs " + (long) width * height + " bytes, got " + y.length);
		int n = chroma.chromaWidth(width) * chroma.chromaHeight(height);
		if (chroma.hasChroma() ? cb == null || cr == null || cb.length != n || cr.length != n
			: cb != null || cr != null) throw new IllegalArgumentException("A " + width + "x" +
				height + " picture in C" + chroma.tag() + " needs chroma planes of " + n + " bytes");
		this.chroma = chroma;
		this.width = width;
		this.height = height;
		this.y = y;
		this.cb = cb;
		this.cr = cr;
	}

	/** A picture of rounded and clamped planes on 0-255 (chroma planes null for mono). */
	public static YuvPicture of(Chroma chroma, FloatPlane y, FloatPlane cb, FloatPlane cr) {
		return new YuvPicture(chroma, y.width(), y.height(), bytes(y), cb == null ? null : bytes(
			cb), cr == null ? null : bytes(cr));
	}

	/**
	 * The picture of R, G, B planes on 0-255 in the given layout: BT.601 YCbCr, chroma shrunk to
	 * the layout's size.
	 */
	public static YuvPicture fromRgb(FloatPlane r, FloatPlane g, FloatPlane b, Chroma chroma) {
		FloatPlane[] ycc = YCbCr.fromRgb(r, g, b);
		int w = r.width(), h = r.height();
		if (!chroma.hasChroma()) return of(chroma, ycc[0], null, null);
		return of(chroma, ycc[0], resize(ycc[1], chroma.chromaWidth(w), chroma.chromaHeight(h)),
			resize(ycc[2], chroma.chromaWidth(w), chroma.chromaHeight(h)));
	}

	public Chroma chroma() {
		return chroma;
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	/** The luma bytes, row-major; shared. */
	public byte[] yBytes() {
		return y;
	}

	/** The Cb bytes, row-major; shared; null for mono. */
	public byte[] cbBytes() {
		return cb;
	}

	/** The Cr bytes, row-major; shared; null for mono. */
	public byte[] crBytes() {
		return cr;
	}

	/** The luma on 0-255. */
	public FloatPlane luma() {
		return plane(y, width, height);
	}

	/** The Cb plane on 0-255, of the layout's chroma size; a neutral full-size plane for mono. */
	public FloatPlane cb() {
		return chroma.hasChroma() ? plane(cb, chroma.chromaWidth(width), chroma.chromaHeight(
			height)) : neutral();
	}

	/** The Cr plane on 0-255, as {@link #cb()}. */
	public FloatPlane cr() {
		return chroma.hasChroma() ? plane(cr, chroma.chromaWidth(width), chroma.chromaHeight(
			height)) : neutral();
	}

	/** The same picture in another layout (itself when the layout is the same). */
	public YuvPicture withChroma(Chroma target) {
		if (target == chroma) return this;
		if (!target.hasChroma()) return new YuvPicture(target, width, height, y, null, null);
		int cw = target.chromaWidth(width), ch = target.chromaHeight(height);
		return new YuvPicture(target, width, height, y, bytes(resize(cb(), cw, ch)), bytes(resize(
			cr(), cw, ch)));
	}

	/** The picture as packed RGB (alpha 255): chroma enlarged to full size, BT.601, rounded. */
	public int[] toArgb() {
		FloatPlane[] rgb = YCbCr.toRgb(luma(), resize(cb(), width, height), resize(cr(), width,
			height));
		float[] r = rgb[0].data(), g = rgb[1].data(), b = rgb[2].data();
		int[] out = new int[width * height];
		for (int i = 0; i < out.length; i++)
			out[i] = 0xff000000 | (int) Quantize.roundClamp(r[i], 0, 255) << 16 | (int) Quantize
				.roundClamp(g[i], 0, 255) << 8 | (int) Quantize.roundClamp(b[i], 0, 255);
		return out;
	}

	private FloatPlane neutral() {
		float[] v = new float[width * height];
		Arrays.fill(v, 128f);
		return new FloatPlane(v, width, height);
	}

	private static FloatPlane resize(FloatPlane p, int w, int h) {
		return p.width() == w && p.height() == h ? p : MatlabResize.resize(p, w, h);
	}

	private static FloatPlane plane(byte[] b, int w, int h) {
		float[] v = new float[b.length];
		for (int i = 0; i < v.length; i++)
			v[i] = b[i] & 0xff;
		return new FloatPlane(v, w, h);
	}

	/** A plane rounded and clamped to 0-255, as {@link #of} stores it. */
	static byte[] bytes(FloatPlane p) {
		float[] v = p.data();
		byte[] out = new byte[v.length];
		for (int i = 0; i < v.length; i++)
			out[i] = (byte) Quantize.roundClamp(v[i], 0, 255);
		return out;
	}
}
