package io.github.espcnfiji.cli;

import io.github.espcnfiji.core.PlaneUpscaler;
import io.github.espcnfiji.core.Scores;
import io.github.espcnfiji.core.SuperResolver;
import io.github.espcnfiji.core.Tiler;
import io.github.espcnfiji.files.PartFiles;
import io.github.espcnfiji.io.VideoFiles;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.model.InferenceMode;
import io.github.espcnfiji.model.InferenceThreads;
import io.github.espcnfiji.video.AviWriter;
import io.github.espcnfiji.video.FrameSink;
import io.github.espcnfiji.video.FrameSource;
import io.github.espcnfiji.video.FrameUpscaler;
import io.github.espcnfiji.video.VideoEvaluation;
import io.github.espcnfiji.video.VideoInfo;
import io.github.espcnfiji.video.VideoPipeline;
import io.github.espcnfiji.video.VideoUpscaling;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code video}: super-resolves a video (y4m, AVI or a folder of frames) into another, streamed
 * through the {@link VideoPipeline}, or with {@code --evaluate} scores ESPCN against bicubic on
 * every frame of a high-resolution video (the paper's video tables). Ctrl-C stops cleanly: the
 * frames done so far are kept as a valid shorter video, or nothing is written.
 */
final class VideoCommand implements Command {

	/** How long Ctrl-C waits for the output to be completed or removed. */
	private static final long SHUTDOWN_WAIT_SECONDS = 60;
	private static final String CSV_HEADER =
		"frame,bicubic_psnr,bicubic_ssim,model_psnr,model_ssim\n";

	@Override
	public String name() {
		return "video";
	}

	@Override
	public String summary() {
		return "super-resolve a video (.y4m, .avi, folder of frames), or --evaluate it";
	}

	@Override
	public OptionSpec options() {
		return new OptionSpec().required("input", "FILE|DIR",
			"a .y4m or .avi video, or a folder of frames").required("output", "FILE|DIR",
				"a .y4m or .avi file or a folder (with --evaluate: the CSV file)").required("model",
					ModelChoice.VALUE, ModelChoice.HELP).flag("evaluate",
						"score ESPCN and bicubic on every frame of a high-resolution video").optional(
							"threads", "N", "inference worker threads (default: one per core)").optional("tile", "N",
								"largest tile side in input pixels (default " + Tiler.DEFAULT_TILE_SIZE + ")")
			.optional("precision", InferenceMode.PRECISIONS, InferenceMode.PRECISION_HELP)
			.optional("frames", "N", "only the first N frames").optional("compression",
				"none|png|jpeg", "AVI output frames (default png)").optional("fps", "R",
					"frame rate of a folder of frames (default " + VideoInfo.DEFAULT_FPS + ")").optional(
						"scale", "N", "check that the model is for this scale (2, 3 or 4)").flag(
							"overwrite", "replace an existing output");
	}

	@Override
	public String notes() {
		return "Y (luma) goes through the network in tiles; chroma is enlarged by bicubic. A .y4m\n" +
			"output keeps a y4m input's chroma layout (4:2:0 otherwise); frames of a folder output\n" +
			"are 000001.png, 000002.png, ... At most 4 frames are between decoding and writing,\n" +
			"whatever the length. Outputs appear only when complete; Ctrl-C keeps the frames done as a\n" +
			"shorter video. AVI files are limited to 2 GiB; use .y4m or a folder for long 4K videos.\n" +
			"With --evaluate each frame is shrunk by MATLAB-style bicubic and scored on Y\n" +
			"against bicubic (border = scale), as the paper's video tables.";
	}

	@Override
	public int run(Options o, Console console) throws Exception {
		Path input = o.path("input"), output = o.path("output");
		int tile = o.integer("tile", Tiler.DEFAULT_TILE_SIZE, 1);
		long limit = o.integer("frames", Integer.MAX_VALUE, 1);
		int threads = o.integer("threads", 0, 1);
		InferenceMode precision = o.precision();
		double fps = o.real("fps", VideoInfo.DEFAULT_FPS);
		if (!(fps > 0)) throw new UsageException("--fps must be positive, got " + fps);
		AviWriter.Compression compression;
		try {
			compression = AviWriter.Compression.parse(o.string("compression").orElse("png"));
		}
		catch (IllegalArgumentException e) {
			throw new UsageException("--compression must be none, png or jpeg, got '" + o.string(
				"compression").get() + "'");
		}
		VideoFiles.checkOutput(input, output);
		boolean overwrite = o.flag("overwrite");
		if (o.flag("evaluate")) checkCsv(output, overwrite);
		else VideoFiles.checkWritable(output, overwrite); // before the model loads
		AtomicBoolean cancel = new AtomicBoolean();
		CountDownLatch finished = new CountDownLatch(1);
		Thread hook = new Thread(() -> {
			cancel.set(true);
			try {
				finished.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}, "espcn-video-interrupt");
		Runtime.getRuntime().addShutdownHook(hook);
		// on Ctrl-C the output is finished here (a shorter video), not removed
		try (PartFiles.Hold hold = PartFiles.hold(); FrameSource source = VideoFiles.open(input, fps); EspcnModel model = ModelChoice.load(o
			.require("model"), o.scale()))
		{
			console.progress("%s: %s; %s x%d", input, source.info(), model.card().name, model.scale());
			VideoPipeline.Options options = VideoPipeline.Options.defaults().withFrameLimit(limit)
				.withCancellation(cancel::get).withProgress(new ProgressReport(console, input.getFileName()
					.toString()));
			if (o.flag("evaluate")) return evaluate(source, model.upscaler(precision), model.card().name,
				tile, options, threads, output, overwrite, console);
			return upscale(source, model.upscaler(precision), tile, options, threads, output,
				compression, overwrite, console, input);
		}
		finally {
			finished.countDown();
			try {
				Runtime.getRuntime().removeShutdownHook(hook);
			}
			catch (IllegalStateException e) {
				// the JVM is shutting down (Ctrl-C): the hook is running
			}
		}
	}

	private static int upscale(FrameSource source, PlaneUpscaler model, int tile,
		VideoPipeline.Options options, int threads, Path output, AviWriter.Compression compression,
		boolean overwrite, Console console, Path input) throws Exception
	{
		int s = model.scale();
		VideoInfo in = source.info().limitedTo(options.frameLimit());
		try (FrameSink sink = VideoFiles.create(output, in.scaled(s), compression, overwrite)) {
			SuperResolver sr = new SuperResolver(model, SuperResolver.Options.defaults().withTileSize(
				tile).withCancellation(options.cancelled()));
			VideoPipeline.Result r = withThreads(threads, () -> VideoUpscaling.run(source,
				new FrameUpscaler(sr), sink, options));
			String size = String.format(Locale.ROOT, "%dx%d -> %dx%d", in.width(), in.height(), in
				.width() * s, in.height() * s);
			if (r.cancelled()) return cancelled(console, "after " + r.frames() + " frames; " + (r
				.frames() > 0 ? output + " holds them (" + size + ")" : "nothing was written"));
			console.result("%s -> %s: %d frames, %s, %.1f s, %.2f frames/s", input, output, r.frames(),
				size, r.seconds(), r.fps());
			return 0;
		}
	}

	private static int evaluate(FrameSource source, PlaneUpscaler model, String modelName, int tile,
		VideoPipeline.Options options, int threads, Path csv, boolean overwrite, Console console)
		throws Exception
	{
		VideoEvaluation.Report report = withThreads(threads, () -> VideoEvaluation.run(source, model,
			tile, options));
		if (report.frames().isEmpty()) return cancelled(console,
			"before any frame was scored; nothing was written");
		Table table = new Table("frame", "bicubic PSNR", "bicubic SSIM", "ESPCN PSNR", "ESPCN SSIM",
			"gain (dB)");
		StringBuilder rows = new StringBuilder(CSV_HEADER);
		for (VideoEvaluation.FrameScores f : report.frames()) {
			String name = Long.toString(f.index() + 1);
			row(table, rows, name, f.scores());
		}
		row(table, rows, "mean", report.mean());
		console.result("ESPCN %s (x%d) against bicubic on %d frames%s:", modelName, model.scale(), report.frames().size(), report.run().cancelled() ? " (cancelled: the frames " +
				"scored before)" : "");
		console.out.print(table);
		TextFiles.write(csv, rows.toString(), overwrite);
		console.result("per-frame results: %s", csv);
		if (report.run().cancelled()) return cancelled(console, "after " + report.frames().size() +
			" frames; the table and " + csv + " hold their scores");
		return 0;
	}

	/**
	 * The failure line of a run stopped by Ctrl-C, printed here rather than by the launcher: the
	 * JVM exits as soon as the run returns to the shutdown hook, before the launcher could print.
	 */
	private static int cancelled(Console console, String what) {
		console.progress("error: cancelled %s", what);
		InterruptNotice.handled();
		return 1;
	}

	private static void row(Table table, StringBuilder csv, String frame, Scores s) {
		double model = s.modelPsnr().getAsDouble(), ssim = s.modelSsim().getAsDouble();
		table.row(frame, Format.db(s.bicubicPsnr()), Format.ssim(s.bicubicSsim()), Format.db(model),
			Format.ssim(ssim), Format.gain(model - s.bicubicPsnr()));
		csv.append(String.format(Locale.ROOT, "%s,%.4f,%.6f,%.4f,%.6f%n", frame, s.bicubicPsnr(), s
			.bicubicSsim(), model, ssim));
	}

	/** The CSV of --evaluate: fails before the work when it cannot be written. */
	private static void checkCsv(Path csv, boolean overwrite) throws IOException {
		Path target = csv.toAbsolutePath();
		if (Files.isDirectory(target)) throw new FileAlreadyExistsException(target.toString(), null,
			"with --evaluate, --output names the CSV file, and this is a folder");
		if (!overwrite && Files.exists(target)) throw new FileAlreadyExistsException(target
			.toString(), null, "the CSV file exists; add --overwrite or choose another --output");
		if (target.getParent() == null || !Files.isDirectory(target.getParent()))
			throw new NoSuchFileException(String.valueOf(target.getParent()), null,
				"the folder of the CSV file does not exist");
	}

	/** Runs {@code work} on {@code threads} inference workers (0: as many as there are). */
	private static <T> T withThreads(int threads, Callable<T> work) throws Exception {
		if (threads > 0) InferenceThreads.resize(threads);
		return work.call();
	}
}
