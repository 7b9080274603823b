package io.github.espcnfiji.video;

import java.io.IOException;

/**
 * Frames read one after another, for one pass: a video file, a folder of frames or an open
 * image. Only {@link #next()} reads pixels, so memory does not depend on the video's length.
 * Not thread-safe: one thread reads.
 */
public interface FrameSource extends AutoCloseable {

	/** Size, frame count (if known) and rate, known before the first frame is read. */
	VideoInfo info();

	/**
	 * The next frame, or null after the last.
	 *
	 * @throws IOException when the frame cannot be read (truncated, changed size, unreadable),
	 *           with a message naming the frame
	 */
	Frame next() throws IOException;

	@Override
	void close() throws IOException;
}
