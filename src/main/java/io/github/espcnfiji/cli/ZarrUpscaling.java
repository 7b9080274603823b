package io.github.espcnfiji.cli;

import io.github.espcnfiji.core.Tiler;
import io.github.espcnfiji.files.PartFiles;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.model.InferenceMode;
import io.github.espcnfiji.zarr.Compressor;
import io.github.espcnfiji.zarr.Multiscales;
import io.github.espcnfiji.zarr.ZarrUpscaler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * {@code upscale} of an OME-Zarr (or plain Zarr v2) image: the options read, the model loaded,
 * one call to {@link ZarrUpscaler}, a line per output chunk on stderr.
 */
final class ZarrUpscaling {

	/** The options only a Zarr input takes. */
	static final String[] OPTIONS = { "pyramid", "chunk", "compressor" };

	private ZarrUpscaling() {}

	/** Whether {@code input} is a Zarr folder, which upscale hands to {@link #run}. */
	static boolean accepts(Path input) throws IOException {
		return Multiscales.meantAsZarr(input);
	}

	static int run(Options o, Console console) throws Exception {
		Path input = o.path("input"), output = o.path("output");
		InferenceMode precision = o.precision();
		ZarrUpscaler.Settings settings = ZarrUpscaler.Settings.defaults().withTileSize(o.integer(
			"tile", Tiler.DEFAULT_TILE_SIZE, 1)).withPyramid(o.integer("pyramid", 0, 0)).withChunk(o
				.has("chunk") ? o.integer("chunk", 0, 1) : 0).withCancellation(PartFiles::stopRequested);
		Optional<String> codec = o.string("compressor");
		if (codec.isPresent()) try {
			settings = settings.withCompressor(Compressor.named(codec.get()));
		}
		catch (IllegalArgumentException e) {
			throw new UsageException("--compressor: " + e.getMessage());
		}
		ZarrUpscaler.checkOutput(input, output, o.flag("overwrite")); // before the model loads
		long start = System.nanoTime();
		// Ctrl-C: the chunk in hand is finished, then the unfinished output is removed
		InterruptNotice.describeWith(() -> "the output " + output + " was not completed");
		try (PartFiles.Hold hold = PartFiles.hold(); ModelChoice.ModelLoading loading = ModelChoice
			.startLoading(o.require("model"), o.scale()))
		{
			EspcnModel model = loading.get();
			ZarrUpscaler.Progress progress = new ZarrUpscaler.Progress() {

				@Override
				public void chunk(int level, long done, long total) {
					double s = (System.nanoTime() - start) / 1e9;
					console.progress("  level %d: chunk %d/%d (%.1f s)", level, done, total, s);
				}

				@Override
				public void stage(String what) {
					console.progress("%s: %s", input.getFileName(), what);
				}
			};
			Multiscales out;
			try {
				out = new ZarrUpscaler(model.upscaler(precision), settings, progress).write(input, output,
					o.flag("overwrite"));
			}
			catch (CancellationException e) {
				if (!PartFiles.stopRequested()) throw e;
				return InterruptNotice.STOPPED;
			}
			console.result("%s -> %s (x%d, %d level(s), %.1f s)", input, out.root(), model.scale(), out
				.levels().size(), (System.nanoTime() - start) / 1e9);
		}
		return 0;
	}
}
