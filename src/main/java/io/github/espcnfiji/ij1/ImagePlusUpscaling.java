package io.github.espcnfiji.ij1;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.measure.Calibration;
import ij.process.ImageConverter;
import ij.process.LUT;
import ij.process.StackConverter;
import io.github.espcnfiji.command.Upscaling;
import io.github.espcnfiji.core.SuperResolver;
import io.github.espcnfiji.io.ImageFiles;
import io.github.espcnfiji.io.IndexedColour;
import io.github.espcnfiji.io.ImagePlusBridge;

import java.util.Locale;
import java.util.function.Function;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;

/**
 * One ImageJ image through a {@link SuperResolver}: 8-bit, 16-bit, 32-bit and RGB, single
 * planes, stacks and hyperstacks (every plane on its own, channels, slices and frames kept).
 * The input is not changed (an indexed-colour image is converted to RGB in a copy). The result:
 * <ul>
 * <li>is titled {@code <title>-ESPCN-x<scale>} ({@link #titleOf}, the title's image file
 * extension dropped); callers that know the model put its name there instead;</li>
 * <li>has the input's calibration with pixel width and height divided by the scale (the
 * origin, in pixels, multiplied by it);</li>
 * <li>keeps lookup tables, composite mode and display ranges.</li>
 * </ul>
 * It is not shown; nothing of it exists when the super-resolver is cancelled.
 */
public final class ImagePlusUpscaling {

	private ImagePlusUpscaling() {}

	/**
	 * @throws IllegalArgumentException for images smaller than 2x2, virtual stacks and planes too
	 *           large
	 * @throws java.util.concurrent.CancellationException when cancelled
	 */
	public static ImagePlus upscale(ImagePlus imp, SuperResolver sr) {
		return upscale(imp, input -> Upscaling.upscale(sr, input));
	}

	/**
	 * As {@link #upscale(ImagePlus, SuperResolver)}, with the pixels super-resolved by
	 * {@code engine} (such as the SciJava command), which gets the image as
	 * {@link ImagePlusBridge#wrap} gives it and returns an image of the same type, X and Y
	 * enlarged by the scale.
	 */
	public static ImagePlus upscale(ImagePlus imp,
		Function<RandomAccessibleInterval<?>, Img<?>> engine)
	{
		if (imp.getWidth() < 2 || imp.getHeight() < 2) throw new IllegalArgumentException("'" + imp
			.getTitle() + "' is " + imp.getWidth() + "x" + imp.getHeight() +
			"; super-resolution needs at least 2x2 pixels");
		ImagePlus source = isIndexedColour(imp) ? rgbCopy(imp) : imp;
		Img<?> out = engine.apply(ImagePlusBridge.wrap(source));
		int s = (int) (out.dimension(0) / imp.getWidth());
		ImagePlus result = ImagePlusBridge.toImagePlus(titleOf(imp.getTitle(), "x" + s), out, imp
			.getNChannels(), imp.getNSlices(), imp.getNFrames());
		return dressLike(imp, result, s, source != imp);
	}

	/**
	 * Gives a super-resolved {@code result} the look of the image {@code imp} it came from: the
	 * calibration with the pixel size divided by {@code s}, and, unless {@code rgbConverted} (an
	 * indexed-colour input super-resolved as RGB), its lookup tables, composite mode and display
	 * range. Returns the result, or a new composite image holding it.
	 */
	static ImagePlus dressLike(ImagePlus imp, ImagePlus result, int s, boolean rgbConverted) {
		Calibration cal = imp.getCalibration().copy();
		if (cal.scaled()) { // an uncalibrated image stays in plain pixels
			cal.pixelWidth /= s;
			cal.pixelHeight /= s;
			cal.xOrigin *= s;
			cal.yOrigin *= s;
		}
		result.setCalibration(cal);
		if (rgbConverted) return result;
		if (imp.isComposite() && result.getNChannels() > 1) {
			CompositeImage composite = new CompositeImage(result, ((CompositeImage) imp).getMode());
			composite.setLuts(imp.getLuts());
			composite.setCalibration(cal);
			return composite;
		}
		if (imp.getBitDepth() != 24) {
			LUT lut = imp.getProcessor().getLut();
			result.getProcessor().setLut(lut);
			result.getStack().setColorModel(lut);
			result.setDisplayRange(imp.getDisplayRangeMin(), imp.getDisplayRangeMax());
		}
		return result;
	}

	/**
	 * {@code <title>-ESPCN-<model>}, without the title's image file extension if it has one;
	 * {@code model} as {@link #modelLabel} makes it ({@code x3}, {@code wide-x3}, {@code mine}).
	 */
	public static String titleOf(String title, String model) {
		String t = title == null ? "" : title;
		int dot = t.lastIndexOf('.');
		if (dot > 0 && ImageFiles.EXTENSIONS.contains(t.substring(dot + 1).toLowerCase(
			Locale.ROOT))) t = t.substring(0, dot);
		return t + "-ESPCN-" + model;
	}

	/**
	 * A model's short name for titles: its card's name without the {@code espcn-} the bundled
	 * models' names start with ({@code espcn-x3} is {@code x3}, {@code espcn-wide-x3} is
	 * {@code wide-x3}); another name as it is.
	 */
	public static String modelLabel(String cardName) {
		String name = cardName == null || cardName.isBlank() ? "model" : cardName.trim();
		return name.startsWith("espcn-") && name.length() > 6 ? name.substring(6) : name;
	}

	/**
	 * The text of Image &gt; Show Info for a result: what made it (model, card name, scale,
	 * tile, precision) and from which image, then the source's own info if it had any.
	 */
	public static String provenance(ImagePlus source, String cardName, String modelArgument,
		int scale, int tile, String precision, String region)
	{
		StringBuilder info = new StringBuilder();
		info.append("ESPCN super-resolution (Shi et al., CVPR 2016)\n");
		info.append("Model: ").append(modelArgument).append(" (card: ").append(cardName).append(
			")\n");
		info.append("Scale: ").append(scale).append('\n');
		info.append("Tile: ").append(tile).append(" pixels\n");
		info.append("Precision: ").append(precision).append('\n');
		info.append("Source image: ").append(source.getTitle()).append(region == null ? ""
			: " (" + region + ")").append('\n');
		String own = source.getInfoProperty();
		if (own != null && !own.isBlank()) info.append("\n").append(own);
		return info.toString();
	}

	/** Indexed colour as {@link IndexedColour} tells it. */
	static boolean isIndexedColour(ImagePlus imp) {
		return IndexedColour.is(imp);
	}

	/** An RGB copy of an indexed-colour image (the image itself is not changed). */
	static ImagePlus rgbCopy(ImagePlus imp) {
		ImagePlus copy = imp.duplicate();
		if (copy.getStackSize() > 1) new StackConverter(copy).convertToRGB();
		else new ImageConverter(copy).convertToRGB();
		return copy;
	}
}
