package io.github.espcnfiji.ij1;

import ij.IJ;
import io.github.espcnfiji.core.SuperResolver;

import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Super-resolution progress in ImageJ's progress bar and status line, and Esc to cancel: the
 * super-resolver asks {@link #getAsBoolean()}, that is {@link IJ#escapePressed()}, before every
 * tile. Esc reaches ImageJ from its windows' key listeners as {@code IJ.setKeyDown(VK_ESCAPE)}.
 */
class ImageJProgress implements SuperResolver.ProgressListener, BooleanSupplier {

	private final String what;

	/** Starts watching: a stale Esc from earlier work is forgotten. */
	ImageJProgress(String what) {
		this.what = what;
		IJ.resetEscape();
	}

	@Override
	public void progress(long plane, long planes, int tilesDone, int tiles) {
		IJ.showProgress((plane * tiles + tilesDone) / (double) (planes * tiles));
		IJ.showStatus(String.format(Locale.ROOT, "%s: plane %d/%d, tile %d/%d (Esc cancels)", what,
			plane + 1, planes, tilesDone, tiles));
	}

	/** True once Esc was pressed. */
	@Override
	public boolean getAsBoolean() {
		return IJ.escapePressed();
	}

	/** Clears the progress bar. */
	static void done(String status) {
		IJ.showProgress(1.0);
		IJ.showStatus(status);
	}
}
