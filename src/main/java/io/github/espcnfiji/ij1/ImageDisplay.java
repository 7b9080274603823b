package io.github.espcnfiji.ij1;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.macro.Interpreter;

import java.awt.GraphicsEnvironment;

/** Shows a new image: in a window, as a batch-mode image of the running macro, or headless. */
final class ImageDisplay {

	private ImageDisplay() {}

	/**
	 * In a macro (batch mode or not, headless or not) the image becomes the macro's current
	 * image; headless outside a macro it only becomes this thread's current image.
	 */
	static void show(ImagePlus imp) {
		if (GraphicsEnvironment.isHeadless() && !IJ.isMacro() && !Interpreter.isBatchMode())
			WindowManager.setTempCurrentImage(imp);
		else imp.show();
	}
}
