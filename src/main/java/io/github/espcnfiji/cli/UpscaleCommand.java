package io.github.espcnfiji.cli;

import ij.ImagePlus;
import io.github.espcnfiji.core.Tiler;
import io.github.espcnfiji.files.PartFiles;
import io.github.espcnfiji.io.ImageFiles;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.model.InferenceMode;
import io.github.espcnfiji.model.InferenceThreads;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * {@code upscale}: super-resolves an image file, or every image in a folder, with an ESPCN model
 * (see {@link UpscalePlan} for where results go and {@link ImageUpscaling} for what is
 * supported).
 */
final class UpscaleCommand implements Command {

	@Override
	public String name() {
		return "upscale";
	}

	@Override
	public String summary() {
		return "super-resolve an image file, every image in a folder, or an OME-Zarr image";
	}

	@Override
	public OptionSpec options() {
		return new OptionSpec().required("model", ModelChoice.VALUE, ModelChoice.HELP).required(
			"input", "FILE|DIR", "an image ImageJ reads (8/16/32-bit, RGB, stacks), a folder, or a " +
				"Zarr folder").required("output", "FILE|DIR",
					"a .png/.tif file, or a folder (created if missing); for Zarr, a new .zarr folder")
			.optional("scale", "N", "check that the model is for this scale (2, 3 or 4)").optional(
				"tile", "N", "largest tile side in input pixels (default " + Tiler.DEFAULT_TILE_SIZE +
					"); smaller needs less memory").optional("precision", InferenceMode.PRECISIONS,
						InferenceMode.PRECISION_HELP).optional("max-pixels", "N", "refuse inputs with more " +
							"pixels per plane (default " + ImageFiles.DEFAULT_MAX_PIXELS + ", about 179 Mpx)")
			.optional("pyramid", "N", "Zarr: add N levels, each halving y and x (default 0)").optional(
				"chunk", "N", "Zarr: output chunk side in y and x (default: the input's)").optional(
					"compressor", "NAME", "Zarr: none, zlib, gzip, blosc-lz4, blosc-zstd or blosc-zlib " +
						"(default: the input's)").flag("overwrite", "replace existing outputs");
	}

	@Override
	public String notes() {
		return "Folder outputs are named like the inputs: .png and .tif stay, .jpg and .bmp become\n" +
			".png, other formats .tif. Inputs are never overwritten; existing outputs only with\n" +
			"--overwrite. Files are written complete or not at all. Truncated or damaged images,\n" +
			"multi-page TIFFs whose pages differ in size and CMYK JPEGs are refused. In a folder,\n" +
			"the next file is read and the last one written while one is super-resolved.\n" +
			"A Zarr input (OME-NGFF 0.4 image or plain Zarr v2 array, uint8/uint16/float32)\n" +
			"gives an OME-Zarr output made chunk by chunk: every (y, x) plane super-resolved,\n" +
			"t, c and z kept, memory bounded by the chunk size; uint16 and float32 first read\n" +
			"every chunk once for the image's min and max.";
	}

	@Override
	public int run(Options o, Console console) throws Exception {
		if (ZarrUpscaling.accepts(o.path("input"))) {
			if (o.has("max-pixels")) throw new UsageException("--max-pixels is for image files; a " +
				"Zarr image is read chunk by chunk, whatever its size");
			return ZarrUpscaling.run(o, console);
		}
		for (String zarrOnly : ZarrUpscaling.OPTIONS)
			if (o.has(zarrOnly)) throw new UsageException("--" + zarrOnly + " is for Zarr inputs; " + o
				.path("input") + " is not a Zarr folder");
		Optional<Integer> scale = o.scale();
		int tile = o.integer("tile", Tiler.DEFAULT_TILE_SIZE, 1);
		InferenceMode precision = o.precision();
		long maxPixels = o.integerLong("max-pixels", ImageFiles.DEFAULT_MAX_PIXELS);
		if (maxPixels < 1) throw new UsageException("--max-pixels must be at least 1, got " +
			maxPixels);
		UpscalePlan plan = UpscalePlan.of(o.path("input"), o.path("output"), o.flag("overwrite"));
		// the model loads on another thread while the first image is read; Ctrl-C lets the image
		// in hand finish, then stops (see InterruptNotice)
		try (PartFiles.Hold hold = PartFiles.hold(); ModelChoice.ModelLoading model = ModelChoice
			.startLoading(o.require("model"), scale))
		{
			plan.prepare();
			int n = plan.jobs().size();
			int[] failed = { 0 }, written = { 0 };
			long started = System.nanoTime();
			FolderUpscaling.Steps<UpscalePlan.Job> steps = steps(model, precision, tile, maxPixels, o
				.flag("overwrite"), console, n);
			FolderUpscaling.Outcomes<UpscalePlan.Job> outcomes =
				new FolderUpscaling.Outcomes<UpscalePlan.Job>()
				{

					@Override
					public void written(UpscalePlan.Job job, int index, ImagePlus out, long start) {
						written[0]++;
						console.result("%s -> %s (%dx%d, %.1f s)", job.input, job.output, out.getWidth(), out
							.getHeight(), (System.nanoTime() - start) / 1e9);
					}

					@Override
					public void failed(UpscalePlan.Job job, int index, Throwable e) throws Exception {
						if (e instanceof StopRequested || !plan.isBatch() || model.failed()) {
							if (e instanceof Exception) throw (Exception) e;
							throw (Error) e;
						}
						failed[0]++;
						console.progress("failed: %s: %s", job.input.getFileName(), Failures.describe(e, true));
					}
				};
			// several files: the next read and the last written while one is in the network
			try {
				if (n > 1) FolderUpscaling.overlapped(plan.jobs(), steps, outcomes, codecs(model));
				else FolderUpscaling.serial(plan.jobs(), steps, outcomes);
			}
			catch (StopRequested e) {
				return InterruptNotice.STOPPED; // the file in hand was finished and written
			}
			if (plan.isBatch()) console.result("%s", summary(written[0], failed[0], n, (System
				.nanoTime() - started) / 1e9));
			if (failed[0] > 0) throw new IOException(failed[0] + " of " + n +
				" images failed (reasons above); the others were written");
		}
		return 0;
	}

	/** The last line of a folder's run: {@code done 11 of 12 images, 1 failed, 4.2 s}. */
	static String summary(int written, int failed, int total, double seconds) {
		return String.format(java.util.Locale.ROOT, "done %d of %d images, %d failed, %.1f s (%.2f " +
			"s per image)", written, total, failed, seconds, written + failed == 0 ? 0 : seconds /
				(written + failed));
	}

	/** What upscale does to each file. */
	static FolderUpscaling.Steps<UpscalePlan.Job> steps(ModelChoice.ModelLoading loading,
		InferenceMode precision, int tile, long maxPixels, boolean overwrite, Console console,
		int count)
	{
		return new FolderUpscaling.Steps<UpscalePlan.Job>() {

			@Override
			public ImagePlus read(UpscalePlan.Job job) throws IOException {
				return FileUpscaling.read(job.input, maxPixels);
			}

			@Override
			public ImagePlus upscale(UpscalePlan.Job job, int index, ImagePlus in)
				throws IOException
			{
				if (PartFiles.stopRequested()) throw new StopRequested();
				EspcnModel model = loading.get();
				console.progress("[%d/%d] %s: %dx%d, %s, %d plane(s), x%d", index + 1, count, job.input
					.getFileName(), in.getWidth(), in.getHeight(), in.getBitDepth() == 24 ? "RGB" : in
						.getBitDepth() + "-bit", in.getStackSize(), model.scale());
				return FileUpscaling.upscale(model, precision, tile, in, job.output, new ProgressReport(
					console, job.input.getFileName().toString()));
			}

			@Override
			public void write(UpscalePlan.Job job, ImagePlus out) throws IOException {
				FileUpscaling.write(job.output, out, overwrite);
			}
		};
	}

	/**
	 * Where files are read and written beside the network: the inference workers, once the
	 * model has loaded (so that the engine is not started twice at once); on the calling thread
	 * if it failed to load (the network step then reports why).
	 */
	static Executor codecs(ModelChoice.ModelLoading loading) {
		return work -> {
			try {
				loading.get();
			}
			catch (IOException | RuntimeException | Error e) {
				work.run();
				return;
			}
			InferenceThreads.shared().executor().execute(work);
		};
	}

	/** Ctrl-C or kill: no new file is started; the one in hand is finished and written. */
	static final class StopRequested extends RuntimeException {

		private static final long serialVersionUID = 1L;

		StopRequested() {
			super("stop requested", null, false, false);
		}
	}
}
