package io.github.espcnfiji.video;

import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.Planes;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * A frame's pixels in the form a sink or the evaluation needs, converted where the frame holds
 * the other form (see {@link Frame}). 8-bit gray counts as RGB with R = G = B; a YUV picture
 * without chroma ({@link Chroma#MONO}) counts as gray. 16-bit, 32-bit and multi-plane frames
 * have no 8-bit video form: asking for one is an error that says where such frames can go.
 */
public final class FramePixels {

	private FramePixels() {}

	/** Whether the frame is one 8-bit gray plane (an 8-bit image or a mono YUV picture). */
	public static boolean isGray8(Frame f) {
		if (f.isYuv()) return !f.yuv().chroma().hasChroma();
		return f.planes() == 1 && f.image().getType() instanceof UnsignedByteType;
	}

	/** Whether the frame has an 8-bit video form: YUV, RGB or 8-bit gray, one plane. */
	public static boolean isVideo8(Frame f) {
		return f.isYuv() || f.planes() == 1 && (f.image().getType() instanceof ARGBType || f
			.image().getType() instanceof UnsignedByteType);
	}

	/** The frame as packed RGB, alpha 255. */
	public static int[] argb(Frame f) {
		if (f.isYuv()) return f.yuv().toArgb();
		require8(f);
		RandomAccessibleInterval<?> img = f.image();
		if (img.getType() instanceof ARGBType) return Planes.readArgb(argbImage(img), 0);
		float[] gray = Planes.readReal(byteImage(img), 0);
		int[] out = new int[gray.length];
		for (int i = 0; i < out.length; i++) {
			int v = (int) gray[i];
			out[i] = 0xff000000 | v << 16 | v << 8 | v;
		}
		return out;
	}

	/** The gray bytes of a frame that {@link #isGray8}. */
	public static byte[] gray8(Frame f) {
		if (!isGray8(f)) throw new IllegalArgumentException("Frame " + f.index() + " (" + f
			.describe() + ") is not 8-bit gray");
		if (f.isYuv()) {
			int[] argb = f.yuv().toArgb();
			byte[] out = new byte[argb.length];
			for (int i = 0; i < out.length; i++)
				out[i] = (byte) argb[i];
			return out;
		}
		float[] gray = Planes.readReal(byteImage(f.image()), 0);
		byte[] out = new byte[gray.length];
		for (int i = 0; i < out.length; i++)
			out[i] = (byte) (int) gray[i];
		return out;
	}

	/** The frame as a YUV picture in the given layout. */
	public static YuvPicture yuv(Frame f, Chroma chroma) {
		if (f.isYuv()) return f.yuv().withChroma(chroma);
		FloatPlane[] rgb = rgbPlanes(f);
		return YuvPicture.fromRgb(rgb[0], rgb[1], rgb[2], chroma);
	}

	/**
	 * The frame as an image for ImageJ: itself for image frames; YUV frames as RGB, or as 8-bit
	 * gray when they have no chroma.
	 */
	public static RandomAccessibleInterval<?> image(Frame f) {
		if (!f.isYuv()) return f.image();
		if (isGray8(f)) return ArrayImgs.unsignedBytes(gray8(f), f.width(), f.height());
		return ArrayImgs.argbs(f.yuv().toArgb(), f.width(), f.height());
	}

	/**
	 * The planes the evaluation protocol compares on 0-255: the luma of a YUV frame, R, G and B of
	 * an RGB frame, the plane of an 8-bit gray frame.
	 */
	public static FloatPlane[] protocolPlanes(Frame f) {
		if (f.isYuv()) return new FloatPlane[] { f.yuv().luma() };
		require8(f);
		if (isGray8(f)) return new FloatPlane[] { new FloatPlane(Planes.readReal(byteImage(f
			.image()), 0), f.width(), f.height()) };
		return rgbPlanes(f);
	}

	/** R, G, B on 0-255 of an RGB or 8-bit gray image frame. */
	private static FloatPlane[] rgbPlanes(Frame f) {
		int[] argb = argb(f);
		int w = f.width(), h = f.height();
		float[] r = new float[argb.length], g = new float[argb.length], b = new float[argb.length];
		for (int i = 0; i < argb.length; i++) {
			r[i] = (argb[i] >> 16) & 0xff;
			g[i] = (argb[i] >> 8) & 0xff;
			b[i] = argb[i] & 0xff;
		}
		return new FloatPlane[] { new FloatPlane(r, w, h), new FloatPlane(g, w, h), new FloatPlane(b,
			w, h) };
	}

	private static void require8(Frame f) {
		if (!isVideo8(f)) throw new IllegalArgumentException("Frame " + (f.index() + 1) + " is " + f
			.describe() + "; AVI, y4m and the evaluation take 8-bit gray or RGB frames of one plane " +
			"(write 16-bit, 32-bit and multi-plane frames to a folder or an ImageJ image)");
	}

	@SuppressWarnings("unchecked")
	private static RandomAccessibleInterval<ARGBType> argbImage(RandomAccessibleInterval<?> img) {
		return (RandomAccessibleInterval<ARGBType>) img;
	}

	@SuppressWarnings("unchecked")
	private static RandomAccessibleInterval<UnsignedByteType> byteImage(
		RandomAccessibleInterval<?> img)
	{
		return (RandomAccessibleInterval<UnsignedByteType>) img;
	}
}
