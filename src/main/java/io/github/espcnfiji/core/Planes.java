package io.github.espcnfiji.core;

import net.imglib2.Cursor;
import net.imglib2.Dimensions;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
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
		int w = (int) image.dimension(0), h = (int) image.dimension(1);
		float[] out = new float[w * h];
		Object array = storage(image, plane);
		if (array instanceof byte[] || array instanceof short[] || array instanceof float[]) {
			int offset = offset(image, plane);
			if (array instanceof byte[]) {
				byte[] a = (byte[]) array;
				for (int i = 0; i < out.length; i++)
					out[i] = a[offset + i] & 0xff;
			}
			else if (array instanceof short[]) {
				short[] a = (short[]) array;
				for (int i = 0; i < out.length; i++)
					out[i] = a[offset + i] & 0xffff;
			}
			else System.arraycopy(array, offset, out, 0, out.length);
			return out;
		}
		Cursor<T> c = Views.flatIterable(slice(image, plane)).cursor();
		for (int i = 0; i < out.length; i++)
			out[i] = c.next().getRealFloat();
		return out;
	}

	/**
	 * Writes {@code values} (already rounded and clamped for integer types) into plane
	 * {@code plane} of an image made by {@link #create}.
	 */
	static <T extends RealType<T>> void writeReal(float[] values, Img<T> image, long plane) {
		Object array = storage(image, plane);
		int offset = offset(image, plane);
		if (array instanceof byte[]) {
			byte[] a = (byte[]) array;
			for (int i = 0; i < values.length; i++)
				a[offset + i] = (byte) (int) values[i];
		}
		else if (array instanceof short[]) {
			short[] a = (short[]) array;
			for (int i = 0; i < values.length; i++)
				a[offset + i] = (short) (int) values[i];
		}
		else if (array instanceof float[]) System.arraycopy(values, 0, array, offset, values.length);
		else {
			Cursor<T> c = Views.flatIterable(slice(image, plane)).cursor();
			for (float v : values)
				c.next().setReal(v);
		}
	}

	/** The packed ARGB values of plane {@code plane} of a zero-min image. */
	public static int[] readArgb(RandomAccessibleInterval<ARGBType> image, long plane) {
		int w = (int) image.dimension(0), h = (int) image.dimension(1);
		Object array = storage(image, plane);
		if (array instanceof int[]) {
			int[] out = new int[w * h];
			System.arraycopy(array, offset(image, plane), out, 0, out.length);
			return out;
		}
		int[] out = new int[w * h];
		Cursor<ARGBType> c = Views.flatIterable(slice(image, plane)).cursor();
		for (int i = 0; i < out.length; i++)
			out[i] = c.next().get();
		return out;
	}

	/** Writes packed ARGB values into plane {@code plane} of an image made by {@link #create}. */
	static void writeArgb(int[] values, Img<ARGBType> image, long plane) {
		Object array = storage(image, plane);
		if (array instanceof int[]) System.arraycopy(values, 0, array, offset(image, plane),
			values.length);
		else {
			Cursor<ARGBType> c = Views.flatIterable(slice(image, plane)).cursor();
			for (int v : values)
				c.next().set(v);
		}
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
