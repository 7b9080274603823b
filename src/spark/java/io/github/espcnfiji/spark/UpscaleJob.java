package io.github.espcnfiji.spark;

import io.github.espcnfiji.cli.OptionSpec;
import io.github.espcnfiji.cli.Options;
import io.github.espcnfiji.cli.UpscalePlan;
import io.github.espcnfiji.cli.UsageException;
import io.github.espcnfiji.core.Tiler;
import io.github.espcnfiji.files.PartFiles;
import io.github.espcnfiji.io.ImageFiles;
import io.github.espcnfiji.model.InferenceMode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code upscale} on Spark: every image of a folder or glob, one task per file, largest files
 * first (so that a big one does not start last); the files equal the command line's
 * {@code upscale} of the same folder byte for byte. A rerun skips outputs that are complete
 * (unless {@code --overwrite}); a CSV manifest says what became of each input.
 */
final class UpscaleJob implements SparkJob.Kind {

	@Override
	public OptionSpec options() {
		return new OptionSpec().required("model", "x2|x3|x4|PATH",
			"a bundled model or a model every executor reads at this path").required("input",
				"DIR|GLOB|ZARR", "a folder of images, a glob of file names ('/data/*.tif'), or a " +
					"Zarr image").required("output", "DIR", "the output folder (or .zarr folder)")
			.optional("scale", "N", "check that the model is for this scale").optional("tile", "N",
				"largest tile side in input pixels (default " + Tiler.DEFAULT_TILE_SIZE + ")").optional(
					"precision", InferenceMode.PRECISIONS, InferenceMode.PRECISION_HELP).optional(
						"max-pixels", "N", "refuse inputs with more pixels per plane").optional("manifest",
							"FILE", "the CSV record (default OUTPUT.manifest.csv)").optional("pyramid", "N",
								"Zarr: add N levels").optional("chunk", "N", "Zarr: output chunk side").optional(
									"compressor", "NAME", "Zarr: the output's compressor").optional("chunks-per-task",
										"N", "Zarr: output chunks per task (default 1)").flag("overwrite",
											"replace existing outputs (else a rerun skips the complete ones)");
	}

	@Override
	public SparkJob.Planned plan(Options o) throws Exception {
		if (ZarrJob.accepts(o.path("input"))) return ZarrJob.plan(o);
		for (String zarrOnly : new String[] { "pyramid", "chunk", "compressor", "chunks-per-task" })
			if (o.has(zarrOnly)) throw new UsageException("--" + zarrOnly + " is for Zarr inputs");
		Optional<Integer> scale = o.scale();
		int tile = o.integer("tile", Tiler.DEFAULT_TILE_SIZE, 1);
		InferenceMode precision = o.precision();
		long maxPixels = o.integerLong("max-pixels", ImageFiles.DEFAULT_MAX_PIXELS);
		if (maxPixels < 1) throw new UsageException("--max-pixels must be at least 1");
		boolean overwrite = o.flag("overwrite");
		String model = o.require("model");
		Path output = o.path("output");
		Path manifest = o.optionalPath("manifest").orElse(Path.of(output.toString() +
			".manifest.csv"));
		String input = o.require("input");
		List<UpscalePlan.Job> jobs = ImageInputs.plan(input, output);
		Manifest.refuseInInput(manifest, ImageInputs.folder(input));
		if (Files.exists(output) && !Files.isDirectory(output)) throw new IOException("--output " +
			output + " is a file; the Spark job writes a folder");
		new ModelSettings(model, scale, 1, 1).checkOnDriver();
		return (sc, out, err) -> run(sc, out, err, jobs, new ModelSettings(model, scale, SparkJob
			.taskCpus(sc), SparkJob.executorCores(sc)), precision, tile, maxPixels, overwrite,
			input, output, manifest);
	}

	private static int run(JavaSparkContext sc, PrintStream out, PrintStream err,
		List<UpscalePlan.Job> jobs, ModelSettings model, InferenceMode precision, int tile,
		long maxPixels, boolean overwrite, String input, Path output, Path manifestFile)
		throws IOException
	{
		Files.createDirectories(output);
		// one task per file, the largest first
		List<String[]> work = new ArrayList<>();
		for (UpscalePlan.Job j : jobs)
			work.add(new String[] { j.input.toString(), j.output.toString(), Long.toString(Files.size(
				j.input)) });
		work.sort(Comparator.comparingLong((String[] w) -> Long.parseLong(w[2])).reversed());
		FileTask task = new FileTask(model, precision, tile, maxPixels, overwrite);
		String what = "upscale " + jobs.size() + " image(s) of " + input + " with " + model.model +
			" into " + output;
		sc.setJobDescription(what);
		sc.sc().setCallSite("upscale " + jobs.size() + " image(s): one task per file");
		long start = System.nanoTime();
		List<ManifestRow> rows;
		try {
			rows = sc.parallelize(work, Math.max(1, work.size())).map(w -> task.run(w[0], w[1]))
				.collect();
		}
		finally {
			sc.sc().clearCallSite();
			sc.setJobDescription(null);
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		// every task has ended: temporary files of its outputs are an attempt's that was killed,
		// on this machine or another (which the next write into the folder could not tell)
		Map<Path, Set<String>> targets = new HashMap<>();
		for (UpscalePlan.Job j : jobs)
			targets.computeIfAbsent(j.output.toAbsolutePath().getParent(), d -> new HashSet<>()).add(
				j.output.getFileName().toString());
		for (Map.Entry<Path, Set<String>> e : targets.entrySet())
			PartFiles.removeAllOf(e.getKey(), e.getValue());
		// the manifest in the order the inputs were listed
		Map<String, ManifestRow> byInput = new HashMap<>();
		for (ManifestRow r : rows)
			byInput.put(r.input, r);
		List<ManifestRow> ordered = new ArrayList<>();
		for (UpscalePlan.Job j : jobs)
			ordered.add(byInput.get(j.input.toString()));
		Manifest manifest = new Manifest(ordered);
		manifest.write(manifestFile);
		for (ManifestRow r : ordered)
			if (r.status == ManifestRow.Status.FAILED) err.println("failed: " + r.message);
		out.println(manifest.summary("images", seconds) + "; manifest: " + manifestFile);
		long failed = manifest.count(ManifestRow.Status.FAILED);
		if (failed > 0) {
			err.println("error: " + failed + " of " + jobs.size() + " images failed (listed in " +
				manifestFile + "); the others were written");
			return 1;
		}
		return 0;
	}
}
