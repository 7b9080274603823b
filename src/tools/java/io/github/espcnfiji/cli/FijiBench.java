package io.github.espcnfiji.cli;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import io.github.espcnfiji.core.SuperResolver;
import io.github.espcnfiji.ij1.ImagePlusUpscaling;
import io.github.espcnfiji.io.ImageFiles;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.model.EspcnSpec;
import io.github.espcnfiji.model.InferenceMode;
import io.github.espcnfiji.model.ModelFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code bench --sections fiji}: the paths Fiji users take, beside the command line and OpenCV.
 * <ul>
 * <li>A stack of {@link #SLICES} 8-bit slices as one TIFF file, opened, super-resolved through
 * the ImageJ adapter ({@link ImagePlusUpscaling}, as the plugin does it, headless) and saved as
 * a TIFF stack; per slice, with the upscale alone beside it. OpenCV in the same run:
 * {@code imreadmulti}, its grey pipeline slice by slice, {@code imwritemulti}.</li>
 * <li>A folder of {@link FilesBench#FRAMES} frames through {@code macros/upscale_folder.ijm},
 * inside this JVM as a Fiji user runs it, and as whole processes beside {@code upscale} and
 * OpenCV's (see {@link #macro}).</li>
 * </ul>
 */
final class FijiBench {

	/** Slices of the stack. */
	static final int SLICES = 100;

	private final EspcnModel model;
	private final String modelArg;
	private final int width, height, tile, rounds;

	/** @param modelArg the model as the command line names it (x3, a path) */
	FijiBench(EspcnModel model, String modelArg, int width, int height, int tile, int rounds) {
		this.model = model;
		this.modelArg = modelArg;
		this.width = width;
		this.height = height;
		this.tile = tile;
		this.rounds = rounds;
	}

	/** The stack, in every mode, and OpenCV's stack when {@code python} is given. */
	void stack(List<InferenceMode> modes, Optional<String> python, BenchReport report,
		Console console) throws Exception
	{
		Path root = Files.createTempDirectory("espcn-bench-fiji-");
		try {
			Path in = root.resolve("stack.tif");
			ImageFiles.write(in, stackImage(), false);
			String size = SLICES + " x " + width + "x" + height + " -> " + width * model.scale() + "x" +
				height * model.scale();
			for (InferenceMode mode : modes) {
				SuperResolver sr = new SuperResolver(model.upscaler(mode), SuperResolver.Options
					.defaults().withTileSize(tile));
				double[] whole = new double[rounds], upscale = new double[rounds];
				double cpu = 0;
				for (int r = -1; r < rounds; r++) { // one warm-up
					console.progress("Timing the stack, %s, round %d of %d", mode.id(), r + 1, rounds);
					Path out = root.resolve("out-" + mode.id() + r + ".tif");
					long cpu0 = processCpu(), t0 = System.nanoTime();
					ImagePlus imp = ImageFiles.open(in);
					long t1 = System.nanoTime();
					ImagePlus result = ImagePlusUpscaling.upscale(imp, sr);
					long t2 = System.nanoTime();
					ImageFiles.write(out, result, false);
					long t3 = System.nanoTime(), cpu1 = processCpu();
					if (result.getStackSize() != SLICES) throw new IOException("the result has " + result
						.getStackSize() + " slices, not " + SLICES);
					imp.close();
					result.close();
					Files.delete(out);
					if (r < 0) continue;
					whole[r] = (t3 - t0) / 1e6 / SLICES;
					upscale[r] = (t2 - t1) / 1e6 / SLICES;
					cpu += (cpu1 - cpu0) / 1e6 / SLICES / rounds;
				}
				report.fijiStep("stack " + size + ", TIFF in, ImagePlus through the adapter, TIFF out",
					mode.id(), new Timings(whole, cpu), "stack");
				report.fijiStep("stack " + size + ", the adapter's upscale alone", mode.id(),
					new Timings(upscale), "stack_forward");
			}
			if (python.isPresent()) {
				console.progress("Timing OpenCV on the same stack (%s)", python.get());
				Path npz = root.resolve("weights.npz");
				ModelFiles.exportPyTorch(model, npz);
				EspcnSpec spec = model.spec();
				Map<String, String> v = PythonBench.script(python.get(), "/bench/opencv_files.py", List
					.of("--stack", in.toString(), "--inputs", root.toString(), "--results", root
						.toString(), "--weights", npz.toString(), "--scale", Integer.toString(spec.scale()),
						"--filters", join(spec.filters()), "--kernels", join(spec.kernels()), "--rounds",
						Integer.toString(rounds), "--warmup", "1"), 3600);
				report.fijiOpencv(v);
			}
		}
		finally {
			deleteTree(root);
		}
	}

	/**
	 * {@code macros/upscale_folder.ijm} on a folder of {@link FilesBench#FRAMES} RGB PNG frames,
	 * two ways, {@code rounds} rounds after one warm-up, interleaved with OpenCV's:
	 * <ul>
	 * <li>inside this running JVM, as a Fiji user runs it (ImageJ already up), through the
	 * jar's macro runner in-process: the first run (ImageJ's classes and the model loaded; the
	 * engine's native library is already loaded by the bench) apart from the later ones; against
	 * OpenCV's whole pipeline per frame in a Python already running (its start-up excluded);</li>
	 * <li>as whole processes, start-up included on both sides: the macro in a fresh JVM and
	 * {@code upscale} of the folder in a fresh JVM, against a fresh Python running OpenCV's
	 * pipeline over the folder ({@code opencv_files.py --process}: cv2 and numpy imported, the
	 * network read from an ONNX file exported beforehand).</li>
	 * </ul>
	 */
	void macro(Path macro, FilesBench frames, Optional<String> python, BenchReport report,
		Console console) throws Exception
	{
		int width = frames.width(), height = frames.height();
		Path root = Files.createTempDirectory("espcn-bench-macro-");
		try {
			Path in = Files.createDirectory(root.resolve("in"));
			List<Path> files = frames.makeFrames(FilesBench.Kind.RGB_PNG, in, console);
			int n = files.size();
			Path npz = root.resolve("weights.npz"), onnx = root.resolve("espcn.onnx");
			EspcnSpec spec = model.spec();
			List<String> net = List.of("--weights", npz.toString(), "--scale", Integer.toString(spec
				.scale()), "--filters", join(spec.filters()), "--kernels", join(spec.kernels()));
			if (python.isPresent()) {
				ModelFiles.exportPyTorch(model, npz);
				List<String> args = new ArrayList<>(List.of("--inputs", in.toString(), "--export-onnx",
					onnx.toString()));
				args.addAll(net);
				PythonBench.script(python.get(), "/bench/opencv_files.py", args, 600);
			}
			double first = Double.NaN;
			List<Double> later = new ArrayList<>(), pipeline = new ArrayList<>(), viaMacro =
				new ArrayList<>(), viaCli = new ArrayList<>(), viaPython = new ArrayList<>();
			double cpuLater = 0;
			for (int r = -1; r < rounds; r++) {
				console.progress("Timing upscale_folder.ijm in this JVM and in a fresh one, upscale " +
					"and OpenCV, round %d of %d", r + 1, rounds);
				// in this JVM: the first run is the warm-up round's
				Path here = root.resolve("here" + r);
				long cpu0 = processCpu(), t0 = System.nanoTime();
				runMacroHere(macro, in, here);
				double ms = (System.nanoTime() - t0) / 1e6 / n;
				long cpu1 = processCpu();
				check(here, n);
				deleteTree(here);
				if (r < 0) first = ms;
				else {
					later.add(ms);
					cpuLater += (cpu1 - cpu0) / 1e6 / n / rounds;
				}
				if (python.isPresent()) {
					List<String> args = new ArrayList<>(List.of("--inputs", in.toString(), "--onnx", onnx
						.toString(), "--pipeline-only", "--rounds", "1", "--warmup", "1"));
					args.addAll(net);
					Map<String, String> v = PythonBench.script(python.get(), "/bench/opencv_files.py",
						args, 1800);
					if (r >= 0) pipeline.add(Double.parseDouble(v.get("pipeline_ms")));
				}
				// whole processes
				Path a = root.resolve("macro" + r), b = root.resolve("cli" + r), c = root.resolve(
					"python" + r);
				ChildProcesses.Outcome m = ChildProcesses.run(List.of("-Djava.awt.headless=true"), Main.class
					.getName(), List.of("macro", macro.toString(), in.toString(), a.toString(), modelArg),
					1800);
				if (m.exitCode != 0) throw new IOException("the macro failed: " + m.lastLine());
				ChildProcesses.Outcome u = ChildProcesses.run(List.of(), Main.class.getName(), List.of(
					"upscale", "--model", modelArg, "--input", in.toString(), "--output", b.toString()),
					1800);
				if (u.exitCode != 0) throw new IOException("upscale failed: " + u.lastLine());
				double pythonSeconds = Double.NaN;
				if (python.isPresent()) {
					Files.createDirectory(c);
					List<String> args = new ArrayList<>(List.of("--process", "--inputs", in.toString(),
						"--onnx", onnx.toString(), "--output", c.toString()));
					args.addAll(net);
					long p0 = System.nanoTime();
					PythonBench.script(python.get(), "/bench/opencv_files.py", args, 1800);
					pythonSeconds = (System.nanoTime() - p0) / 1e9;
					check(c, n);
				}
				check(a, n);
				check(b, n);
				deleteTree(a);
				deleteTree(b);
				deleteTree(c);
				if (r < 0) continue;
				viaMacro.add(m.seconds * 1000 / n);
				viaCli.add(u.seconds * 1000 / n);
				viaPython.add(pythonSeconds * 1000 / n);
			}
			if (!pipeline.isEmpty()) report.fijiPeer("folder_pipeline", median(pipeline));
			if (python.isPresent()) report.fijiPeer("folder_process", median(viaPython));
			String what = n + " RGB PNG " + width + "x" + height + " -> " + width * model.scale() +
				"x" + height * model.scale();
			report.fijiStep("folder by macros/upscale_folder.ijm in this JVM, first run (ImageJ's " +
				"classes and the model loaded), " + what, "fp32", new Timings(new double[] { first }),
				"folder_pipeline");
			report.fijiStep("folder by macros/upscale_folder.ijm in this JVM, later runs, " + what,
				"fp32", new Timings(array(later), cpuLater), "folder_pipeline");
			report.fijiStep("folder by macros/upscale_folder.ijm (macro runner), a fresh JVM, " +
				"start-up included, " + what, "fp32", new Timings(array(viaMacro)), "folder_process");
			report.fijiStep("folder by upscale (command line), a fresh JVM, start-up included, " +
				what, "fp32", new Timings(array(viaCli)), "folder_process");
		}
		finally {
			deleteTree(root);
		}
	}

	/**
	 * Runs the macro on {@code in} into {@code out} in this JVM through the jar's macro runner,
	 * its output (the macro's closing line) kept off the bench's.
	 */
	private void runMacroHere(Path macro, Path in, Path out) throws IOException {
		java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
		java.io.PrintStream sink = new java.io.PrintStream(text, true,
			java.nio.charset.StandardCharsets.UTF_8);
		java.io.PrintStream standard = System.out;
		System.setOut(sink);
		int code;
		try {
			code = MacroRunner.run(new String[] { macro.toString(), in.toString(), out.toString(),
				modelArg }, sink, sink);
		}
		finally {
			System.setOut(standard);
		}
		if (code != 0) throw new IOException("the macro failed in this JVM (exit " + code + "): " +
			text.toString(java.nio.charset.StandardCharsets.UTF_8).strip());
	}

	private static double[] array(List<Double> v) {
		return v.stream().mapToDouble(Double::doubleValue).toArray();
	}

	private static double median(List<Double> v) {
		return new Timings(array(v)).median();
	}

	private static void check(Path folder, int expected) throws IOException {
		try (Stream<Path> s = Files.list(folder)) {
			long n = s.filter(p -> p.toString().endsWith(".png")).count();
			if (n != expected) throw new IOException(folder + " holds " + n + " PNG files, not " +
				expected);
		}
	}

	/** Smooth patterns with a little noise, a different phase on each slice. */
	private ImagePlus stackImage() {
		ImageStack stack = new ImageStack(width, height);
		Random random = new Random(3);
		for (int s = 0; s < SLICES; s++) {
			byte[] px = new byte[width * height];
			for (int y = 0; y < height; y++)
				for (int x = 0; x < width; x++)
					px[y * width + x] = (byte) Math.max(0, Math.min(255, 128 + 90 * Math.sin((x + s) *
						0.07) * Math.cos(y * 0.05 - s * 0.1) + random.nextInt(11) - 5));
			stack.addSlice(new ByteProcessor(width, height, px, null));
		}
		return new ImagePlus("stack", stack);
	}

	private static long processCpu() {
		java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory
			.getOperatingSystemMXBean();
		return os instanceof com.sun.management.OperatingSystemMXBean
			? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : -1;
	}

	private static String join(int[] values) {
		return Arrays.stream(values).mapToObj(Integer::toString).collect(Collectors.joining(","));
	}

	private static void deleteTree(Path root) throws IOException {
		if (!Files.exists(root)) return;
		try (Stream<Path> s = Files.walk(root)) {
			for (Path p : s.sorted(Comparator.reverseOrder()).collect(Collectors.toList()))
				Files.deleteIfExists(p);
		}
	}
}
