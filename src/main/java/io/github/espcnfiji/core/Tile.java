package io.github.espcnfiji.core;

/**
 * One tile of a plane, in input pixels: its centre {@code [x0, x1) x [y0, y1)}, whose upscaled
 * pixels the tile provides, and its context, the centre widened by the halo on every side where
 * the plane continues. An upscaler reads the context and writes the centre, times the scale.
 */
public final class Tile {

	private final int x0, y0, x1, y1, halo;
	private final int contextX, contextY, contextWidth, contextHeight;

	/**
	 * The tile with centre {@code [x0, x1) x [y0, y1)} of a {@code width x height} plane.
	 *
	 * @throws IllegalArgumentException when the centre is empty or leaves the plane, or the halo
	 *           is negative
	 */
	public Tile(int x0, int y0, int x1, int y1, int halo, int width, int height) {
		if (x0 < 0 || y0 < 0 || x1 <= x0 || y1 <= y0 || x1 > width || y1 > height || halo < 0)
			throw new IllegalArgumentException("Tile [" + x0 + ", " + x1 + ") x [" + y0 + ", " + y1 +
				") with halo " + halo + " does not fit a " + width + "x" + height + " plane");
		this.x0 = x0;
		this.y0 = y0;
		this.x1 = x1;
		this.y1 = y1;
		this.halo = halo;
		contextX = Math.max(0, x0 - halo);
		contextY = Math.max(0, y0 - halo);
		contextWidth = Math.min(width, x1 + halo) - contextX;
		contextHeight = Math.min(height, y1 + halo) - contextY;
	}

	/** The whole {@code width x height} plane as one tile. */
	public static Tile whole(int width, int height) {
		return new Tile(0, 0, width, height, 0, width, height);
	}

	public int x0() {
		return x0;
	}

	public int y0() {
		return y0;
	}

	public int x1() {
		return x1;
	}

	public int y1() {
		return y1;
	}

	public int width() {
		return x1 - x0;
	}

	public int height() {
		return y1 - y0;
	}

	public int contextX() {
		return contextX;
	}

	public int contextY() {
		return contextY;
	}

	public int contextWidth() {
		return contextWidth;
	}

	public int contextHeight() {
		return contextHeight;
	}

	/**
	 * This tile within its own context, cut out as a plane: the same centre, in the context's
	 * coordinates, whose context is the whole cut-out.
	 */
	public Tile inContext() {
		return new Tile(x0 - contextX, y0 - contextY, x1 - contextX, y1 - contextY, halo,
			contextWidth, contextHeight);
	}

	/** The context cut out of {@code plane} (a copy). */
	public FloatPlane context(FloatPlane plane) {
		return plane.crop(contextX, contextY, contextWidth, contextHeight);
	}

	/**
	 * Writes the centre of {@code upscaledContext} (the context upscaled by {@code scale}) into
	 * {@code out} (the whole plane upscaled) at its place.
	 */
	public void writeCentre(FloatPlane upscaledContext, int scale, FloatPlane out) {
		if (upscaledContext.width() != contextWidth * scale || upscaledContext
			.height() != contextHeight * scale)
			throw new IllegalStateException("Upscaler made " + upscaledContext.width() + "x" +
				upscaledContext.height() + " from " + contextWidth + "x" + contextHeight +
				" at scale " + scale);
		float[] from = upscaledContext.data(), to = out.data();
		int sx = (x0 - contextX) * scale, sy = (y0 - contextY) * scale, w = width() * scale;
		for (int row = 0; row < height() * scale; row++)
			System.arraycopy(from, (sy + row) * upscaledContext.width() + sx, to, (y0 * scale + row) *
				out.width() + x0 * scale, w);
	}

	@Override
	public String toString() {
		return "Tile[" + x0 + ", " + x1 + ") x [" + y0 + ", " + y1 + ") in " + contextWidth + "x" +
			contextHeight + "+" + contextX + "+" + contextY;
	}
}
