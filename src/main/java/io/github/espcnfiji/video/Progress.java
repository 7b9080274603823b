package io.github.espcnfiji.video;

import java.util.Locale;

/**
 * How far a video run has come: frames finished, the total when known, the time so far, the
 * rate since the start and the time left at that rate. Immutable.
 */
public final class Progress {

	private final long done;
	private final long total;
	private final double seconds;

	/** @param total the number of frames, or -1 when unknown */
	public Progress(long done, long total, double seconds) {
		this.done = done;
		this.total = total;
		this.seconds = seconds;
	}

	/** Frames finished. */
	public long done() {
		return done;
	}

	/** All frames, -1 when unknown. */
	public long total() {
		return total;
	}

	/** Seconds since the start. */
	public double seconds() {
		return seconds;
	}

	/** Frames per second since the start; 0 before the first frame. */
	public double fps() {
		return done == 0 || seconds <= 0 ? 0 : done / seconds;
	}

	/** Seconds left at the rate so far; NaN when the total or the rate is unknown. */
	public double etaSeconds() {
		double fps = fps();
		return total < 0 || fps == 0 ? Double.NaN : Math.max(0, total - done) / fps;
	}

	/** The fraction done, in [0, 1]; NaN when the total is unknown. */
	public double fraction() {
		return total <= 0 ? Double.NaN : Math.min(1.0, done / (double) total);
	}

	/** {@code 12/75 frames, 6.1 fps, 10 s left} (the parts that are known). */
	@Override
	public String toString() {
		String s = done + (total >= 0 ? "/" + total : "") + " frames";
		if (done > 0) s += String.format(Locale.ROOT, ", %.2f fps", fps());
		double eta = etaSeconds();
		if (!Double.isNaN(eta)) s += ", " + duration(eta) + " left";
		return s;
	}

	/** {@code 42 s}, {@code 3 min 05 s} or {@code 1 h 02 min}. */
	public static String duration(double seconds) {
		long s = Math.round(seconds);
		if (s < 60) return s + " s";
		if (s < 3600) return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
		return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
	}
}
