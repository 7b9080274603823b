package io.github.espcnfiji.spark;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * Frames {@code from} to {@code to - 1} (numbered from 0) of a video: the work of one Spark
 * task of {@code video}. For a folder of frames it carries its frames' files, so that a task
 * never lists the folder; for a y4m file it carries none (the task seeks to its frames).
 */
final class FrameRange implements Serializable {

	private static final long serialVersionUID = 1L;

	final long from;
	final long to;
	/** The files of the frames of a folder, in order; empty for a y4m file. */
	final List<String> files;

	FrameRange(long from, long to, List<String> files) {
		if (from < 0 || to <= from) throw new IllegalArgumentException("Frame range [" + from +
			", " + to + ") holds no frames");
		this.from = from;
		this.to = to;
		this.files = List.copyOf(files);
	}

	long frames() {
		return to - from;
	}

	/**
	 * {@code 000001-000050} for frames 1 to 50 as people count them (as the output frames of a
	 * folder are named): the name of the range's part output and its key in the fault hooks.
	 */
	String name() {
		return String.format(Locale.ROOT, "%06d-%06d", from + 1, to);
	}
}
