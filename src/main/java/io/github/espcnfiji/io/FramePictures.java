package io.github.espcnfiji.io;

import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;

/**
 * One ImageJ plane as a video frame's image, sharing the processor's pixels: 8-bit gray, 16-bit,
 * 32-bit or RGB. 8-bit planes keep their raw values under a gray or pseudo-colour LUT, as
 * {@link ImageFiles#fromImagePlus} reads them; indexed colour (a LUT that is neither) becomes RGB.
 */
public final class FramePictures {

	private FramePictures() {}

	public static RandomAccessibleInterval<?> of(ImageProcessor ip) {
		int w = ip.getWidth(), h = ip.getHeight();
		if (ip instanceof ByteProcessor) {
			if (IndexedColour.is(ip)) return ArrayImgs.argbs((int[]) ip
				.convertToRGB().getPixels(), w, h);
			return ArrayImgs.unsignedBytes((byte[]) ip.getPixels(), w, h);
		}
		if (ip instanceof ShortProcessor) return ArrayImgs.unsignedShorts((short[]) ip.getPixels(),
			w, h);
		if (ip instanceof FloatProcessor) return ArrayImgs.floats((float[]) ip.getPixels(), w, h);
		if (ip instanceof ColorProcessor) return ArrayImgs.argbs((int[]) ip.getPixels(), w, h);
		throw new IllegalArgumentException("Unsupported ImageJ plane: " + ip.getClass()
			.getSimpleName());
	}
}
