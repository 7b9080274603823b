package io.github.espcnfiji.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.model.InferenceMode;
import io.github.espcnfiji.zarr.Compressor;
import io.github.espcnfiji.zarr.DataType;
import io.github.espcnfiji.zarr.Multiscales;
import io.github.espcnfiji.zarr.ZarrArray;
import io.github.espcnfiji.zarr.ZarrUpscaler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code upscale} of an OME-Zarr image on Spark ({@code local[2]}): one task per output chunk
 * (or group), the same files as the command line's Zarr output, byte for byte, whether a task
 * fails first or the run is resumed from an unfinished output.
 */
class ZarrUpscaleJobTest {

	private static JavaSparkContext sc;
	@TempDir
	static Path shared;
	private static Path input;
	private static Path cliOutput;
	/**
	 * Chunks of 10 do not divide the 2 x 74 x 58 output (2 x 8 x 6 = 96 chunks); one level of
	 * pyramid (2 x 37 x 29: 2 x 4 x 3 = 24 chunks); zlib.
	 */
	private static final String[] LAYOUT = { "--chunk", "10", "--pyramid", "1", "--compressor",
		"zlib" };

	@BeforeAll
	static void aUint16ImageAndTheCommandLinesOutput() throws IOException {
		int w = 29, h = 37, c = 2;
		float[] data = new float[c * w * h];
		for (int i = 0; i < data.length; i++)
			data[i] = 1000 + (float) (800 * Math.sin(i * 0.37) * Math.cos(i * 0.011));
		input = shared.resolve("in.zarr");
		ZarrArray.create(input.resolve("0"), new long[] { c, h, w }, new int[] { 1, 8, 8 }, DataType
			.parse("<u2"), Compressor.named("blosc-lz4"), 0, "/").write(new long[3], new int[] { c, h,
				w }, data);
		new Multiscales(input, null, Multiscales.defaultAxes(3), List.of(new Multiscales.Level("0",
			new double[] { 1, 0.5, 0.5 }, null))).write();
		cliOutput = shared.resolve("cli.zarr");
		SparkRun cli = SparkRun.cli(args(cliOutput));
		assertEquals(0, cli.code, cli::toString);
		sc = LocalSpark.start();
	}

	@AfterAll
	static void stopSpark() {
		if (sc != null) sc.stop();
	}

	private static String[] args(Path output, String... more) {
		List<String> a = new ArrayList<>(List.of("upscale", "--model", "x2", "--input", input
			.toString(), "--output", output.toString()));
		a.addAll(List.of(LAYOUT));
		a.addAll(List.of(more));
		return a.toArray(new String[0]);
	}

	@Test
	void theSameFilesAsTheCommandLineEvenWhenTasksFailFirst(@TempDir Path tmp) throws IOException {
		Path out = tmp.resolve("out.zarr");
		System.setProperty(FaultInjection.FAIL_FIRST_ATTEMPT, "0/0/3/2,0/1/0/0,1/1/2/1");
		SparkRun run;
		try {
			run = SparkRun.job(sc, args(out, "--chunks-per-task", "3"));
		}
		finally {
			System.clearProperty(FaultInjection.FAIL_FIRST_ATTEMPT);
		}
		assertEquals(0, run.code, run::toString);
		assertEquals(files(cliOutput), files(out));
		// a retried task finds the chunks its first attempt wrote before failing complete
		assertTrue(run.out.contains("done 120 of 120 chunks: "), run::toString);
		assertTrue(run.out.contains(" complete already, 0 failed"), run::toString);
		List<String[]> rows = FolderUpscaleTest.manifest(Path.of(out + ".manifest.csv"));
		assertEquals(120, rows.size());
		int retried = 0;
		for (String[] r : rows)
			if (r[0].endsWith(" chunk 0/0/3/2") || r[0].endsWith(" chunk 0/1/0/0") || r[0].endsWith(
				" chunk 1/1/2/1"))
			{
				assertEquals("1", r[6], String.join(",", r));
				retried++;
			}
		assertEquals(3, retried);

		SparkRun again = SparkRun.job(sc, args(out));
		assertEquals(0, again.code, again::toString);
		assertTrue(again.out.contains("is complete already"), again::toString);

		// --overwrite makes it again and puts it in the previous one's place, leaving nothing aside
		SparkRun replace = SparkRun.job(sc, args(out, "--overwrite"));
		assertEquals(0, replace.code, replace::toString);
		assertEquals(files(cliOutput), files(out));
		try (Stream<Path> left = Files.list(tmp)) {
			assertEquals(List.of("out.zarr", "out.zarr.manifest.csv"), left.map(p -> p.getFileName()
				.toString()).sorted().collect(Collectors.toList()));
		}
	}

	@Test
	void anUnfinishedOutputIsResumedWithOnlyTheMissingChunks(@TempDir Path tmp)
		throws IOException
	{
		// what a killed run leaves: some chunks of level 0 in the hidden folder, no pyramid, no
		// metadata, and temporary files of its killed attempts
		Path out = tmp.resolve("out.zarr");
		Path pending = tmp.resolve(".out.zarr.espcn-spark.part");
		copy(cliOutput, pending);
		delete(pending.resolve("1"));
		Files.delete(pending.resolve(".zattrs"));
		Files.delete(pending.resolve(".zgroup"));
		List<Path> chunks;
		try (Stream<Path> s = Files.walk(pending.resolve("0"))) {
			chunks = s.filter(p -> Files.isRegularFile(p) && !p.getFileName().toString().startsWith(
				".")).sorted().collect(Collectors.toList());
		}
		for (int i = 0; i < chunks.size(); i += 3)
			Files.delete(chunks.get(i));
		int missing = (chunks.size() + 2) / 3;
		// and the half-written chunk of an attempt killed on another machine
		Path killed = chunks.get(0);
		Files.write(killed.resolveSibling("." + killed.getFileName() +
			".espcn-4242-another-machine-k3j9.part"), new byte[] { 1, 2, 3 });
		Files.writeString(pending.resolve(ZarrJob.RUN_SETTINGS), ZarrJob.runSettings("x2",
			InferenceMode.FP32, inputRange()));

		SparkRun run = SparkRun.job(sc, args(out));
		assertEquals(0, run.code, run::toString);
		assertTrue(run.out.contains("120 of 120 chunks: " + (missing + 24) + " written, " + (96 -
			missing) + " complete already"), run::toString);
		assertEquals(files(cliOutput), files(out));
		assertFalse(Files.exists(pending));
	}

	@Test
	void anEarlierRunWithOtherSettingsIsNotMixedIn(@TempDir Path tmp) throws IOException {
		Path out = tmp.resolve("out.zarr");
		Path pending = tmp.resolve(".out.zarr.espcn-spark.part");
		copy(cliOutput, pending);
		SparkRun run = SparkRun.job(sc, "upscale", "--model", "x2", "--input", input.toString(),
			"--output", out.toString(), "--chunk", "12");
		assertEquals(1, run.code, run::toString);
		assertTrue(run.lastError().contains(pending + ": an earlier run with other settings"),
			run::toString);
		assertFalse(Files.exists(out));
	}

	@Test
	void anEarlierRunWithAnotherPrecisionIsNotMixedIn(@TempDir Path tmp) throws IOException {
		// what a killed fp32 run leaves, its chunks laid out as this run's would be; resumed in
		// bf16, its chunks would be mixed with bf16 ones
		Path out = tmp.resolve("out.zarr");
		Path pending = tmp.resolve(".out.zarr.espcn-spark.part");
		copy(cliOutput, pending);
		delete(pending.resolve("1"));
		Files.delete(pending.resolve(".zattrs"));
		Files.delete(pending.resolve(".zgroup"));
		try (Stream<Path> s = Files.walk(pending.resolve("0"))) {
			Files.delete(s.filter(p -> Files.isRegularFile(p) && !p.getFileName().toString()
				.startsWith(".")).sorted().findFirst().orElseThrow());
		}
		Files.writeString(pending.resolve(ZarrJob.RUN_SETTINGS), ZarrJob.runSettings("x2",
			InferenceMode.FP32, inputRange()));
		Map<String, String> before = files(pending);
		SparkRun run = SparkRun.job(sc, args(out, "--precision", "bf16"));
		assertEquals(1, run.code, run::toString);
		assertTrue(run.lastError().contains(pending + ": an earlier run with other settings"),
			run::toString);
		assertFalse(Files.exists(out));
		assertEquals(before, files(pending));
	}

	/** The input's intensity range, as the job finds it. */
	private static double[] inputRange() throws IOException {
		ZarrArray a = ZarrArray.open(input.resolve("0"));
		double[] range = { Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY };
		for (long[] c : ZarrUpscaler.chunkIndexes(a)) {
			double[] r = ZarrUpscaler.range(a, c);
			range[0] = Math.min(range[0], r[0]);
			range[1] = Math.max(range[1], r[1]);
		}
		return range;
	}

	/** Every file under {@code root} (hidden ones too) by relative path, with its bytes. */
	static Map<String, String> files(Path root) throws IOException {
		Map<String, String> m = new TreeMap<>();
		try (Stream<Path> s = Files.walk(root)) {
			for (Path p : s.filter(Files::isRegularFile).collect(Collectors.toList()))
				m.put(root.relativize(p).toString(), java.util.Base64.getEncoder().encodeToString(Files
					.readAllBytes(p)));
		}
		return m;
	}

	private static void copy(Path from, Path to) throws IOException {
		try (Stream<Path> s = Files.walk(from)) {
			for (Path p : s.collect(Collectors.toList())) {
				Path t = to.resolve(from.relativize(p).toString());
				if (Files.isDirectory(p)) Files.createDirectories(t);
				else Files.copy(p, t);
			}
		}
	}

	private static void delete(Path dir) throws IOException {
		try (Stream<Path> s = Files.walk(dir)) {
			for (Path p : s.sorted(java.util.Comparator.reverseOrder()).collect(Collectors.toList()))
				Files.delete(p);
		}
	}
}
