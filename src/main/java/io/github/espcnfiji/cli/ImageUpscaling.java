package io.github.espcnfiji.cli;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.measure.Calibration;
import ij.process.ImageConverter;
import ij.process.StackConverter;
import io.github.espcnfiji.core.SuperResolver;
import io.github.espcnfiji.io.ImagePlusBridge;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.ARGBType;

/**
 * One ImageJ image through a {@link SuperResolver}: 8-bit, 16-bit and 32-bit gray and RGB,
 * single planes, stacks and hyperstacks (every plane on its own). Indexed-colour images become
 * RGB first. The result keeps the hyperstack dimensions, and its calibration is the input's with
 * pixels {@code scale} times smaller.
 */
final class ImageUpscaling {

	private ImageUpscaling() {}

	/** The super-resolved image, titled {@code title}. */
	static ImagePlus upscale(ImagePlus imp, SuperResolver sr, String title) {
		if (imp.getWidth() < 2 || imp.getHeight() < 2) throw new IllegalArgumentException("'" + imp
			.getTitle() + "' is " + imp.getWidth() + "x" + imp.getHeight() +
			"; super-resolution needs at least 2x2 pixels");
		if (isIndexedColour(imp)) {
			if (imp.getStackSize() > 1) new StackConverter(imp).convertToRGB();
			else new ImageConverter(imp).convertToRGB();
		}
		Img<?> out = imp.getBitDepth() == 24 ? rgb(sr, ImagePlusBridge.wrapRgb(imp)) : gray(sr,
			ImagePlusBridge.wrap(imp));
		ImagePlus result = ImagePlusBridge.toImagePlus(title, out, imp.getNChannels(), imp
			.getNSlices(), imp.getNFrames());
		int s = sr.scale();
		Calibration cal = imp.getCalibration().copy();
		cal.pixelWidth /= s;
		cal.pixelHeight /= s;
		cal.xOrigin *= s;
		cal.yOrigin *= s;
		result.setCalibration(cal);
		if (result.getBitDepth() == 16 || result.getBitDepth() == 32) result.resetDisplayRange();
		return result;
	}

	private static boolean isIndexedColour(ImagePlus imp) {
		if (imp.isComposite() || imp instanceof CompositeImage) return false;
		return imp.getType() == ImagePlus.COLOR_256 || imp.getBitDepth() == 8 && imp.getProcessor()
			.isColorLut() && !imp.getProcessor().isPseudoColorLut();
	}

	private static Img<ARGBType> rgb(SuperResolver sr, RandomAccessibleInterval<ARGBType> in) {
		return sr.upscaleRgb(in);
	}

	/** The bridge gives 8-bit, 16-bit or float images, the types {@link SuperResolver} takes. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Img<?> gray(SuperResolver sr, RandomAccessibleInterval in) {
		return sr.upscale(in);
	}
}
