package io.github.espcnfiji.io;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.NativeImg;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Fraction;
import net.imglib2.util.Util;
import net.imglib2.view.Views;

/**
 * Zero-copy views between ImageJ 1.x images and ImgLib2.
 * <p>
 * {@code wrap*} gives a {@link PlanarImg} over the stack's own pixel arrays: writing the Img
 * writes the ImagePlus (call {@code imp.updateAndDraw()} to refresh a display). Its dimensions
 * are X, Y for one plane, and X, Y, N for a stack of N planes in ImageJ's stack order (channel
 * fastest, then slice, then frame); {@code imp.getNChannels()}, {@code getNSlices()} and
 * {@code getNFrames()} say how N splits. 8-bit is {@link UnsignedByteType}, 16-bit
 * {@link UnsignedShortType}, 32-bit {@link FloatType} and RGB {@link ARGBType}.
 * <p>
 * {@link #toImagePlus} goes back: PlanarImgs and 2D ArrayImgs of those types share their
 * arrays with the new ImagePlus; other images (other real types become 32-bit) are copied.
 * Dimensions beyond Y are flattened into the stack, the third fastest, so an X, Y, C, Z, T image
 * gives ImageJ's order; rebuild the hyperstack with
 * {@link #toImagePlus(String, RandomAccessibleInterval, int, int, int)} or
 * {@code setDimensions}.
 */
public final class ImagePlusBridge {

	private ImagePlusBridge() {}

	/** The 8-bit image's pixels as an ImgLib2 image (shared). */
	public static PlanarImg<UnsignedByteType, ByteArray> wrapBytes(ImagePlus imp) {
		PlanarImg<UnsignedByteType, ByteArray> img = planar(imp, 8, px -> new ByteArray(
			(byte[]) px));
		img.setLinkedType(new UnsignedByteType(img));
		return img;
	}

	/** The 16-bit image's pixels as an ImgLib2 image (shared). */
	public static PlanarImg<UnsignedShortType, ShortArray> wrapShorts(ImagePlus imp) {
		PlanarImg<UnsignedShortType, ShortArray> img = planar(imp, 16, px -> new ShortArray(
			(short[]) px));
		img.setLinkedType(new UnsignedShortType(img));
		return img;
	}

	/** The 32-bit image's pixels as an ImgLib2 image (shared). */
	public static PlanarImg<FloatType, FloatArray> wrapFloats(ImagePlus imp) {
		PlanarImg<FloatType, FloatArray> img = planar(imp, 32, px -> new FloatArray(
			(float[]) px));
		img.setLinkedType(new FloatType(img));
		return img;
	}

	/** The RGB image's packed pixels as an ImgLib2 image (shared). */
	public static PlanarImg<ARGBType, IntArray> wrapRgb(ImagePlus imp) {
		PlanarImg<ARGBType, IntArray> img = planar(imp, 24, px -> new IntArray((int[]) px));
		img.setLinkedType(new ARGBType(img));
		return img;
	}

	/** Any of the four wrappers, chosen by the image's bit depth. */
	public static PlanarImg<?, ?> wrap(ImagePlus imp) {
		switch (imp.getBitDepth()) {
			case 8:
				return wrapBytes(imp);
			case 16:
				return wrapShorts(imp);
			case 32:
				return wrapFloats(imp);
			case 24:
				return wrapRgb(imp);
			default:
				throw new IllegalArgumentException("Unsupported bit depth " + imp.getBitDepth() +
					" of '" + imp.getTitle() + "'");
		}
	}

	/**
	 * A new ImagePlus showing an ImgLib2 image of at least two dimensions (X, Y, then anything,
	 * flattened into the stack). Shares memory where it can (see the class comment).
	 *
	 * @throws IllegalArgumentException for fewer than 2 dimensions, planes over 2^31 pixels, or a
	 *           type other than ARGBType and real types
	 */
	public static ImagePlus toImagePlus(String title, RandomAccessibleInterval<?> img) {
		if (img.numDimensions() < 2) throw new IllegalArgumentException(
			"An ImagePlus needs X and Y; the image has " + img.numDimensions() + " dimension(s)");
		long w = img.dimension(0), h = img.dimension(1), planes = 1;
		for (int d = 2; d < img.numDimensions(); d++)
			planes *= img.dimension(d);
		if (w < 1 || h < 1 || planes < 1) throw new IllegalArgumentException("The image is empty");
		if (w * h > Integer.MAX_VALUE || planes > Integer.MAX_VALUE)
			throw new IllegalArgumentException("A " + w + "x" + h + "x" + planes +
				" image does not fit an ImageJ stack");
		Object type = Util.getTypeFromInterval(cast(img));
		ImageStack stack = new ImageStack((int) w, (int) h);
		List<Object> shared = sharedPlanes(img, type, (int) planes);
		for (int i = 0; i < planes; i++) {
			Object px = shared != null ? shared.get(i) : null;
			stack.addSlice(null, processor(type, (int) w, (int) h, px));
		}
		if (shared == null) copyInto(img, type, stack);
		return new ImagePlus(title, stack);
	}

	/**
	 * As {@link #toImagePlus(String, RandomAccessibleInterval)}, and the stack (which must hold
	 * {@code channels * slices * frames} planes) is made a hyperstack of those dimensions.
	 */
	public static ImagePlus toImagePlus(String title, RandomAccessibleInterval<?> img,
		int channels, int slices, int frames)
	{
		ImagePlus imp = toImagePlus(title, img);
		if ((long) channels * slices * frames != imp.getStackSize() || channels < 1 || slices < 1 ||
			frames < 1) throw new IllegalArgumentException(channels + " channels x " + slices +
				" slices x " + frames + " frames do not match the " + imp.getStackSize() +
				" planes of the image");
		imp.setDimensions(channels, slices, frames);
		if (imp.getNDimensions() > 3) imp.setOpenAsHyperStack(true);
		return imp;
	}

	private static <A extends ArrayDataAccess<A>, T extends NativeType<T>> PlanarImg<T, A> planar(
		ImagePlus imp, int bitDepth, Function<Object, A> access)
	{
		if (imp.getBitDepth() != bitDepth) throw new IllegalArgumentException("'" + imp
			.getTitle() + "' is " + describe(imp.getBitDepth()) + ", not " + describe(bitDepth));
		ImageStack stack = imp.getStack();
		if (stack.isVirtual()) throw new IllegalArgumentException("'" + imp.getTitle() +
			"' is a virtual stack, whose pixels are not in memory; duplicate it first");
		int n = stack.getSize();
		List<A> planes = new ArrayList<>(n);
		for (int i = 1; i <= n; i++)
			planes.add(access.apply(stack.getPixels(i)));
		long[] dims = n == 1 ? new long[] { imp.getWidth(), imp.getHeight() } : new long[] { imp
			.getWidth(), imp.getHeight(), n };
		return new PlanarImg<>(planes, dims, new Fraction());
	}

	/** The pixel arrays to share, or null if the image must be copied. */
	private static List<Object> sharedPlanes(RandomAccessibleInterval<?> img, Object type,
		int planes)
	{
		if (!(type instanceof UnsignedByteType || type instanceof UnsignedShortType ||
			type instanceof FloatType || type instanceof ARGBType)) return null;
		List<Object> out = new ArrayList<>(planes);
		if (img instanceof PlanarImg) {
			PlanarImg<?, ?> p = (PlanarImg<?, ?>) img;
			for (int i = 0; i < planes; i++)
				out.add(p.getPlane(i).getCurrentStorageArray());
			return out;
		}
		if (img instanceof ArrayImg && planes == 1) {
			Object access = ((NativeImg<?, ?>) img).update(null);
			if (access instanceof ArrayDataAccess) {
				out.add(((ArrayDataAccess<?>) access).getCurrentStorageArray());
				return out;
			}
		}
		return null;
	}

	private static ImageProcessor processor(Object type, int w, int h, Object pixels) {
		if (type instanceof UnsignedByteType) return pixels == null ? new ByteProcessor(w, h)
			: new ByteProcessor(w, h, (byte[]) pixels);
		if (type instanceof UnsignedShortType) return pixels == null ? new ShortProcessor(w, h)
			: new ShortProcessor(w, h, (short[]) pixels, null);
		if (type instanceof ARGBType) return pixels == null ? new ColorProcessor(w, h)
			: new ColorProcessor(w, h, (int[]) pixels);
		if (type instanceof FloatType && pixels != null) return new FloatProcessor(w, h,
			(float[]) pixels);
		if (type instanceof RealType) return new FloatProcessor(w, h);
		throw new IllegalArgumentException("Cannot show " + type.getClass().getSimpleName() +
			" pixels in ImageJ; convert to a real type or ARGBType first");
	}

	/** Copies in flat order (X fastest, then Y, then the rest): plane = index / (w*h). */
	private static void copyInto(RandomAccessibleInterval<?> img, Object type,
		ImageStack stack)
	{
		int area = stack.getWidth() * stack.getHeight();
		Cursor<?> c = Views.flatIterable(img).cursor();
		long index = 0;
		while (c.hasNext()) {
			Object v = c.next();
			int plane = (int) (index / area) + 1, i = (int) (index % area);
			Object px = stack.getPixels(plane);
			if (type instanceof UnsignedByteType) ((byte[]) px)[i] = (byte) ((UnsignedByteType) v)
				.get();
			else if (type instanceof UnsignedShortType) ((short[]) px)[i] =
				(short) ((UnsignedShortType) v).get();
			else if (type instanceof ARGBType) ((int[]) px)[i] = ((ARGBType) v).get();
			else ((float[]) px)[i] = ((RealType<?>) v).getRealFloat();
			index++;
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static RandomAccessibleInterval<Object> cast(RandomAccessibleInterval<?> img) {
		return (RandomAccessibleInterval) img;
	}

	private static String describe(int bitDepth) {
		return bitDepth == 24 ? "RGB" : bitDepth + "-bit";
	}
}
