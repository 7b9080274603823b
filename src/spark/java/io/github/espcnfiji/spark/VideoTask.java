package io.github.espcnfiji.spark;

import io.github.espcnfiji.cli.Failures;
import io.github.espcnfiji.core.Normalization;
import io.github.espcnfiji.core.SuperResolver;
import io.github.espcnfiji.io.FrameFolder;
import io.github.espcnfiji.io.VideoFiles;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.model.InferenceMode;
import io.github.espcnfiji.video.AviWriter;
import io.github.espcnfiji.video.Frame;
import io.github.espcnfiji.video.FrameSink;
import io.github.espcnfiji.video.FrameSource;
import io.github.espcnfiji.video.FrameUpscaler;
import io.github.espcnfiji.video.VideoInfo;
import io.github.espcnfiji.video.VideoPipeline;
import io.github.espcnfiji.video.VideoUpscaling;
import io.github.espcnfiji.video.Y4mReader;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One range of frames of {@code video} on an executor: its frames read from the y4m file (seeking
 * to the range) or from their files, super-resolved by the command line's video code
 * ({@link VideoUpscaling}, {@link FrameUpscaler}) with the whole series' intensity mapping, and
 * written as the command line writes the whole video: a y4m file of the range's frames, or a
 * folder of its numbered frames, under a temporary name renamed into place when complete. A
 * range whose part exists already is skipped. The driver assembles the parts ({@link VideoJob}).
 */
final class VideoTask implements Serializable {

	private static final long serialVersionUID = 1L;

	/** Where the frames come from. */
	static final class Input implements Serializable {

		private static final long serialVersionUID = 1L;

		final String path;
		final boolean folder;
		/** A folder's first frame, and the folder's size, count and rate. */
		final String reference;
		final int width;
		final int height;
		final long frames;
		final double fps;

		private Input(String path, boolean folder, String reference, int width, int height,
			long frames, double fps)
		{
			this.path = path;
			this.folder = folder;
			this.reference = reference;
			this.width = width;
			this.height = height;
			this.frames = frames;
			this.fps = fps;
		}

		static Input y4m(Path file) {
			return new Input(file.toString(), false, null, 0, 0, 0, 0);
		}

		static Input folder(Path folder, Path first, VideoInfo info, double fps) {
			return new Input(folder.toString(), true, first.toString(), info.width(), info.height(),
				info.frames(), fps);
		}

		/** The range's frames as a source. */
		FrameSource open(FrameRange range) throws IOException {
			if (!folder) return Y4mReader.openAt(Path.of(path), range.from);
			List<Path> files = new ArrayList<>();
			for (String f : range.files)
				files.add(Path.of(f));
			return FrameFolder.part(Path.of(path), files, range.from, Path.of(reference), VideoInfo
				.ofImages(width, height, frames, fps));
		}
	}

	private final ModelSettings model;
	private final InferenceMode precision;
	private final int tile;
	private final Input input;
	private final Normalization series;
	private final long frames;
	private final String parts;
	private final String output;
	private final boolean y4mOutput;

	/**
	 * @param series the whole series' intensity mapping (16-bit and 32-bit frames), or null
	 * @param frames the frames of the output (the command line's {@code --frames})
	 * @param parts the folder of the range parts
	 * @param output the video the parts become (for the manifest)
	 */
	VideoTask(ModelSettings model, InferenceMode precision, int tile, Input input,
		Normalization series, long frames, Path parts, Path output, boolean y4mOutput)
	{
		this.model = model;
		this.precision = precision;
		this.tile = tile;
		this.input = input;
		this.series = series;
		this.frames = frames;
		this.parts = parts.toString();
		this.output = output.toString();
		this.y4mOutput = y4mOutput;
	}

	/** Where the part of {@code range} goes: a y4m file, or a folder of frames. */
	static Path part(Path parts, FrameRange range, boolean y4m) {
		return parts.resolve(range.name() + (y4m ? ".y4m" : ""));
	}

	/** The intensity mapping of a range's frames (a folder of 16-bit or 32-bit frames). */
	static Optional<Normalization> range(Input input, FrameRange range) throws IOException {
		synchronized (FileTask.IMAGEJ_IO) {
			try (FrameSource source = input.open(range)) {
				return source.seriesNormalization();
			}
		}
	}

	ManifestRow run(FrameRange range) {
		long start = System.nanoTime();
		Path part = part(Path.of(parts), range, y4mOutput);
		if (Files.exists(part)) return row(range, part, ManifestRow.Status.SKIPPED, start, null);
		EspcnModel network = ExecutorModel.get(model);
		try (FrameSource source = locked(input.open(range)); FrameSink sink = new RangeSink(
			VideoFiles.create(part, source.info().limitedTo(frames).scaled(network.scale()),
				AviWriter.Compression.PNG, false), range.name(), !y4mOutput))
		{
			SuperResolver sr = new SuperResolver(network.upscaler(precision), SuperResolver.Options
				.defaults().withTileSize(tile));
			VideoPipeline.Result r = VideoUpscaling.run(source, Optional.ofNullable(series),
				new FrameUpscaler(sr), sink, VideoPipeline.Options.defaults().withFrameLimit(range
					.frames()));
			if (r.frames() != range.frames()) throw new IOException(input.path + " ended after " + (range
				.from + r.frames()) + " frames; frame " + (range.from + r.frames() + 1) + " is missing");
			return row(range, part, ManifestRow.Status.WRITTEN, start, null);
		}
		catch (FileAlreadyExistsException e) {
			// another attempt of this range (speculation) finished first: its part is complete
			if (Files.exists(part)) return row(range, part, ManifestRow.Status.SKIPPED, start, null);
			return failed(range, part, start, e);
		}
		catch (FaultInjection.InjectedFailure e) {
			throw e;
		}
		catch (IOException | RuntimeException | OutOfMemoryError e) {
			return failed(range, part, start, e);
		}
	}

	private ManifestRow failed(FrameRange range, Path part, long start, Throwable e) {
		return row(range, part, ManifestRow.Status.FAILED, start, "frames " + (range.from + 1) + "-" +
			range.to + ": " + Failures.describe(e, true));
	}

	private ManifestRow row(FrameRange range, Path part, ManifestRow.Status status, long start,
		String message)
	{
		long bytes = 0;
		if (status == ManifestRow.Status.WRITTEN) try (Stream<Path> s = Files.walk(part)) {
			bytes = s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
		}
		catch (IOException e) {
			bytes = -1;
		}
		return new ManifestRow(input.path + "[frames " + (range.from + 1) + "-" + range.to + "]",
			output, status, bytes, (System.nanoTime() - start) / 1e9, Executor.current(),
			Executor.attempt(), message);
	}

	/** A folder's frames read one at a time per JVM (ImageJ's readers keep static state). */
	private FrameSource locked(FrameSource source) {
		if (!input.folder) return source;
		return new FrameSource() {

			@Override
			public VideoInfo info() {
				return source.info();
			}

			@Override
			public Frame next() throws IOException {
				synchronized (FileTask.IMAGEJ_IO) {
					return source.next();
				}
			}

			@Override
			public void close() throws IOException {
				source.close();
			}
		};
	}

	/**
	 * The part's sink, with the fault hooks around its completion (the rename into place), and
	 * with ImageJ's writers one at a time per JVM where frames are image files.
	 */
	private static final class RangeSink implements FrameSink {

		private final FrameSink sink;
		private final String name;
		private final boolean imageJ;

		RangeSink(FrameSink sink, String name, boolean imageJ) {
			this.sink = sink;
			this.name = name;
			this.imageJ = imageJ;
		}

		@Override
		public void write(Frame frame) throws IOException {
			if (!imageJ) sink.write(frame);
			else synchronized (FileTask.IMAGEJ_IO) {
				sink.write(frame);
			}
		}

		@Override
		public long written() {
			return sink.written();
		}

		@Override
		public void finish() throws IOException {
			FaultInjection.beforeWrite(name);
			sink.finish();
			FaultInjection.afterWrite();
		}

		@Override
		public void close() throws IOException {
			sink.close();
		}
	}
}
