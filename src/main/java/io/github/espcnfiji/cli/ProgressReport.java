package io.github.espcnfiji.cli;

import io.github.espcnfiji.core.SuperResolver;

/**
 * Tile and plane progress of one image on stderr, at most one line every two seconds, so that
 * long stacks show they are alive without flooding the terminal.
 */
final class ProgressReport implements SuperResolver.ProgressListener {

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
		long now = System.nanoTime();
		if (now - last < INTERVAL_NANOS) return;
		last = now;
		console.progress("  %s: plane %d/%d, tile %d/%d", name, plane + 1, planes, tilesDone,
			tiles);
	}
}
