package io.github.espcnfiji.command;

import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.Normalization;
import io.github.espcnfiji.io.ImageFiles;
import io.github.espcnfiji.io.LoadedImage;
import io.github.espcnfiji.train.TrainingPair;

import java.io.IOException;
import java.nio.file.Path;
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
 * The one rule by which images become training pairs, for every front (the command line's
 * {@code train}, the SciJava Train command, ESPCN Train and {@code Ext.train}):
 * <ul>
 * <li>every XY plane (slice, channel, frame) of a file or image is one training image;</li>
 * <li>8-bit gray and RGB are taken on their 0-255 scale;</li>
 * <li>16-bit and 32-bit gray are mapped onto 0-255 by their min and max over the whole file or
 * image, as super-resolution maps them ({@link Normalization}), so that a model learns on the
 * intensities it will later be given;</li>
 * <li>each image may be added again shrunk by each of {@code rescales}
 * ({@link TrainingPair#withRescales}).</li>
 * </ul>
 */
public final class TrainingImages {

	private TrainingImages() {}

	/** The pairs of every file, in order. */
	public static List<TrainingPair> fromFiles(List<Path> files, int scale, double[] rescales)
		throws IOException
	{
		List<TrainingPair> out = new ArrayList<>();
		for (Path file : files)
			out.addAll(of(ImageFiles.read(file), file.toString(), scale, rescales));
		return out;
	}

	/** The pairs of a file's image; {@code name} names it in messages. */
	public static List<TrainingPair> of(LoadedImage image, String name, int scale,
		double[] rescales)
	{
		List<FloatPlane[]> planes = new ArrayList<>();
		for (int s = 0; s < image.slices(); s++)
			planes.add(image.slice(s));
		if (image.bitDepth() == 16 || image.bitDepth() == 32) planes = mapped(planes, image
			.bitDepth() == 16, name);
		return pairs(planes, scale, rescales);
	}

	/** The pairs of an in-memory ImgLib2 image (8-bit, 16-bit, 32-bit float or RGB). */
	public static List<TrainingPair> of(RandomAccessibleInterval<?> image, String name, int scale,
		double[] rescales)
	{
		Object type = image.getType();
		if (type instanceof UnsignedByteType || type instanceof ARGBType) return pairs(
			ByteScalePlanes.of(image), scale, rescales);
		if (!(type instanceof UnsignedShortType || type instanceof FloatType))
			throw new IllegalArgumentException(name + " is " + ByteScalePlanes.describe(type) +
				"; training images must be 8-bit, 16-bit or 32-bit gray, or RGB (convert it first)");
		return pairs(mapped(rawPlanes(image), type instanceof UnsignedShortType, name), scale,
			rescales);
	}

	private static List<TrainingPair> pairs(List<FloatPlane[]> planes, int scale,
		double[] rescales)
	{
		List<TrainingPair> out = new ArrayList<>();
		for (FloatPlane[] p : planes)
			out.addAll(TrainingPair.withRescales(p, scale, rescales));
		return out;
	}

	/** Gray planes mapped onto 0-255 by their joint min and max ({@link Normalization}). */
	private static List<FloatPlane[]> mapped(List<FloatPlane[]> planes, boolean sixteenBit,
		String name)
	{
		double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
		for (FloatPlane[] p : planes)
			for (float v : p[0].data()) {
				if (!Float.isFinite(v)) throw new IllegalArgumentException(name + " holds NaN or " +
					"infinite pixels, which have no intensity to train on; replace them first");
				lo = Math.min(lo, v);
				hi = Math.max(hi, v);
			}
		Normalization n = sixteenBit ? Normalization.unsignedShort((int) lo, (int) hi)
			: Normalization.floating(lo, hi);
		List<FloatPlane[]> out = new ArrayList<>();
		for (FloatPlane[] p : planes) {
			float[] v = p[0].data().clone();
			n.toUnit(v);
			for (int i = 0; i < v.length; i++)
				v[i] *= 255f;
			out.add(new FloatPlane[] { new FloatPlane(v, p[0].width(), p[0].height()) });
		}
		return out;
	}

	/** The XY planes of a gray image with their values as they are. */
	private static List<FloatPlane[]> rawPlanes(RandomAccessibleInterval<?> image) {
		int w = (int) image.dimension(0), h = (int) image.dimension(1);
		long planes = 1;
		for (int d = 2; d < image.numDimensions(); d++)
			planes *= image.dimension(d);
		Iterator<?> it = Views.flatIterable(image).iterator();
		List<FloatPlane[]> out = new ArrayList<>();
		for (long p = 0; p < planes; p++) {
			float[] v = new float[w * h];
			for (int i = 0; i < v.length; i++)
				v[i] = ((RealType<?>) it.next()).getRealFloat();
			out.add(new FloatPlane[] { new FloatPlane(v, w, h) });
		}
		return out;
	}
}
