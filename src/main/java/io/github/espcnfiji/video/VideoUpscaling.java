package io.github.espcnfiji.video;

import io.github.espcnfiji.core.Normalization;

import java.io.IOException;
import java.util.Optional;

/**
 * A whole video through a {@link FrameUpscaler} into a {@link FrameSink}, streamed by the
 * {@link VideoPipeline}; 16-bit and 32-bit gray frames are mapped by the whole series' range
 * ({@link FrameSource#seriesNormalization()}), as the same frames in one stack would be. The
 * sink is finished when at least one frame was written, also after a cancel (a valid, shorter
 * video); otherwise, and after a failure, it is left unfinished, and closing it (the caller's
 * job) discards it: the output is then not created at all.
 */
public final class VideoUpscaling {

	private VideoUpscaling() {}

	/** Upscales every frame (up to the options' limit); the caller closes source and sink. */
	public static VideoPipeline.Result run(FrameSource source, FrameUpscaler upscaler,
		FrameSink sink, VideoPipeline.Options options) throws IOException
	{
		return run(source, source.seriesNormalization(), upscaler, sink, options);
	}

	/**
	 * As {@link #run(FrameSource, FrameUpscaler, FrameSink, VideoPipeline.Options)} with the
	 * series' intensity mapping given rather than asked of the source: for a source that holds
	 * only part of a series (a range of frames on a Spark executor), whose whole series' range was
	 * found by a first pass ({@link Normalization#spanning}).
	 */
	public static VideoPipeline.Result run(FrameSource source,
		Optional<Normalization> series, FrameUpscaler upscaler,
		FrameSink sink, VideoPipeline.Options options) throws IOException
	{
		FrameUpscaler frames = upscaler.withSeries(series);
		VideoPipeline.Result r = VideoPipeline.run(source, frames::upscale, sink::write, options);
		if (sink.written() > 0) sink.finish();
		return r;
	}
}
