package io.github.espcnfiji.ij1;

import ij.IJ;
import io.github.espcnfiji.zarr.ZarrUpscaler;

import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * An OME-Zarr run's progress in ImageJ's progress bar and status line, one step per output
 * chunk of each level, and Esc to cancel: the engine asks {@link #getAsBoolean()}, that is
 * {@link IJ#escapePressed()}, before every chunk.
 */
class ZarrProgress implements ZarrUpscaler.Progress, BooleanSupplier {

	private final String what;

	/** Starts watching: a stale Esc from earlier work is forgotten. */
	ZarrProgress(String what) {
		this.what = what;
		IJ.resetEscape();
	}

	@Override
	public void chunk(int level, long done, long total) {
		IJ.showProgress(done / (double) total);
		IJ.showStatus(String.format(Locale.ROOT, "%s: level %d, chunk %d/%d (Esc cancels)", what,
			level, done, total));
	}

	@Override
	public void stage(String stage) {
		IJ.showStatus(what + ": " + stage);
	}

	/** True once Esc was pressed. */
	@Override
	public boolean getAsBoolean() {
		return IJ.escapePressed();
	}
}
