package io.github.espcnfiji.io;

import ij.ImagePlus;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;

/**
 * The one rule for telling indexed-colour images (palette PNGs and GIFs, ImageJ's type
 * {@code COLOR_256}) from 8-bit intensity images with a display LUT: an 8-bit plane whose LUT is
 * neither grey nor a smooth pseudo-colour ramp (Fire, inverted, ...) holds indexes, not
 * intensities, and is super-resolved, measured and trained on as RGB. A multi-channel composite
 * with a colour per channel is not indexed colour.
 */
public final class IndexedColour {

	private IndexedColour() {}

	public static boolean is(ImagePlus imp) {
		if (imp.isComposite()) return false;
		return imp.getType() == ImagePlus.COLOR_256 || imp.getBitDepth() == 8 && is(imp
			.getProcessor());
	}

	public static boolean is(ImageProcessor ip) {
		return ip instanceof ByteProcessor && ip.isColorLut() && !ip.isPseudoColorLut();
	}
}
