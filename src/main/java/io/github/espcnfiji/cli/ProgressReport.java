package io.github.espcnfiji.cli;

import io.github.espcnfiji.core.SuperResolver;
import io.github.espcnfiji.video.Progress;
import io.github.espcnfiji.video.VideoPipeline;

/**
 * Progress of one image (tiles and planes) or one video (frames) on stderr, at most one line
 * every two seconds, so that long work shows it is alive without flooding the terminal; a
 * video's last frame is always reported.
 */
final class ProgressReport implements SuperResolver.ProgressListener, VideoPipeline.Listener {

	private static final long INTERVAL_NANOS = 2_000_000_000L;

	private final Console console;
	private final String name;
	private long last = System.nanoTime();

	ProgressReport(Console console, String name) {
		this.console = console;
		this.name = name;
	}

	@Override
	public void progress(long plane, long planes, int tilesDone, int tiles) {
		if (due(false)) console.progress("  %s: plane %d/%d, tile %d/%d", name, plane + 1, planes,
			tilesDone, tiles);
	}

	@Override
	public void progress(Progress p) {
		if (due(p.done() == p.total())) console.progress("  %s: %s", name, p);
	}

	/** Whether a line is due now: two seconds after the last one, or at once when final. */
	private boolean due(boolean last) {
		long now = System.nanoTime();
		if (!last && now - this.last < INTERVAL_NANOS) return false;
		this.last = now;
		return true;
	}
}
