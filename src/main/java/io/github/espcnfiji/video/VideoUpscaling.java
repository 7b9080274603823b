package io.github.espcnfiji.video;

import java.io.IOException;

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
		FrameUpscaler frames = upscaler.withSeries(source.seriesNormalization());
		VideoPipeline.Result r = VideoPipeline.run(source, frames::upscale, sink::write, options);
		if (sink.written() > 0) sink.finish();
		return r;
	}
}
