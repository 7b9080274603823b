package io.github.espcnfiji.ij1;

import ij.Macro;

import java.awt.GraphicsEnvironment;

/** Where each dialog's Help button leads, and when a PlugIn reads macro options instead. */
final class Help {

	/** The README, whose sections the Help buttons open. */
	static final String README = "https://github.com/espcn-fiji/ESPCN_/blob/main/README.md";
	static final String MENUS = README + "#fiji-menus-and-macros";
	static final String VIDEO = README + "#video";
	static final String ZARR = README + "#ome-zarr-images";
	static final String TRAINING = README + "#training";

	private Help() {}

	/**
	 * Whether this run reads its settings from a macro's options rather than a dialog: headless,
	 * and whenever a macro passed options (with a display too, so that a macro may name any model
	 * path, and runs the same with and without a display).
	 */
	static boolean fromMacro() {
		return GraphicsEnvironment.isHeadless() || Macro.getOptions() != null;
	}
}
