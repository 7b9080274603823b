package io.github.espcnfiji.video;

import io.github.espcnfiji.core.Normalization;

import java.io.IOException;
import java.util.Optional;

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

	/**
	 * The intensity mapping of the whole series, for sources of 16-bit or 32-bit gray frames:
	 * min and max over every frame, so that each frame is mapped as the same frames in one stack
	 * would be ({@link Normalization}). Empty for 8-bit, RGB and YUV frames, whose mapping is
	 * fixed. May read every frame once (call it before the first {@link #next()}).
	 */
	default Optional<Normalization> seriesNormalization() throws IOException {
		return Optional.empty();
	}

	@Override
	void close() throws IOException;
}
