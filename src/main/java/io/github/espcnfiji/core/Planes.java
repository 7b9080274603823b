package io.github.espcnfiji.core;

import net.imglib2.Cursor;
import net.imglib2.Dimensions;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Copies the XY planes of an n-dimensional image to and from flat row-major arrays. Plane
 * {@code i} is the plane at the position of dimensions 2, 3, ... that dimension 2 varies fastest
 * in, as in {@link PlanarImg}. Images backed by Java arrays (ArrayImg, PlanarImg) are copied
 * through their arrays; others through a flat-iteration cursor over the plane's view.
 */
public final class Planes {

	private Planes() {}

	/** The number of XY planes: the product of the dimensions after X and Y. */
	public static long count(Dimensions d) {
		long n = 1;
		for (int i = 2; i < d.numDimensions(); i++)
			n *= d.dimension(i);
		return n;
	}

	/** The samples of plane {@code plane} of a zero-min image as floats. */
	public static <T extends RealType<T>> float[] readReal(RandomAccessibleInterval<T> image,
		long plane)
	{
		return readReal(image, plane, 0, 0, (int) image.dimension(0), (int) image.dimension(1));
	}

	/**
	 * The samples of the rectangle {@code (x, y, w, h)} of plane {@code plane} of a zero-min
	 * image as floats, row-major.
	 */
	static <T extends RealType<T>> float[] readReal(RandomAccessibleInterval<T> image, long plane,
		int x, int y, int w, int h)
	{
		float[] out = new float[w * h];
		Object array = storage(image, plane);
		if (array instanceof byte[] || array instanceof short[] || array instanceof float[]) {
			int offset = offset(image, plane), width = (int) image.dimension(0);
			for (int row = 0; row < h; row++) {
				int from = offset + (y + row) * width + x, to = row * w;
				if (array instanceof byte[]) {
					byte[] a = (byte[]) array;
					for (int i = 0; i < w; i++)
						out[to + i] = a[from + i] & 0xff;
				}
				else if (array instanceof short[]) {
					short[] a = (short[]) array;
					for (int i = 0; i < w; i++)
						out[to + i] = a[from + i] & 0xffff;
				}
				else System.arraycopy(array, from, out, to, w);
			}
			return out;
		}
		Cursor<T> c = Views.flatIterable(region(image, plane, x, y, w, h)).cursor();
		for (int i = 0; i < out.length; i++)
			out[i] = c.next().getRealFloat();
		return out;
	}

	/**
	 * Writes the rectangle {@code (vx, vy, w, h)} of {@code values} (already rounded and clamped
	 * for integer types) into the rectangle {@code (x, y, w, h)} of plane {@code plane} of an
	 * image made by {@link SuperResolver}.
	 */
	static <T extends RealType<T>> void writeReal(FloatPlane values, int vx, int vy,
		RandomAccessibleInterval<T> image, long plane, int x, int y, int w, int h)
	{
		Object array = storage(image, plane);
		float[] v = values.data();
		int vw = values.width();
		if (array != null) {
			int offset = offset(image, plane), width = (int) image.dimension(0);
			for (int row = 0; row < h; row++) {
				int from = (vy + row) * vw + vx, to = offset + (y + row) * width + x;
				if (array instanceof byte[]) {
					byte[] a = (byte[]) array;
					for (int i = 0; i < w; i++)
						a[to + i] = (byte) (int) v[from + i];
				}
				else if (array instanceof short[]) {
					short[] a = (short[]) array;
					for (int i = 0; i < w; i++)
						a[to + i] = (short) (int) v[from + i];
				}
				else System.arraycopy(v, from, array, to, w);
			}
			return;
		}
		Cursor<T> c = Views.flatIterable(region(image, plane, x, y, w, h)).cursor();
		for (int row = 0; row < h; row++)
			for (int i = 0; i < w; i++)
				c.next().setReal(v[(vy + row) * vw + vx + i]);
	}

	/** The packed ARGB values of plane {@code plane} of a zero-min image. */
	public static int[] readArgb(RandomAccessibleInterval<ARGBType> image, long plane) {
		return readArgb(image, plane, 0, 0, (int) image.dimension(0), (int) image.dimension(1));
	}

	/** The packed ARGB values of the rectangle {@code (x, y, w, h)} of plane {@code plane}. */
	static int[] readArgb(RandomAccessibleInterval<ARGBType> image, long plane, int x, int y,
		int w, int h)
	{
		return readArgb(image, plane, x, y, w, h, new int[w * h]);
	}

	/**
	 * As {@link #readArgb(RandomAccessibleInterval, long, int, int, int, int)}, into the first
	 * {@code w * h} elements of {@code out}, which it returns.
	 */
	static int[] readArgb(RandomAccessibleInterval<ARGBType> image, long plane, int x, int y,
		int w, int h, int[] out)
	{
		Object array = storage(image, plane);
		if (array instanceof int[]) {
			int offset = offset(image, plane), width = (int) image.dimension(0);
			for (int row = 0; row < h; row++)
				System.arraycopy(array, offset + (y + row) * width + x, out, row * w, w);
			return out;
		}
		Cursor<ARGBType> c = Views.flatIterable(region(image, plane, x, y, w, h)).cursor();
		for (int i = 0; i < w * h; i++)
			out[i] = c.next().get();
		return out;
	}

	/**
	 * The int[] holding plane {@code plane} of an ARGB image row by row from
	 * {@link #argbOffset}, with rows {@code image.dimension(0)} apart, or null when the image is
	 * not backed by such an array (then use {@link #writeArgb}).
	 */
	static int[] argbArray(RandomAccessibleInterval<ARGBType> image, long plane) {
		Object array = storage(image, plane);
		return array instanceof int[] ? (int[]) array : null;
	}

	/** Where plane {@code plane} starts in the array {@link #argbArray} returns. */
	static int argbOffset(RandomAccessibleInterval<ARGBType> image, long plane) {
		return offset(image, plane);
	}

	private static <T> RandomAccessibleInterval<T> region(RandomAccessibleInterval<T> image,
		long plane, int x, int y, int w, int h)
	{
		return Views.interval(slice(image, plane), new long[] { x, y }, new long[] { x + w - 1, y +
			h - 1 });
	}

	/** The plane's view: the image with dimensions 2, 3, ... fixed. */
	private static <T> RandomAccessibleInterval<T> slice(RandomAccessibleInterval<T> image,
		long plane)
	{
		long[] position = position(image, plane);
		RandomAccessibleInterval<T> view = image;
		for (int d = image.numDimensions() - 1; d >= 2; d--)
			view = Views.hyperSlice(view, d, position[d]);
		return view;
	}

	private static long[] position(Dimensions image, long plane) {
		long[] position = new long[image.numDimensions()];
		long rest = plane;
		for (int d = 2; d < position.length; d++) {
			position[d] = rest % image.dimension(d);
			rest /= image.dimension(d);
		}
		return position;
	}

	/**
	 * The Java array holding the plane, or null when the image is not backed by an array of the
	 * kind its pixel type is read from (byte[] for UnsignedByteType, short[] for
	 * UnsignedShortType, float[] for FloatType, int[] for ARGBType).
	 */
	private static Object storage(RandomAccessibleInterval<?> image, long plane) {
		Object access = null;
		if (image instanceof PlanarImg) access = ((PlanarImg<?, ?>) image).getPlane((int) plane);
		else if (image instanceof ArrayImg) access = ((ArrayImg<?, ?>) image).update(null);
		if (!(access instanceof ArrayDataAccess)) return null;
		Object array = ((ArrayDataAccess<?>) access).getCurrentStorageArray();
		Object type = image.getType();
		boolean matches = type instanceof UnsignedByteType ? array instanceof byte[]
			: type instanceof UnsignedShortType ? array instanceof short[] : type instanceof FloatType
				? array instanceof float[] : type instanceof ARGBType && array instanceof int[];
		return matches ? array : null;
	}

	/** Where the plane starts in the array {@link #storage} returns. */
	private static int offset(RandomAccessibleInterval<?> image, long plane) {
		return image instanceof PlanarImg ? 0 : Math.toIntExact(plane * image.dimension(0) * image
			.dimension(1));
	}
}
