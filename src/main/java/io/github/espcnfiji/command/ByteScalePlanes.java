package io.github.espcnfiji.command;

import io.github.espcnfiji.core.FloatPlane;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * The XY planes of an ImgLib2 image as float planes on the 0-255 scale that PSNR, SSIM and the
 * evaluation protocol use: one plane per XY plane for gray images, R, G, B planes for
 * {@link ARGBType}. 8-bit values are taken as they are, 16-bit values are divided by 257 (65535
 * becomes 255), and other real types (32-bit float) are taken as they are, that is, as already
 * on a 0-255 scale. Planes follow the flat order of the dimensions beyond Y (ImageJ's
 * channel-slice-frame order for images from {@link io.github.espcnfiji.io.ImagePlusBridge}).
 */
public final class ByteScalePlanes {

	private ByteScalePlanes() {}

	/**
	 * @return per XY plane, {gray} or {R, G, B}
	 * @throws IllegalArgumentException for fewer than 2 dimensions, planes over 2^31 pixels or
	 *           types other than real types and ARGBType
	 */
	public static List<FloatPlane[]> of(RandomAccessibleInterval<?> image) {
		if (image.numDimensions() < 2) throw new IllegalArgumentException(
			"Expected an image with X and Y, got " + image.numDimensions() + " dimension(s)");
		long w = image.dimension(0), h = image.dimension(1);
		if (w * h > Integer.MAX_VALUE) throw new IllegalArgumentException("A plane of " + w + "x" +
			h + " pixels is too large");
		long planes = 1;
		for (int d = 2; d < image.numDimensions(); d++)
			planes *= image.dimension(d);
		Object type = image.getType();
		int n = (int) (w * h);
		List<FloatPlane[]> out = new ArrayList<>();
		Iterator<?> it = Views.flatIterable(image).iterator();
		for (long p = 0; p < planes; p++) {
			if (type instanceof ARGBType) {
				float[] r = new float[n], g = new float[n], b = new float[n];
				for (int i = 0; i < n; i++) {
					int c = ((ARGBType) it.next()).get();
					r[i] = ARGBType.red(c);
					g[i] = ARGBType.green(c);
					b[i] = ARGBType.blue(c);
				}
				out.add(new FloatPlane[] { plane(r, w, h), plane(g, w, h), plane(b, w, h) });
			}
			else if (type instanceof RealType) {
				float factor = type instanceof UnsignedShortType ? 1f / 257f : 1f;
				float[] v = new float[n];
				for (int i = 0; i < n; i++)
					v[i] = ((RealType<?>) it.next()).getRealFloat() * factor;
				out.add(new FloatPlane[] { plane(v, w, h) });
			}
			else throw new IllegalArgumentException("Cannot measure " + type.getClass()
				.getSimpleName() + " images; use 8-bit, 16-bit, 32-bit or RGB images");
		}
		return out;
	}

	/** A pixel type as ImageJ users name it: "8-bit", "16-bit", "32-bit float", "RGB". */
	public static String describe(Object type) {
		if (type instanceof UnsignedByteType) return "8-bit";
		if (type instanceof UnsignedShortType) return "16-bit";
		if (type instanceof FloatType) return "32-bit float";
		if (type instanceof ARGBType) return "RGB";
		return type.getClass().getSimpleName();
	}

	private static FloatPlane plane(float[] values, long w, long h) {
		return new FloatPlane(values, (int) w, (int) h);
	}
}
