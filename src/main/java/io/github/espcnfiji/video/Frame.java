package io.github.espcnfiji.video;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * One frame of a video, numbered from 0, in one of two forms:
 * <ul>
 * <li>a {@link YuvPicture}, as YUV video ({@code .y4m}) stores it;</li>
 * <li>an ImgLib2 image, as image files, AVI and ImageJ hold frames: RGB ({@link ARGBType}) or
 * gray ({@link UnsignedByteType}, {@link UnsignedShortType}, {@link FloatType}), with X and Y
 * and optionally one more dimension of planes (the channels and slices of one time point of a
 * hyperstack).</li>
 * </ul>
 * {@link FramePixels} converts between the forms where a sink needs the other one.
 */
public final class Frame {

	private final long index;
	private final YuvPicture yuv;
	private final RandomAccessibleInterval<?> image;

	private Frame(long index, YuvPicture yuv, RandomAccessibleInterval<?> image) {
		if (index < 0) throw new IllegalArgumentException("Frame index must be >= 0, got " + index);
		this.index = index;
		this.yuv = yuv;
		this.image = image;
	}

	/** A YUV frame. */
	public static Frame of(long index, YuvPicture picture) {
		if (picture == null) throw new IllegalArgumentException("No picture");
		return new Frame(index, picture, null);
	}

	/**
	 * A frame holding an image (not copied).
	 *
	 * @throws IllegalArgumentException for other pixel types, fewer than 2 or more than 3
	 *           dimensions
	 */
	public static Frame of(long index, RandomAccessibleInterval<?> image) {
		int n = image.numDimensions();
		if (n < 2 || n > 3) throw new IllegalArgumentException("A frame has X, Y and at most one " +
			"dimension of planes, not " + n + " dimensions");
		Object type = image.getType();
		if (!(type instanceof ARGBType || type instanceof UnsignedByteType ||
			type instanceof UnsignedShortType || type instanceof FloatType))
			throw new IllegalArgumentException("Video frames are 8-bit, 16-bit, 32-bit gray or RGB, " +
				"not " + type.getClass().getSimpleName());
		return new Frame(index, null, Views.isZeroMin(image) ? image : Views.zeroMin(image));
	}

	/** The frame number, from 0. */
	public long index() {
		return index;
	}

	public boolean isYuv() {
		return yuv != null;
	}

	/** The YUV picture; only for {@link #isYuv()} frames. */
	public YuvPicture yuv() {
		if (yuv == null) throw new IllegalStateException("Frame " + index + " is an image");
		return yuv;
	}

	/** The image (zero-min); only for frames that are not {@link #isYuv()}. */
	public RandomAccessibleInterval<?> image() {
		if (image == null) throw new IllegalStateException("Frame " + index + " is YUV");
		return image;
	}

	public int width() {
		return yuv != null ? yuv.width() : (int) image.dimension(0);
	}

	public int height() {
		return yuv != null ? yuv.height() : (int) image.dimension(1);
	}

	/** XY planes of an image frame (channels and slices); 1 for YUV frames. */
	public long planes() {
		return yuv != null || image.numDimensions() == 2 ? 1 : image.dimension(2);
	}

	/** A short description for messages: size and kind. */
	public String describe() {
		String kind;
		if (yuv != null) kind = "YUV C" + yuv.chroma().tag();
		else {
			Object t = image.getType();
			kind = t instanceof ARGBType ? "RGB" : t instanceof UnsignedByteType ? "8-bit"
				: t instanceof UnsignedShortType ? "16-bit" : "32-bit";
			if (planes() > 1) kind += ", " + planes() + " planes";
		}
		return width() + "x" + height() + " " + kind;
	}
}
