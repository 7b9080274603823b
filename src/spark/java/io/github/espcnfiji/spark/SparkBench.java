package io.github.espcnfiji.spark;

import io.github.espcnfiji.cli.Cli;
import io.github.espcnfiji.io.ImageFiles;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A developer benchmark (never a test): images per second of {@code upscale} on the same
 * folder, the command line in one JVM against the Spark job in {@code local[1]} and
 * {@code local[2]}, each way in its own JVM (so that none inherits another's threads or loaded
 * model), rounds interleaved; prints a table with the median of each way and the scaling
 * efficiency of local[2] over local[1].
 * <pre>
 * java SPARK_OPTIONS -cp target/ESPCN_-VERSION-spark.jar:SPARK_JARS \
 *     io.github.espcnfiji.spark.SparkBench --data /data/BSDS500-test --count 500 --size 96
 * </pre>
 * With {@code --zarr SIDE}, a SIDE x SIDE uint16 OME-Zarr image instead: output chunks per
 * second.
 * <p>
 * The images are {@code count} crops of {@code size} x {@code size} pixels from the images of
 * {@code --data}, written as PNG into a temporary folder. Times are of the whole job in the JVM
 * (model load and, for Spark, the context's start included) and of the work alone.
 */
public final class SparkBench {

	private static final String[] WAYS = { "cli", "local[1]", "local[2]" };

	private SparkBench() {}

	public static void main(String[] args) throws Exception {
		if (args.length >= 1 && args[0].equals("--child")) System.exit(child(args[1], Arrays
			.copyOfRange(args, 2, args.length)));
		Path data = Path.of(option(args, "--data", "/work/shared/data/BSDS500-test"));
		int count = Integer.parseInt(option(args, "--count", "500"));
		int size = Integer.parseInt(option(args, "--size", "96"));
		int rounds = Integer.parseInt(option(args, "--rounds", "3"));
		String model = option(args, "--model", "x2");
		int zarrSide = Integer.parseInt(option(args, "--zarr", "0"));
		Path work = Files.createTempDirectory("espcn-spark-bench");
		if (zarrSide > 0) {
			zarr(work, zarrSide, model, rounds);
			return;
		}
		Path in = crops(data, work.resolve("in"), count, size);
		System.out.printf(Locale.ROOT, "%d images of %dx%d from %s, model %s, %d round(s), %d " +
			"cores%n", count, size, size, data, model, rounds, Runtime.getRuntime()
				.availableProcessors());
		double[][] perSecond = new double[WAYS.length][rounds];
		double[][] workPerSecond = new double[WAYS.length][rounds];
		for (int r = 0; r < rounds; r++)
			for (int w = 0; w < WAYS.length; w++) {
				Path out = work.resolve("out-" + r + "-" + w);
				long start = System.nanoTime();
				double workSeconds = runChild(WAYS[w], work.resolve("log-" + r + "-" + w), "upscale",
					"--model", model, "--input", in.toString(), "--output", out.toString());
				double wall = (System.nanoTime() - start) / 1e9;
				perSecond[w][r] = count / wall;
				workPerSecond[w][r] = count / workSeconds;
				System.out.printf(Locale.ROOT, "round %d %-9s %6.1f s in the JVM, %6.1f s of work%n", r +
					1, WAYS[w], wall, workSeconds);
			}
		System.out.println();
		System.out.println("| way | images/s (JVM start to end) | images/s (job alone) |");
		System.out.println("|---|---|---|");
		for (int w = 0; w < WAYS.length; w++)
			System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f |%n", WAYS[w], median(perSecond[w]),
				median(workPerSecond[w]));
		System.out.printf(Locale.ROOT, "scaling efficiency local[2] / (2 x local[1]): %.0f%% (job " +
			"alone)%n", 100 * median(workPerSecond[2]) / (2 * median(workPerSecond[1])));
	}

	/**
	 * A SIDE x SIDE uint16 OME-Zarr image (chunks of 256, Blosc lz4) super-resolved the three
	 * ways: output chunks per second.
	 */
	private static void zarr(Path work, int side, String model, int rounds) throws Exception {
		Path in = work.resolve("in.zarr");
		int chunk = 256;
		io.github.espcnfiji.zarr.ZarrArray a = io.github.espcnfiji.zarr.ZarrArray.create(in.resolve(
			"0"), new long[] { side, side }, new int[] { chunk, chunk }, io.github.espcnfiji.zarr.DataType
				.parse("<u2"), io.github.espcnfiji.zarr.Compressor.named("blosc-lz4"), 0, ".");
		for (int y = 0; y < side; y += chunk)
			for (int x = 0; x < side; x += chunk) {
				int h = Math.min(chunk, side - y), w = Math.min(chunk, side - x);
				float[] v = new float[w * h];
				for (int i = 0; i < v.length; i++)
					v[i] = 1000 + (float) (800 * Math.sin((x + i % w) * 0.05) * Math.cos((y + i / w) *
						0.03));
				a.write(new long[] { y, x }, new int[] { h, w }, v);
			}
		new io.github.espcnfiji.zarr.Multiscales(in, null, io.github.espcnfiji.zarr.Multiscales
			.defaultAxes(2), List.of(new io.github.espcnfiji.zarr.Multiscales.Level("0", new double[] {
				1, 1 }, null))).write();
		long outChunks = (long) Math.ceil(2.0 * side / chunk) * (long) Math.ceil(2.0 * side / chunk);
		System.out.printf(Locale.ROOT, "a %dx%d uint16 OME-Zarr image, chunks %d, x2 with %s: %d " +
			"output chunks, %d round(s), %d cores%n", side, side, chunk, model, outChunks, rounds,
			Runtime.getRuntime().availableProcessors());
		double[][] perSecond = new double[WAYS.length][rounds];
		for (int r = 0; r < rounds; r++)
			for (int w = 0; w < WAYS.length; w++) {
				Path out = work.resolve("out-" + r + "-" + w + ".zarr");
				double seconds = runChild(WAYS[w], work.resolve("zlog-" + r + "-" + w), "upscale",
					"--model", model, "--input", in.toString(), "--output", out.toString());
				perSecond[w][r] = outChunks / seconds;
				System.out.printf(Locale.ROOT, "round %d %-9s %6.1f s of work%n", r + 1, WAYS[w],
					seconds);
			}
		System.out.println();
		System.out.println("| way | output chunks/s (job alone) | input Mpx/s |");
		System.out.println("|---|---|---|");
		for (int w = 0; w < WAYS.length; w++)
			System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f |%n", WAYS[w], median(perSecond[w]),
				median(perSecond[w]) / outChunks * side * (double) side / 1e6);
		System.out.printf(Locale.ROOT, "scaling efficiency local[2] / (2 x local[1]): %.0f%%%n",
			100 * median(perSecond[2]) / (2 * median(perSecond[1])));
	}

	/** Runs one way of a command in a new JVM; returns the seconds of its work. */
	private static double runChild(String way, Path log, String... command)
		throws IOException, InterruptedException
	{
		List<String> cmd = new ArrayList<>();
		cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments())
			if (a.startsWith("--add-") || a.startsWith("-XX:+Ignore") || a.startsWith("-D") || a
				.startsWith("-Xmx")) cmd.add(a);
		cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SparkBench.class.getName(),
			"--child", way));
		cmd.addAll(List.of(command));
		Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
			.start();
		if (!p.waitFor(60, TimeUnit.MINUTES)) p.destroyForcibly();
		List<String> lines = Files.readAllLines(log);
		for (String l : lines)
			if (l.startsWith("work-seconds ")) return Double.parseDouble(l.substring(13));
		throw new IOException(way + " failed (exit " + p.exitValue() + "); see " + log);
	}

	private static int child(String way, String[] args) {
		PrintStream o = System.out;
		long start = System.nanoTime();
		int code;
		if (way.equals("cli")) code = Cli.standard().run(args, o, System.err);
		else {
			JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster(way).setAppName(
				"espcn-bench").set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
				.set("spark.driver.bindAddress", "127.0.0.1"));
			start = System.nanoTime(); // the job, not the context's start
			code = SparkJob.run(sc, args, o, System.err);
			sc.stop();
		}
		o.printf(Locale.ROOT, "work-seconds %.3f%n", (System.nanoTime() - start) / 1e9);
		return code;
	}

	private static Path crops(Path data, Path dir, int count, int size) throws IOException {
		Files.createDirectories(dir);
		List<Path> sources = ImageFiles.list(data);
		if (sources.isEmpty()) throw new IOException("no images in " + data);
		int made = 0;
		for (int i = 0; made < count; i++) {
			BufferedImage img = ImageIO.read(sources.get(i % sources.size()).toFile());
			if (img == null || img.getWidth() < size || img.getHeight() < size) {
				if (i > sources.size() && made == 0) throw new IOException("no image of " + data +
					" is at least " + size + " pixels wide and high");
				continue;
			}
			int round = i / sources.size();
			int x = (round * 37) % (img.getWidth() - size + 1), y = (round * 53) % (img.getHeight() -
				size + 1);
			ImageIO.write(img.getSubimage(x, y, size, size), "png", dir.resolve(String.format(
				Locale.ROOT, "crop%05d.png", made++)).toFile());
		}
		return dir;
	}

	private static String option(String[] args, String name, String fallback) {
		int i = Arrays.asList(args).indexOf(name);
		return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
	}

	private static double median(double[] v) {
		double[] s = v.clone();
		Arrays.sort(s);
		return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
	}
}
