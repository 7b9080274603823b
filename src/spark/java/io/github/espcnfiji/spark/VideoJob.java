package io.github.espcnfiji.spark;

import io.github.espcnfiji.cli.OptionSpec;
import io.github.espcnfiji.cli.Options;
import io.github.espcnfiji.cli.UsageException;
import io.github.espcnfiji.core.Normalization;
import io.github.espcnfiji.core.Tiler;
import io.github.espcnfiji.files.PendingFile;
import io.github.espcnfiji.io.FrameFolder;
import io.github.espcnfiji.io.VideoFiles;
import io.github.espcnfiji.model.InferenceMode;
import io.github.espcnfiji.video.FrameSource;
import io.github.espcnfiji.video.VideoInfo;
import io.github.espcnfiji.video.Y4mReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code video} on Spark: a y4m file or a folder of frames, cut into ranges of frames
 * ({@code --frames-per-task}), one task per range ({@link VideoTask}); the result equals the
 * command line's {@code video} of the same input byte for byte.
 * <ol>
 * <li>for a folder of 16-bit or 32-bit frames, the series' intensity range: one task per range,
 * each its frames' min and max, folded on the driver ({@link Normalization#spanning}), as the
 * command line's first pass over the folder;</li>
 * <li>one task per range: its part, a y4m file of its frames or a folder of its numbered frames,
 * written in {@code .NAME.espcn-spark.part} beside the output, complete or absent;</li>
 * <li>on the driver, in frame order: a y4m output is the first part followed by the frames of
 * the others (their header lines are the same), written under a temporary name and renamed; a
 * folder output gets the parts' frames, one rename each.</li>
 * </ol>
 * A rerun keeps the parts that are complete and makes only the missing ones (unless
 * {@code --overwrite}); an output that exists already is complete, and left as it is.
 */
final class VideoJob implements SparkJob.Kind {

	static final int DEFAULT_FRAMES_PER_TASK = 100;
	private static final Pattern FRAME_FILE = Pattern.compile("\\d{6}\\.(png|tif)");
	private static final String SETTINGS = "job.txt";

	@Override
	public OptionSpec options() {
		return new OptionSpec().required("model", "x2|x3|x4|PATH",
			"a bundled model or a model every executor reads at this path").required("input",
				"FILE|DIR", "a .y4m video or a folder of frames").required("output", "FILE|DIR",
					"a .y4m file or a folder").optional("scale", "N",
						"check that the model is for this scale").optional("tile", "N",
							"largest tile side in input pixels (default " + Tiler.DEFAULT_TILE_SIZE + ")")
			.optional("precision", InferenceMode.PRECISIONS, InferenceMode.PRECISION_HELP).optional(
				"frames", "N", "only the first N frames").optional("fps", "R",
					"frame rate of a folder of frames (default " + VideoInfo.DEFAULT_FPS + ")").optional(
						"frames-per-task", "N", "frames in one task (default " + DEFAULT_FRAMES_PER_TASK +
							")").optional("manifest", "FILE", "the CSV record (default OUTPUT.manifest.csv)")
			.flag("overwrite", "make everything again (else a rerun keeps the complete ranges)");
	}

	@Override
	public SparkJob.Planned plan(Options o) throws Exception {
		Path input = o.path("input"), output = o.path("output");
		int tile = o.integer("tile", Tiler.DEFAULT_TILE_SIZE, 1);
		long limit = o.integer("frames", Integer.MAX_VALUE, 1);
		int perTask = o.integer("frames-per-task", DEFAULT_FRAMES_PER_TASK, 1);
		InferenceMode precision = o.precision();
		double fps = o.real("fps", VideoInfo.DEFAULT_FPS);
		if (!(fps > 0)) throw new UsageException("--fps must be positive, got " + fps);
		boolean overwrite = o.flag("overwrite");
		String model = o.require("model");
		Path manifest = o.optionalPath("manifest").orElse(Path.of(output.toString() +
			".manifest.csv"));
		boolean y4mOutput = VideoFiles.extension(output).equals("y4m");
		if (!y4mOutput && !VideoFiles.extension(output).isEmpty() && !Files.isDirectory(output))
			throw new UsageException("--output " + output + ": the Spark job writes a .y4m file or a " +
				"folder of frames (an .avi cannot be assembled from parts; use the command line)");
		VideoFiles.checkOutput(input, output);
		boolean complete = !overwrite && (y4mOutput ? Files.exists(output) : holdsFrames(output));
		if (!complete) VideoFiles.checkWritable(output, overwrite);
		VideoTask.Input source;
		VideoInfo info;
		List<Path> files = List.of();
		try (FrameSource in = VideoFiles.open(input, fps)) {
			info = in.info();
			if (in instanceof FrameFolder) {
				files = ((FrameFolder) in).files();
				source = VideoTask.Input.folder(input, files.get(0), info, fps);
			}
			else if (in instanceof Y4mReader) source = VideoTask.Input.y4m(input);
			else throw new IllegalArgumentException("--input " + input + ": the Spark job reads a " +
				".y4m video or a folder of frames; convert it (e.g. ffmpeg -i " + input.getFileName() +
				" -pix_fmt yuv420p video.y4m) or use the command line's video");
		}
		long frames = Math.min(info.frames(), limit);
		List<FrameRange> ranges = new ArrayList<>();
		for (long a = 0; a < frames; a += perTask) {
			long b = Math.min(frames, a + perTask);
			List<String> names = new ArrayList<>();
			for (Path f : files.isEmpty() ? List.<Path>of() : files.subList((int) a, (int) b))
				names.add(f.toString());
			ranges.add(new FrameRange(a, b, names));
		}
		int scale = new ModelSettings(model, o.scale(), 1, 1).checkOnDriver();
		String settings = String.join("\n", "input=" + input.toAbsolutePath().normalize(), "model=" +
			model, "scale=" + scale, "tile=" + tile, "precision=" + precision, "frames=" + frames,
			"frames-per-task=" + perTask, "fps=" + fps, "output=" + (y4mOutput ? "y4m" : "folder")) +
			"\n";
		return (sc, out, err) -> {
			if (complete) {
				out.println("done: " + output + " is complete already (add --overwrite to make it " +
					"again)");
				return 0;
			}
			return run(sc, out, err, source, ranges, frames, new ModelSettings(model, o.scale(),
				SparkJob.taskCpus(sc), SparkJob.executorCores(sc)), precision, tile, input, output,
				y4mOutput, overwrite, settings, manifest);
		};
	}

	private static int run(JavaSparkContext sc, PrintStream out, PrintStream err,
		VideoTask.Input source, List<FrameRange> ranges, long frames, ModelSettings model,
		InferenceMode precision, int tile, Path input, Path output, boolean y4mOutput,
		boolean overwrite, String settings, Path manifestFile) throws IOException
	{
		long start = System.nanoTime();
		Path abs = output.toAbsolutePath().normalize();
		Path parts = abs.resolveSibling("." + abs.getFileName() + ".espcn-spark.part");
		if (overwrite) delete(parts);
		startParts(parts, settings);
		Optional<Normalization> series = source.folder ? series(sc, source, ranges, input)
			: Optional.empty();
		VideoTask task = new VideoTask(model, precision, tile, source, series.orElse(null), frames,
			parts, output, y4mOutput);
		sc.setJobDescription("video " + input + " (" + frames + " frames) with " + model.model +
			" into " + output);
		sc.sc().setCallSite("video: " + ranges.size() + " task(s) of up to " + ranges.get(0)
			.frames() + " frame(s)");
		List<ManifestRow> rows;
		try {
			rows = sc.parallelize(ranges, ranges.size()).map(task::run).collect();
		}
		finally {
			sc.sc().clearCallSite();
			sc.setJobDescription(null);
		}
		Manifest manifest = new Manifest(rows);
		long failed = manifest.count(ManifestRow.Status.FAILED);
		if (failed == 0) {
			if (y4mOutput) concatenate(parts, ranges, abs, overwrite);
			else moveFrames(parts, ranges, abs, overwrite);
			delete(parts);
		}
		manifest.write(manifestFile);
		double seconds = (System.nanoTime() - start) / 1e9;
		out.println(manifest.summary("frame ranges", seconds) + String.format(Locale.ROOT,
			"; %d frames (%.2f frames/s)", frames, seconds > 0 ? frames / seconds : 0) + (failed == 0
				? " in " + output : "") + "; manifest: " + manifestFile);
		if (failed == 0) return 0;
		for (ManifestRow r : rows)
			if (r.status == ManifestRow.Status.FAILED) err.println("failed: " + r.message);
		err.println("error: " + failed + " of " + ranges.size() + " frame ranges failed (listed in " +
			manifestFile + "); " + output + " was not written, the complete ranges are kept for a " +
			"rerun");
		return 1;
	}

	/** The series' intensity mapping of a folder of 16-bit or 32-bit frames, else empty. */
	private static Optional<Normalization> series(JavaSparkContext sc, VideoTask.Input source,
		List<FrameRange> ranges, Path input) throws IOException
	{
		FrameRange first = new FrameRange(0, 1, ranges.get(0).files.subList(0, 1));
		if (VideoTask.range(source, first).isEmpty()) return Optional.empty(); // 8-bit or RGB
		sc.setJobDescription("intensity range of the frames of " + input + ": " + ranges.size() +
			" task(s)");
		try {
			// Optional is not serializable: a range's mapping, or null where it has none
			List<Normalization> each = sc.parallelize(ranges, ranges.size()).map(r -> VideoTask.range(
				source, r).orElse(null)).collect();
			Normalization all = null;
			for (int i = 0; i < each.size(); i++) {
				Normalization n = each.get(i);
				if (n == null) throw new IOException("Frames " + (ranges.get(i).from + 1) + "-" + ranges
					.get(i).to + " of " + input + " are not of the first frame's 16-bit or 32-bit type; " +
					"every frame must have the same size and type");
				all = all == null ? n : all.spanning(n);
			}
			return Optional.of(all);
		}
		finally {
			sc.setJobDescription(null);
		}
	}

	/**
	 * The folder of parts, made new with this run's settings, or one an earlier run left with the
	 * same settings (else the run stops: the earlier one was asked something else).
	 */
	private static void startParts(Path parts, String settings) throws IOException {
		Path file = parts.resolve(SETTINGS);
		if (Files.isDirectory(parts)) {
			if (Files.isRegularFile(file) && Files.readString(file).equals(settings)) return;
			throw new FileAlreadyExistsException(parts.toString(), null, "an earlier run with other " +
				"settings left this unfinished output; add --overwrite to start again");
		}
		Files.createDirectories(parts);
		PendingFile.write(file, true, o -> o.write(settings.getBytes(StandardCharsets.UTF_8)));
	}

	/** The y4m output: the first part whole, then the others after their header line. */
	private static void concatenate(Path parts, List<FrameRange> ranges, Path output,
		boolean overwrite) throws IOException
	{
		PendingFile file = PendingFile.create(output, overwrite);
		try {
			try (OutputStream o = file.open()) {
				for (int i = 0; i < ranges.size(); i++)
					try (InputStream in = Files.newInputStream(VideoTask.part(parts, ranges.get(i), true))) {
						if (i > 0) skipLine(in);
						in.transferTo(o);
					}
			}
			file.commit();
		}
		finally {
			file.discard();
		}
	}

	private static void skipLine(InputStream in) throws IOException {
		for (int c = in.read(); c != '\n'; c = in.read())
			if (c < 0) throw new IOException("a part of the video has no header line");
	}

	/**
	 * The folder output: the parts' frames gathered, then moved into place whole, or, into an
	 * existing folder, one rename each (as the command line's frame folder does).
	 */
	private static void moveFrames(Path parts, List<FrameRange> ranges, Path output,
		boolean overwrite) throws IOException
	{
		Path all = parts.resolve("frames");
		Files.createDirectories(all);
		for (FrameRange r : ranges) {
			Path part = VideoTask.part(parts, r, false);
			for (Path f : frameFiles(part))
				Files.move(f, all.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
		}
		if (!Files.exists(output)) {
			Files.createDirectories(output.getParent());
			Files.move(all, output, StandardCopyOption.ATOMIC_MOVE);
			return;
		}
		for (Path f : frameFiles(all))
			if (overwrite) Files.move(f, output.resolve(f.getFileName()),
				StandardCopyOption.REPLACE_EXISTING);
			else Files.move(f, output.resolve(f.getFileName()));
	}

	private static boolean holdsFrames(Path folder) throws IOException {
		return Files.isDirectory(folder) && !frameFiles(folder).isEmpty();
	}

	private static List<Path> frameFiles(Path folder) throws IOException {
		List<Path> out = new ArrayList<>();
		if (!Files.isDirectory(folder)) return out;
		try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
			for (Path f : files)
				if (FRAME_FILE.matcher(f.getFileName().toString()).matches()) out.add(f);
		}
		out.sort(null);
		return out;
	}


	private static void delete(Path dir) throws IOException {
		if (!Files.exists(dir)) return;
		try (Stream<Path> s = Files.walk(dir)) {
			for (Path p : s.sorted(Comparator.reverseOrder()).toArray(Path[]::new))
				Files.delete(p);
		}
	}
}
