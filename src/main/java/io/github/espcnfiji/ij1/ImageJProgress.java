package io.github.espcnfiji.ij1;

import ij.IJ;
import io.github.espcnfiji.core.SuperResolver;

import java.util.Locale;

/**
 * Super-resolution progress in ImageJ's progress bar and status line, and Esc to cancel:
 * {@link #options} polls {@link IJ#escapePressed()} before every tile.
 */
final class ImageJProgress implements SuperResolver.ProgressListener {

	private final String what;

	private ImageJProgress(String what) {
		this.what = what;
	}

	/** Options with this progress and Esc cancellation; resets a stale Esc first. */
	static SuperResolver.Options options(String what, int tileSize) {
		IJ.resetEscape();
		return SuperResolver.Options.defaults().withTileSize(tileSize).withProgress(
			new ImageJProgress(what)).withCancellation(IJ::escapePressed);
	}

	@Override
	public void progress(long plane, long planes, int tilesDone, int tiles) {
		IJ.showProgress((plane * tiles + tilesDone) / (double) (planes * tiles));
		IJ.showStatus(String.format(Locale.ROOT, "%s: plane %d/%d, tile %d/%d (Esc cancels)", what,
			plane + 1, planes, tilesDone, tiles));
	}

	/** Clears the progress bar. */
	static void done(String status) {
		IJ.showProgress(1.0);
		IJ.showStatus(status);
	}
}
