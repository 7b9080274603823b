package io.github.espcnfiji.core;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/**
 * A 2D plane of float samples in row-major order: the unit of work of the engine. It views the
 * same memory as an ImgLib2 image ({@link #asImg()}) without copying.
 */
public final class FloatPlane {

	private final float[] data;
	private final int width;
	private final int height;

	public FloatPlane(float[] data, int width, int height) {
		if (width < 1 || height < 1)
			throw new IllegalArgumentException("Empty plane: " + width + "x" + height);
		if (data.length != (long) width * height)
			throw new IllegalArgumentException("Plane of " + width + "x" + height + " needs " +
				(long) width * height + " samples, got " + data.length);
		this.data = data;
		this.width = width;
		this.height = height;
	}

	public static FloatPlane zeros(int width, int height) {
		return new FloatPlane(new float[Math.multiplyExact(width, height)], width, height);
	}

	/** The samples, row-major; shared, not copied. */
	public float[] data() {
		return data;
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	public float get(int x, int y) {
		return data[y * width + x];
	}

	public void set(int x, int y, float value) {
		data[y * width + x] = value;
	}

	/** A zero-copy ImgLib2 view of this plane. */
	public ArrayImg<FloatType, FloatArray> asImg() {
		return ArrayImgs.floats(data, width, height);
	}

	/** A copy of the rectangle [x, x+w) x [y, y+h). */
	public FloatPlane crop(int x, int y, int w, int h) {
		if (x < 0 || y < 0 || w < 1 || h < 1 || x + w > width || y + h > height)
			throw new IllegalArgumentException("Crop " + w + "x" + h + "+" + x + "+" + y +
				" is outside the " + width + "x" + height + " plane");
		float[] out = new float[w * h];
		for (int row = 0; row < h; row++)
			System.arraycopy(data, (y + row) * width + x, out, row * w, w);
		return new FloatPlane(out, w, h);
	}

	/** Crops to the largest size whose sides are multiples of {@code scale} (top-left kept). */
	public FloatPlane modCrop(int scale) {
		int w = width - width % scale, h = height - height % scale;
		if (w < 1 || h < 1)
			throw new IllegalArgumentException("Image of " + width + "x" + height +
				" is smaller than the scale " + scale);
		return w == width && h == height ? this : crop(0, 0, w, h);
	}

	public FloatPlane copy() {
		return new FloatPlane(data.clone(), width, height);
	}
}
