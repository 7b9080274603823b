package io.github.espcnfiji.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.io.BrokenImages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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
 * {@code upscale} of a folder on Spark ({@code local[2]}, two attempts per task) writes the same
 * files as the command line, byte for byte; resumes; survives a failed first attempt; and lists
 * damaged files without stopping.
 */
class FolderUpscaleTest {

	private static JavaSparkContext sc;
	@TempDir
	static Path shared;
	private static Path images;
	private static Path cliOutput;

	@BeforeAll
	static void startSparkAndRunTheCommandLine() throws IOException {
		images = Files.createDirectories(shared.resolve("images"));
		BrokenImages.png(images.resolve("a.png"), 64, 48);
		BrokenImages.png(images.resolve("b.png"), 33, 70);
		BrokenImages.jpeg(images.resolve("c.jpg"), 50, 50);
		BrokenImages.png(images.resolve("d.png"), 90, 31);
		cliOutput = shared.resolve("cli");
		SparkRun cli = SparkRun.cli("upscale", "--model", "x2", "--input", images.toString(),
			"--output", cliOutput.toString());
		assertEquals(0, cli.code, cli::toString);
		sc = LocalSpark.start();
	}

	@AfterAll
	static void stopSpark() {
		if (sc != null) sc.stop();
	}

	@Test
	void writesTheCommandLinesFilesByteForByteAndARerunSkipsThem(@TempDir Path tmp)
		throws IOException
	{
		Path out = tmp.resolve("out");
		// what an attempt killed on another machine left (that machine's processes are unknown
		// here): removed once every task has ended
		Files.createDirectories(out);
		Files.write(out.resolve(".a.png.espcn-4242-another-machine-k3j9.part"), new byte[] { 1 });
		SparkRun run = SparkRun.job(sc, "upscale", "--model", "x2", "--input", images.toString(),
			"--output", out.toString());
		assertEquals(0, run.code, run::toString);
		assertSameFiles(cliOutput, out);
		assertTrue(run.out.contains("done 4 of 4 images: 4 written, 0 complete already, 0 failed"),
			run::toString);
		List<String[]> rows = manifest(Path.of(out + ".manifest.csv"));
		assertEquals(4, rows.size());
		for (String[] r : rows) {
			assertEquals("written", r[2]);
			assertEquals(Long.toString(Files.size(Path.of(r[1]))), r[3]);
		}
		int loads = ExecutorModel.loads();

		Map<Path, FileTime> before = times(out);
		SparkRun again = SparkRun.job(sc, "upscale", "--model", "x2", "--input", images.toString(),
			"--output", out.toString());
		assertEquals(0, again.code, again::toString);
		assertTrue(again.out.contains("4 of 4 images: 0 written, 4 complete already"),
			again::toString);
		assertEquals(before, times(out));
		assertEquals(loads, ExecutorModel.loads(), "the model loads once per JVM, not per job");

		SparkRun replace = SparkRun.job(sc, "upscale", "--model", "x2", "--input", images.toString(),
			"--output", out.toString(), "--overwrite");
		assertEquals(0, replace.code, replace::toString);
		assertTrue(replace.out.contains("4 written, 0 complete already"), replace::toString);
		assertSameFiles(cliOutput, out);
	}

	@Test
	void aTaskThatFailsOnItsFirstAttemptIsRetriedAndEveryOutputIsComplete(@TempDir Path tmp)
		throws IOException
	{
		Path out = tmp.resolve("out");
		System.setProperty(FaultInjection.FAIL_FIRST_ATTEMPT, "b.png,d.png");
		SparkRun run;
		try {
			run = SparkRun.job(sc, "upscale", "--model", "x2", "--input", images.toString(),
				"--output", out.toString());
		}
		finally {
			System.clearProperty(FaultInjection.FAIL_FIRST_ATTEMPT);
		}
		assertEquals(0, run.code, run::toString);
		assertSameFiles(cliOutput, out);
		for (String[] r : manifest(Path.of(out + ".manifest.csv")))
			assertEquals(r[0].endsWith("b.png") || r[0].endsWith("d.png") ? "1" : "0", r[6], String
				.join(",", r));
	}

	@Test
	void aGlobTakesTheMatchingFiles(@TempDir Path tmp) throws IOException {
		Path out = tmp.resolve("out");
		SparkRun run = SparkRun.job(sc, "upscale", "--model", "x2", "--input", images.resolve(
			"*.png").toString(), "--output", out.toString());
		assertEquals(0, run.code, run::toString);
		assertEquals(List.of("a.png", "b.png", "d.png"), names(out));
		for (String n : names(out))
			assertArrayEquals(Files.readAllBytes(cliOutput.resolve(n)), Files.readAllBytes(out
				.resolve(n)), n);
	}

	@Test
	void damagedFilesAreListedTheOthersWrittenAndTheExitCodeIsOne(@TempDir Path tmp)
		throws IOException
	{
		Path in = Files.createDirectories(tmp.resolve("in"));
		Files.copy(images.resolve("a.png"), in.resolve("a.png"));
		BrokenImages.truncate(BrokenImages.png(in.resolve("cut.png"), 64, 64), 100);
		Files.writeString(in.resolve("text.tif"), "not an image");
		Path out = tmp.resolve("out");
		SparkRun run = SparkRun.job(sc, "upscale", "--model", "x2", "--input", in.toString(),
			"--output", out.toString());
		assertEquals(1, run.code, run::toString);
		assertEquals(List.of("a.png"), names(out));
		assertArrayEquals(Files.readAllBytes(cliOutput.resolve("a.png")), Files.readAllBytes(out
			.resolve("a.png")));
		assertTrue(run.lastError().startsWith("error: 2 of 3 images failed (listed in "), run::toString);
		Map<String, String> status = new TreeMap<>();
		for (String[] r : manifest(Path.of(out + ".manifest.csv")))
			status.put(Path.of(r[0]).getFileName().toString(), r[2] + (r[2].equals("failed") ? ":" +
				r[7].startsWith(Path.of(r[0]).getFileName() + ": ") : ""));
		assertEquals(Map.of("a.png", "written", "cut.png", "failed:true", "text.tif",
			"failed:true"), status, () -> run + "\n" + read(Path.of(out + ".manifest.csv")));
		assertFalse(run.err.contains("\tat "), "no stack trace");
	}

	@Test
	void aModelThatTheExecutorsCannotLoadStopsTheJobWithOneLine(@TempDir Path tmp)
		throws IOException
	{
		// the driver reads the card; the executors find the weights damaged
		Path model = Files.createDirectories(tmp.resolve("damaged-x2"));
		Files.copy(Path.of("models", "espcn-x2", "card.json"), model.resolve("card.json"));
		Files.writeString(model.resolve("weights.npz"), "not a weights file");
		Path out = tmp.resolve("out");
		SparkRun run = SparkRun.job(sc, "upscale", "--model", model.toString(), "--input", images
			.toString(), "--output", out.toString());
		assertEquals(1, run.code, run::toString);
		assertTrue(run.lastError().startsWith("error: model " + model +
			" cannot be loaded on executor "), run::toString);
		assertEquals(1, run.err.strip().split("\\R").length, run::toString);
		assertEquals(List.of(), names(out));
	}

	/** The CSV rows of a manifest (fields quoted where they hold a comma or a quote). */
	static List<String[]> manifest(Path file) throws IOException {
		List<String> lines = Files.readAllLines(file);
		assertEquals(Manifest.HEADER, lines.get(0));
		List<String[]> rows = new ArrayList<>();
		for (String l : lines.subList(1, lines.size())) {
			List<String> fields = new ArrayList<>();
			StringBuilder f = new StringBuilder();
			boolean quoted = false;
			for (int i = 0; i < l.length(); i++) {
				char c = l.charAt(i);
				if (quoted && c == '"' && i + 1 < l.length() && l.charAt(i + 1) == '"') {
					f.append('"');
					i++;
				}
				else if (c == '"') quoted = !quoted;
				else if (c == ',' && !quoted) {
					fields.add(f.toString());
					f.setLength(0);
				}
				else f.append(c);
			}
			fields.add(f.toString());
			assertEquals(8, fields.size(), l);
			rows.add(fields.toArray(new String[0]));
		}
		return rows;
	}

	static void assertSameFiles(Path expected, Path actual) throws IOException {
		assertEquals(names(expected), names(actual));
		for (String n : names(expected))
			assertArrayEquals(Files.readAllBytes(expected.resolve(n)), Files.readAllBytes(actual
				.resolve(n)), n);
	}

	/** The names in a folder, hidden (temporary) files included. */
	static List<String> names(Path dir) throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException e) {
			return e.toString();
		}
	}

	private static Map<Path, FileTime> times(Path dir) throws IOException {
		Map<Path, FileTime> t = new TreeMap<>();
		try (Stream<Path> s = Files.list(dir)) {
			for (Path p : s.collect(Collectors.toList()))
				t.put(p, Files.getLastModifiedTime(p));
		}
		return t;
	}
}
