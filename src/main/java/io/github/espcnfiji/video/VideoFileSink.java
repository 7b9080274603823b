package io.github.espcnfiji.video;

import io.github.espcnfiji.files.PendingFile;

import java.io.IOException;

/**
 * What the video file writers share: a {@link PendingFile} moved into place by
 * {@link #finish()} and deleted by {@link #close()} otherwise, frames checked against the size
 * the file was made for, and the count of frames written. Subclasses encode.
 */
abstract class VideoFileSink implements FrameSink {

	protected final VideoInfo info;
	protected final PendingFile file;
	private long written;
	private boolean finished;

	VideoFileSink(VideoInfo info, PendingFile file) {
		this.info = info;
		this.file = file;
	}

	/** Appends one frame of the file's size to the temporary file. */
	protected abstract void encode(Frame frame) throws IOException;

	/** Completes the temporary file (headers, index) and closes it. */
	protected abstract void complete() throws IOException;

	/** Closes the temporary file, complete or not. Idempotent. */
	protected abstract void release() throws IOException;

	@Override
	public final void write(Frame frame) throws IOException {
		if (finished) throw new IllegalStateException(file.target().getFileName() + " is finished");
		if (frame.width() != info.width() || frame.height() != info.height())
			throw new IOException("Frame " + (frame.index() + 1) + " is " + frame.width() + "x" + frame
				.height() + ", but " + file.target().getFileName() + " holds " + info.width() + "x" +
				info.height() + " frames");
		encode(frame);
		written++;
	}

	@Override
	public final long written() {
		return written;
	}

	@Override
	public final void finish() throws IOException {
		if (finished) return;
		complete();
		file.commit();
		finished = true;
	}

	@Override
	public final void close() throws IOException {
		try {
			release();
		}
		finally {
			file.discard();
		}
	}
}
