/**
 * Video super-resolution as a stream: frame sources and sinks, the YUV4MPEG2 ({@code .y4m})
 * reader and writer, a streaming AVI writer, and the {@link io.github.espcnfiji.video.VideoPipeline}
 * that decodes, super-resolves and encodes on separate threads with a bounded number of frames in
 * flight, so that memory does not grow with the length of the video.
 * <p>
 * Nothing here imports ImageJ: sources and sinks that need ImageJ 1.x (AVI reading, folders of
 * frames) live in {@code io}, the ImageJ time series in {@code ij1}.
 * <pre>{@code
 * try (EspcnModel model = BundledModels.shipped().load("x3");
 *     Y4mReader in = Y4mReader.open(Paths.get("bus.y4m"));
 *     FrameSink out = Y4mWriter.create(Paths.get("bus-x3.y4m"), in.info().scaled(3), false))
 * {
 *     FrameUpscaler sr = new FrameUpscaler(new SuperResolver(model));
 *     VideoPipeline.Result r = VideoUpscaling.run(in, sr, out, VideoPipeline.Options.defaults());
 * }
 * }</pre>
 */
package io.github.espcnfiji.video;
