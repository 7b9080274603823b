package io.github.espcnfiji.spark;

import io.github.espcnfiji.cli.Options;
import io.github.espcnfiji.cli.UsageException;
import io.github.espcnfiji.core.Tiler;
import io.github.espcnfiji.files.PartFiles;
import io.github.espcnfiji.files.PendingFile;
import io.github.espcnfiji.files.PendingFolder;
import io.github.espcnfiji.model.InferenceMode;
import io.github.espcnfiji.zarr.Compressor;
import io.github.espcnfiji.zarr.DataType;
import io.github.espcnfiji.zarr.Multiscales;
import io.github.espcnfiji.zarr.ZarrArray;
import io.github.espcnfiji.zarr.ZarrUpscaler;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code upscale} of an OME-Zarr image on Spark, equal to the command line's file for file:
 * <ol>
 * <li>for uint16 and float32, the intensity range: one task per group of input chunks, each
 * chunk's min and max, reduced on the driver (min and max do not depend on the order);</li>
 * <li>level 0: one task per group of output chunks ({@code --chunks-per-task}), each chunk made
 * from the input box it needs with the network's halo ({@link ZarrTask});</li>
 * <li>each pyramid level ({@code --pyramid N}) from the one before, one task per group of its
 * chunks;</li>
 * <li>on the driver: the metadata, then the folder is renamed into place.</li>
 * </ol>
 * The output grows in a hidden folder beside the target, {@code .NAME.espcn-spark.part}, whose
 * chunk files are each complete or absent; a rerun after a failure or a kill keeps the chunks
 * there and makes only the missing ones. A complete output is left as it is unless
 * {@code --overwrite}.
 */
final class ZarrJob {

	private ZarrJob() {}

	static boolean accepts(Path input) throws IOException {
		return Multiscales.meantAsZarr(input); // the command line's rule, so the errors are the same
	}

	static SparkJob.Planned plan(Options o) throws Exception {
		if (o.has("max-pixels")) throw new UsageException("--max-pixels is for image files; a " +
			"Zarr image is read chunk by chunk, whatever its size");
		Path input = o.path("input"), output = o.path("output");
		InferenceMode precision = o.precision();
		int tile = o.integer("tile", Tiler.DEFAULT_TILE_SIZE, 1);
		int perTask = o.integer("chunks-per-task", 1, 1);
		ZarrUpscaler.Settings settings = ZarrUpscaler.Settings.defaults().withTileSize(tile)
			.withPyramid(o.integer("pyramid", 0, 0)).withChunk(o.has("chunk") ? o.integer("chunk", 0,
				1) : 0);
		Optional<String> codec = o.string("compressor");
		if (codec.isPresent()) try {
			settings = settings.withCompressor(Compressor.named(codec.get()));
		}
		catch (IllegalArgumentException e) {
			throw new UsageException("--compressor: " + e.getMessage());
		}
		boolean overwrite = o.flag("overwrite");
		String model = o.require("model");
		Path manifest = o.optionalPath("manifest").orElse(Path.of(output.toString() +
			".manifest.csv"));
		boolean complete = !overwrite && Multiscales.isZarr(output);
		// a complete output is left as it is, but never the input or a folder in it
		ZarrUpscaler.checkOutput(input, output, overwrite || complete);
		Manifest.refuseInInput(manifest, input);
		Multiscales source = Multiscales.read(input);
		ZarrArray level0 = ZarrUpscaler.level0(source);
		int scale = new ModelSettings(model, o.scale(), 1, 1).checkOnDriver();
		if (complete && !laidOutAs(output.resolve("0"), level0, scale, settings))
			throw new FileAlreadyExistsException(output.toString(), null, "the output exists and is " +
				"not this job's result (its level 0 is laid out otherwise); add --overwrite to replace " +
				"it, or choose another name");
		ZarrUpscaler.Settings chosen = settings;
		return (sc, out, err) -> {
			if (complete) {
				out.println("done: " + output + " is complete already (add --overwrite to make it " +
					"again)");
				return 0;
			}
			return run(sc, out, source, level0, output, new ModelSettings(model, o.scale(), SparkJob
				.taskCpus(sc), SparkJob.executorCores(sc)), scale, precision, chosen, perTask,
				overwrite, manifest);
		};
	}

	private static int run(JavaSparkContext sc, PrintStream out, Multiscales source,
		ZarrArray level0, Path output, ModelSettings model, int scale, InferenceMode precision,
		ZarrUpscaler.Settings settings, int perTask, boolean overwrite, Path manifestFile)
		throws Exception
	{
		long start = System.nanoTime();
		Path abs = output.toAbsolutePath().normalize();
		Path pending = abs.resolveSibling("." + abs.getFileName() + ".espcn-spark.part");
		if (overwrite) delete(pending);
		double[] range = range(sc, level0, source.root());
		ZarrArray target = level0Of(pending, level0, scale, settings, runSettings(model.model,
			precision, range));
		List<ManifestRow> rows = new ArrayList<>(chunks(sc, ZarrTask.superResolve(model, precision,
			settings.tileSize(), level0.dir(), target.dir(), range), target, perTask, "upscale " +
				source.root() + " x" + scale + " with " + model.model, "level 0"));
		// the pyramid: each level from the one before, in tasks too
		int pyramid = ZarrUpscaler.pyramidLevels(settings);
		ZarrArray previous = target;
		for (int k = 1; k <= pyramid; k++) {
			Path dir = pending.resolve(Integer.toString(k));
			ZarrArray level = Files.isRegularFile(dir.resolve(".zarray")) ? ZarrArray.open(dir)
				: ZarrUpscaler.createLevel(previous, pending, k);
			rows.addAll(chunks(sc, ZarrTask.halve(k, previous.dir(), level.dir()), level, perTask,
				"pyramid level " + k + " of " + output, "level " + k));
			previous = level;
		}
		for (int k = pyramid + 1; Files.isDirectory(pending.resolve(Integer.toString(k))); k++)
			delete(pending.resolve(Integer.toString(k))); // an earlier run's deeper pyramid
		// every task has ended: temporary chunk files left are an attempt's that was killed, on
		// this machine or another, and must not go into the output
		PartFiles.removeAllOf(pending, null);
		// the metadata, then the whole image into place
		Files.delete(pending.resolve(RUN_SETTINGS));
		ZarrUpscaler.writeMetadata(source, pending, scale, pyramid);
		PendingFolder.moveIntoPlace(pending, abs, overwrite);
		Manifest manifest = new Manifest(rows);
		manifest.write(manifestFile);
		out.println(manifest.summary("chunks", (System.nanoTime() - start) / 1e9) + "; " + output +
			"; manifest: " + manifestFile);
		return 0;
	}

	/** Every chunk of {@code level}, {@code perTask} chunks per task, as one Spark job. */
	private static List<ManifestRow> chunks(JavaSparkContext sc, ZarrTask task, ZarrArray level,
		int perTask, String job, String stage)
	{
		List<long[]> chunks = ZarrUpscaler.chunkIndexes(level);
		List<List<long[]>> groups = new ArrayList<>();
		for (int i = 0; i < chunks.size(); i += perTask)
			groups.add(new ArrayList<>(chunks.subList(i, Math.min(chunks.size(), i + perTask))));
		sc.setJobDescription(job + ": " + chunks.size() + " chunks of " + java.util.Arrays.toString(
			level.chunks()));
		sc.sc().setCallSite(stage + ": " + groups.size() + " task(s) of up to " + perTask +
			" chunk(s)");
		List<ManifestRow> rows = new ArrayList<>();
		try {
			for (List<ManifestRow> r : sc.parallelize(groups, Math.max(1, groups.size())).map(
				task::run).collect())
				rows.addAll(r);
		}
		finally {
			sc.sc().clearCallSite();
			sc.setJobDescription(null);
		}
		return rows;
	}

	/**
	 * The file of the pending output that holds what its chunks were made with besides their
	 * layout: {@link #runSettings}. It is removed before the metadata is written.
	 */
	static final String RUN_SETTINGS = ".espcn-spark-run";

	/**
	 * What the chunks' values depend on besides their layout (which level 0's {@code .zarray}
	 * holds): the model as named, the precision and the input's intensity range.
	 */
	static String runSettings(String model, InferenceMode precision, double[] range) {
		return "model=" + model + "\nprecision=" + precision.name() + "\nrange=" + range[0] + "," +
			range[1] + "\n";
	}

	/**
	 * Level 0 of the pending output: made new, or the one an earlier run left if it is laid out
	 * as this run's would be and was made with the same {@link #runSettings} (else the run
	 * stops: the earlier one was asked something else, and its chunks would be mixed in).
	 */
	private static ZarrArray level0Of(Path pending, ZarrArray level0, int scale,
		ZarrUpscaler.Settings settings, String runSettings) throws IOException
	{
		if (!Files.isDirectory(pending)) {
			Files.createDirectories(pending);
			PendingFile.write(pending.resolve(RUN_SETTINGS), false, out -> out.write(runSettings
				.getBytes(StandardCharsets.UTF_8)));
			return ZarrUpscaler.createLevel0(level0, pending, scale, settings);
		}
		Path made = pending.resolve(RUN_SETTINGS);
		boolean sameRun = Files.isRegularFile(made) && Files.readString(made).equals(runSettings);
		if (!sameRun || !laidOutAs(pending.resolve("0"), level0, scale, settings))
			throw new FileAlreadyExistsException(pending.toString(), null, "an earlier run with " +
				"other settings (layout, model, precision or input) left this unfinished output; add " +
				"--overwrite to start again");
		return ZarrArray.open(pending.resolve("0"));
	}

	/** Whether {@code dir} holds the {@code .zarray} this job makes for level 0. */
	private static boolean laidOutAs(Path dir, ZarrArray level0, int scale,
		ZarrUpscaler.Settings settings) throws IOException
	{
		Path meta = dir.resolve(".zarray");
		if (!Files.isRegularFile(meta)) return false;
		Path check = Files.createTempDirectory(dir.toAbsolutePath().getParent().getParent(),
			".espcn-spark-check");
		try {
			ZarrArray expected = ZarrUpscaler.createLevel0(level0, check, scale, settings);
			return Files.readString(meta).equals(Files.readString(expected.dir().resolve(".zarray")));
		}
		finally {
			delete(check);
		}
	}

	/** The input's intensity range: [0, 255] for uint8, else min and max over every chunk. */
	private static double[] range(JavaSparkContext sc, ZarrArray level0, Path root) {
		if (level0.dataType().kind() == DataType.Kind.UINT8) return new double[] { 0, 255 };
		List<long[]> chunks = ZarrUpscaler.chunkIndexes(level0);
		String dir = level0.dir().toString();
		int slices = Math.max(1, Math.min(chunks.size(), sc.defaultParallelism() * 4));
		sc.setJobDescription("intensity range of " + root + ": " + chunks.size() + " chunks");
		try {
			return sc.parallelize(chunks, slices).mapPartitions(part -> {
				ZarrArray a = ZarrArray.open(Path.of(dir));
				double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
				while (part.hasNext()) {
					double[] r = ZarrUpscaler.range(a, part.next());
					lo = Math.min(lo, r[0]);
					hi = Math.max(hi, r[1]);
				}
				return List.of(new double[] { lo, hi }).iterator();
			}).reduce((a, b) -> new double[] { Math.min(a[0], b[0]), Math.max(a[1], b[1]) });
		}
		finally {
			sc.setJobDescription(null);
		}
	}

	private static void delete(Path dir) throws IOException {
		if (!Files.exists(dir)) return;
		try (Stream<Path> s = Files.walk(dir)) {
			for (Path p : s.sorted(Comparator.reverseOrder()).toArray(Path[]::new))
				Files.delete(p);
		}
	}
}
