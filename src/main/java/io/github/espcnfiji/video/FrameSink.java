package io.github.espcnfiji.video;

import java.io.IOException;

/**
 * Where frames go: a video file, a folder of frames or an image in memory. Nothing is visible
 * under the output's name until {@link #finish()}: closing a sink that was not finished
 * discards everything it wrote, so a failed or abandoned run never leaves a half-written output.
 * <pre>{@code
 * try (FrameSink out = Y4mWriter.create(path, info, false)) {
 *     out.write(frame);
 *     out.finish(); // without this, close() deletes the partial file
 * }
 * }</pre>
 */
public interface FrameSink extends AutoCloseable {

	/**
	 * Appends a frame.
	 *
	 * @throws IOException when it cannot be written, or does not fit the output (size, type)
	 */
	void write(Frame frame) throws IOException;

	/** Frames written so far. */
	long written();

	/** Completes the output and puts it in place; later writes are errors. */
	void finish() throws IOException;

	/** Releases the sink; discards the output unless {@link #finish()} succeeded. */
	@Override
	void close() throws IOException;
}
