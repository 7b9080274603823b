package io.github.espcnfiji.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ShortProcessor;
import io.github.espcnfiji.io.VideoFiles;
import io.github.espcnfiji.video.AviWriter;
import io.github.espcnfiji.video.Frame;
import io.github.espcnfiji.video.FrameSink;
import io.github.espcnfiji.video.VideoInfo;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import net.imglib2.img.array.ArrayImgs;

import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code video} on Spark ({@code local[2]}, two attempts per task), frame ranges as tasks: the
 * output equals the command line's {@code video} of the same input byte for byte, for a y4m
 * file and for folders of frames (16-bit frames mapped by the whole series' range across tasks);
 * a range that fails on its first attempt is retried; a rerun keeps the complete ranges.
 */
class VideoJobTest {

	private static JavaSparkContext sc;
	@TempDir
	static Path shared;
	private static Path y4m;
	private static Path cliY4m;

	@BeforeAll
	static void startSpark() throws IOException {
		y4m = video(shared.resolve("clip.y4m"), 40, 30, 7);
		cliY4m = shared.resolve("cli.y4m");
		SparkRun cli = SparkRun.cli("video", "--model", "x2", "--input", y4m.toString(), "--output",
			cliY4m.toString());
		assertEquals(0, cli.code, cli::toString);
		sc = LocalSpark.start();
	}

	@AfterAll
	static void stopSpark() {
		if (sc != null) sc.stop();
	}

	@Test
	void aY4mIsCutIntoRangesAndAssembledAsTheCommandLineWritesIt(@TempDir Path tmp)
		throws IOException
	{
		Path out = tmp.resolve("out.y4m");
		System.setProperty(FaultInjection.FAIL_FIRST_ATTEMPT, "000004-000006");
		SparkRun run;
		try {
			run = SparkRun.job(sc, "video", "--model", "x2", "--input", y4m.toString(), "--output",
				out.toString(), "--frames-per-task", "3");
		}
		finally {
			System.clearProperty(FaultInjection.FAIL_FIRST_ATTEMPT);
		}
		assertEquals(0, run.code, run::toString);
		assertArrayEquals(Files.readAllBytes(cliY4m), Files.readAllBytes(out));
		assertTrue(run.out.contains("done 3 of 3 frame ranges: 3 written, 0 complete already, 0 " +
			"failed"), run::toString);
		List<String[]> rows = manifest(Path.of(out + ".manifest.csv"));
		assertEquals(List.of("[frames 1-3]", "[frames 4-6]", "[frames 7-7]"), rows.stream().map(
			r -> r[0].substring(r[0].indexOf('['))).collect(Collectors.toList()));
		assertEquals(List.of("0", "1", "0"), rows.stream().map(r -> r[6]).collect(Collectors
			.toList()), "attempts");
		assertFalse(Files.exists(tmp.resolve(".out.y4m.espcn-spark.part")), "the parts are removed");

		SparkRun again = SparkRun.job(sc, "video", "--model", "x2", "--input", y4m.toString(),
			"--output", out.toString(), "--frames-per-task", "3");
		assertEquals(0, again.code, again::toString);
		assertTrue(again.out.contains("complete already"), again::toString);

		SparkRun some = SparkRun.job(sc, "video", "--model", "x2", "--input", y4m.toString(),
			"--output", out.toString(), "--frames-per-task", "2", "--frames", "4", "--overwrite");
		assertEquals(0, some.code, some::toString);
		Path four = tmp.resolve("cli4.y4m");
		SparkRun cli = SparkRun.cli("video", "--model", "x2", "--input", y4m.toString(), "--output",
			four.toString(), "--frames", "4");
		assertEquals(0, cli.code, cli::toString);
		assertArrayEquals(Files.readAllBytes(four), Files.readAllBytes(out));
	}

	@Test
	void sixteenBitFramesAreMappedByTheWholeSeriesRangeAcrossTasks(@TempDir Path tmp)
		throws IOException
	{
		Path frames = Files.createDirectories(tmp.resolve("frames"));
		for (int k = 0; k < 5; k++) {
			ShortProcessor p = new ShortProcessor(24, 20);
			for (int y = 0; y < 20; y++)
				for (int x = 0; x < 24; x++)
					p.set(x, y, 1000 * k + 37 * x + 11 * y * (k + 1));
			new FileSaver(new ImagePlus("f", p)).saveAsTiff(frames.resolve(String.format("f%02d.tif",
				k)).toString());
		}
		Path cliOut = tmp.resolve("cli"), out = tmp.resolve("out");
		SparkRun cli = SparkRun.cli("video", "--model", "x2", "--input", frames.toString(),
			"--output", cliOut.toString());
		assertEquals(0, cli.code, cli::toString);
		SparkRun run = SparkRun.job(sc, "video", "--model", "x2", "--input", frames.toString(),
			"--output", out.toString(), "--frames-per-task", "2");
		assertEquals(0, run.code, run::toString);
		assertSameFiles(cliOut, out);
	}

	@Test
	void aDamagedFrameFailsItsRangeAndTheRerunKeepsTheOtherRanges(@TempDir Path tmp)
		throws IOException
	{
		Path frames = Files.createDirectories(tmp.resolve("frames"));
		for (int k = 0; k < 6; k++)
			png(frames.resolve(String.format("%03d.png", k)), 36, 28, k);
		Path cliOut = tmp.resolve("cli.y4m"), out = tmp.resolve("out.y4m");
		SparkRun cli = SparkRun.cli("video", "--model", "x2", "--input", frames.toString(),
			"--output", cliOut.toString());
		assertEquals(0, cli.code, cli::toString);

		byte[] good = Files.readAllBytes(frames.resolve("003.png"));
		Files.write(frames.resolve("003.png"), Arrays.copyOf(good, 60));
		SparkRun broken = SparkRun.job(sc, "video", "--model", "x2", "--input", frames.toString(),
			"--output", out.toString(), "--frames-per-task", "2");
		assertEquals(1, broken.code, broken::toString);
		assertFalse(Files.exists(out), broken::toString);
		assertTrue(broken.err.contains("frames 3-4: ") && broken.err.contains("003.png"),
			broken::toString);
		assertEquals(List.of("written", "failed", "written"), statuses(out));

		Files.write(frames.resolve("003.png"), good);
		SparkRun rerun = SparkRun.job(sc, "video", "--model", "x2", "--input", frames.toString(),
			"--output", out.toString(), "--frames-per-task", "2");
		assertEquals(0, rerun.code, rerun::toString);
		assertEquals(List.of("skipped", "written", "skipped"), statuses(out));
		assertArrayEquals(Files.readAllBytes(cliOut), Files.readAllBytes(out));

		SparkRun other = SparkRun.job(sc, "video", "--model", "x2", "--input", frames.toString(),
			"--output", tmp.resolve("x.avi").toString());
		assertEquals(2, other.code, other::toString);
		assertEquals(1, other.err.strip().split("\\R").length, other::toString);
	}

	@Test
	void badInputsAreOneLineNamingTheFileBeforeSparkStarts(@TempDir Path tmp) throws IOException {
		Path missing = tmp.resolve("missing.y4m");
		Path cut = tmp.resolve("cut.y4m");
		byte[] whole = Files.readAllBytes(y4m);
		Files.write(cut, Arrays.copyOf(whole, whole.length - 100));
		Path avi = tmp.resolve("clip.avi");
		try (FrameSink sink = VideoFiles.create(avi,
			VideoInfo.ofImages(8, 8, 1, 25),
			AviWriter.Compression.PNG, false))
		{
			sink.write(Frame.of(0, ArrayImgs.unsignedBytes(8, 8)));
			sink.finish();
		}
		String[][] cases = { { missing.toString(), tmp.resolve("a.y4m").toString(),
			"missing.y4m" }, { cut.toString(), tmp.resolve("b.y4m").toString(),
				"cut.y4m is truncated: frame 7" }, { y4m.toString(), y4m.toString(), "is the input" }, {
					avi.toString(), tmp.resolve("c.y4m").toString(), "clip.avi: the Spark job reads a " +
						".y4m video or a folder of frames" } };
		for (String[] c : cases) {
			SparkRun run = SparkRun.planOnly("video", "--model", "x2", "--input", c[0], "--output",
				c[1]);
			assertEquals(1, run.code, run::toString);
			assertEquals(1, run.err.strip().split("\\R").length, run::toString);
			assertTrue(run.err.contains(c[2]), run::toString);
		}
		try (Stream<Path> s = Files.list(tmp)) {
			assertEquals(List.of("clip.avi", "cut.y4m"), s.map(p -> p.getFileName().toString())
				.sorted().collect(Collectors.toList()), "nothing written");
		}
	}

	/** A y4m of {@code n} 4:2:0 frames with moving content. */
	private static Path video(Path file, int w, int h, int n) throws IOException {
		ByteArrayOutputStream b = new ByteArrayOutputStream();
		b.write(("YUV4MPEG2 W" + w + " H" + h + " F25:1 Ip A1:1 C420jpeg\n").getBytes(
			StandardCharsets.US_ASCII));
		for (int k = 0; k < n; k++) {
			b.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					b.write((x * 5 + y * 3 + k * 17 + (x * y) % 29) & 0xff);
			for (int c = 0; c < 2; c++)
				for (int i = 0; i < (w / 2) * (h / 2); i++)
					b.write(128 + ((i * (c + 3) + k * 7) % 40) - 20);
		}
		Files.write(file, b.toByteArray());
		return file;
	}

	private static void png(Path file, int w, int h, int k) throws IOException {
		BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				img.setRGB(x, y, ((x * 7 + k * 13) & 0xff) << 16 | ((y * 9 + x * k) & 0xff) << 8 | ((x + y
					+ 40 * k) & 0xff));
		ImageIO.write(img, "png", file.toFile());
	}

	private static List<String> statuses(Path out) throws IOException {
		return manifest(Path.of(out + ".manifest.csv")).stream().map(r -> r[2]).collect(Collectors
			.toList());
	}

	private static List<String[]> manifest(Path file) throws IOException {
		List<String> lines = Files.readAllLines(file);
		assertEquals(Manifest.HEADER, lines.get(0));
		List<String[]> rows = new ArrayList<>();
		for (String l : lines.subList(1, lines.size()))
			rows.add(l.split(",", -1));
		return rows;
	}

	private static void assertSameFiles(Path expected, Path actual) throws IOException {
		List<String> names = names(expected);
		assertEquals(names, names(actual));
		assertFalse(names.isEmpty());
		for (String n : names)
			assertArrayEquals(Files.readAllBytes(expected.resolve(n)), Files.readAllBytes(actual
				.resolve(n)), n);
	}

	private static List<String> names(Path folder) throws IOException {
		try (Stream<Path> s = Files.list(folder)) {
			return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
		}
	}
}
