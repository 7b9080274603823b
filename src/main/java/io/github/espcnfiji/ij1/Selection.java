package io.github.espcnfiji.ij1;

import ij.ImagePlus;
import ij.gui.Roi;

import java.awt.Rectangle;

/**
 * What Super-Resolution processes of an image: with an area selection its bounding rectangle, in
 * every slice, channel and frame (a non-rectangular selection says so, since the rectangle
 * around it is processed); without one, or with a line or point selection, the whole image.
 */
final class Selection {

	private final ImagePlus image;
	private final String description;

	private Selection(ImagePlus image, String description) {
		this.image = image;
		this.description = description;
	}

	static Selection of(ImagePlus imp) {
		Roi roi = imp.getRoi();
		if (roi == null || !roi.isArea()) return new Selection(imp, null);
		Rectangle r = roi.getBounds().intersection(new Rectangle(imp.getWidth(), imp.getHeight()));
		if (r.width == imp.getWidth() && r.height == imp.getHeight()) return new Selection(imp, null);
		if (r.width < 2 || r.height < 2) throw new IllegalArgumentException("The selection on '" + imp
			.getTitle() + "' is " + r.width + "x" + r.height + " pixels inside the image; " +
			"super-resolution needs at least 2x2: enlarge it, or remove it (Edit > Selection > Select " +
			"None) to process the whole image");
		ImagePlus crop = imp.crop(imp.getStackSize() > 1 ? "stack" : "");
		crop.setTitle(imp.getTitle());
		String region = String.format("the selection's %s %dx%d at (%d, %d)", roi.getType() == Roi.RECTANGLE
			? "rectangle" : "bounding rectangle", r.width, r.height, r.x, r.y);
		return new Selection(crop, "processed " + region + ", not the whole image");
	}

	/** The image to super-resolve: the input itself, or the cropped selection. */
	ImagePlus image() {
		return image;
	}

	/** What was cropped, for the log and Show Info; null when the whole image is processed. */
	String description() {
		return description;
	}
}
