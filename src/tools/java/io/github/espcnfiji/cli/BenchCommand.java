package io.github.espcnfiji.cli;

import io.github.espcnfiji.core.Tiler;
import io.github.espcnfiji.model.EngineSpeed;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.model.EspcnSpec;
import io.github.espcnfiji.model.InferenceMode;
import io.github.espcnfiji.model.InferenceThreads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code bench}: the performance table of issue 6. Sections (all by default, on x3 at a 1080p
 * output; {@code --all} for every scale, output size and path):
 * <ul>
 * <li><b>ceiling</b>: the float32 matrix-multiply rate of this machine through the engine;</li>
 * <li><b>inference</b>: forward pass and end-to-end (ImagePlus in, ImagePlus out, gray and RGB)
 * times per scale and output size and inference mode, with the achieved GFLOP/s and its share
 * of the ceiling, beside PyTorch running the same forward pass and the reference code's RGB
 * pipeline in the same run;</li>
 * <li><b>train</b>: training step time and seconds per T91 epoch, beside PyTorch's step;</li>
 * <li><b>memory</b>: peak resident memory of a fresh JVM super-resolving a 16-bit image to a
 * 16384 x 16384 result;</li>
 * <li><b>cold</b>: a fresh JVM's time from launch to its first written result
 * ({@code upscale} of a 640x360 RGB PNG);</li>
 * <li><b>files</b> (only when asked for): a folder of PNG frames to PNG files (or grey PNG and
 * TIFF), step by step and end to end, beside OpenCV ({@link FilesBench}).</li>
 * <li><b>fiji</b> (only when asked for): a stack through the ImageJ adapter beside OpenCV, and
 * the folder macro against {@code upscale} ({@link FijiBench}).</li>
 * </ul>
 * Video frames per second are measured by {@code bench --video}, the video package's benchmark.
 * Every timing is the median of repeated runs after warm-up, with min-max; CPU ms is the whole
 * process's CPU time per run, which a busy machine pushes below the wall-clock time times the
 * cores.
 */
public final class BenchCommand implements Command {

	private static final List<String> SECTIONS = List.of("ceiling", "inference", "train",
		"memory", "cold", "files", "fiji");
	/** What a plain {@code bench} measures: all but files and fiji. */
	private static final List<String> DEFAULT_SECTIONS = SECTIONS.subList(0, 5);
	private static final Map<String, int[]> OUTPUTS = new LinkedHashMap<>();
	static {
		OUTPUTS.put("720p", new int[] { 1280, 720 });
		OUTPUTS.put("1080p", new int[] { 1920, 1080 });
		OUTPUTS.put("4k", new int[] { 3840, 2160 });
	}

	@Override
	public String name() {
		return "bench";
	}

	@Override
	public String summary() {
		return "time inference, training, memory and start-up, beside PyTorch";
	}

	@Override
	public OptionSpec options() {
		return new OptionSpec().optional("model", ModelChoice.VALUE, ModelChoice.HELP +
			" (default: the bundled model of each --scales)").optional("scales", "N[,N...]",
				"bundled models to time (default 3)").optional("outputs",
					"720p|1080p|4k|WxH[,...]", "output sizes; inputs are these / scale, rounded up " +
						"(default 1080p)").optional("size", "WxH", "an input size instead of --outputs")
			.optional("paths", "forward,gray,rgb,rgb-plain", "what to time (default forward,gray,rgb)").optional(
				"modes", "fp32,bf16,fp32-ops,fp32-reorder,fp32-blocked,plain", "inference modes (default fp32,bf16)").optional(
					"sections", String.join(",", SECTIONS), "what to measure (default all but files and fiji)").flag("all",
						"every scale, output size and path (takes long)").optional("repeats", "N",
							"timed runs (default 10)").optional("warmup", "N", "untimed runs first (default 2)")
			.optional("tile", "N", "largest tile side, as upscale's --tile (default " +
				Tiler.DEFAULT_TILE_SIZE + ")").optional("threads", "N",
					"inference worker threads (default: one per processor)").optional("train-epochs",
						"N", "training epochs, the first one warm-up (default 3)").optional(
							"train-threads", "N[,N...]", "PyTorch threads for training (default 1)").optional(
								"t91", "DIR", "T91 for training (default: found beside the data sets, else " +
									"synthetic images)").optional("memory-side", "N",
										"result side of the memory test (default 16384)").optional("memory-xmx",
											"SIZE", "the memory test's -Xmx (default 1g)").optional("cold-runs", "N",
												"cold starts (default 3)").optional("files-rounds", "N",
													"rounds over the files section's 12 frames (default 3)").optional("files-kinds",
														"rgb-png,grey8-png,grey16-png,grey8-tif,grey16-tif",
														"the files section's frames (default rgb-png)").optional("macro", "FILE",
															"the fiji section's folder macro (default macros/upscale_folder.ijm)").optional("python", "CMD",
													"the Python to try (default python3, then /usr/bin/python3)").flag(
														"no-python", "skip the PyTorch comparisons").flag("video",
															"frames/s of video super-resolution instead (x3, x4; --outputs default " +
																VideoBench.DEFAULT_OUTPUTS + ")");
	}

	@Override
	public String notes() {
		return "The default run takes a few minutes; --sections and the other options select less,\n" +
			"--all more. bench --video times video frames (luma through the network, chroma bicubic) in\n" +
			"frames per second; it reads --model, --outputs, --repeats, --warmup, --tile and --python.\n" +
			"--sections files (not in the default run) times a folder of 640x360 RGB PNGs (--size)\n" +
			"super-resolved to PNG files as upscale does it, step by step and end to end, beside\n" +
			"OpenCV's PNG codecs and its whole pipeline with the same network (Python with cv2 and\n" +
			"torch), and libpng's default (level 6, Z_FILTERED) of the PNG files made in each mode;\n" +
			"it reads --model, --modes, --files-rounds, --files-kinds (also 8- and 16-bit grey\n" +
			"PNG and TIFF), --tile and --python. --sections fiji times a 100-slice stack (320x180, or\n" +
			"--size) through the ImageJ adapter, TIFF in and out, beside OpenCV, and\n" +
			"macros/upscale_folder.ijm (--macro) inside the bench's JVM (first run apart) against\n" +
			"OpenCV's pipeline per frame, and in a fresh JVM, as upscale of the folder, against a\n" +
			"fresh Python's whole run (start-ups included).\n" +
			"Modes fp32-reorder and fp32-blocked are the fp32 network's other layouts, for comparison.";
	}

	@Override
	public int run(Options o, Console console) throws Exception {
		if (o.flag("video")) return VideoBench.run(o, console);
		boolean all = o.flag("all");
		Set<String> sections = list(o.string("sections").orElse(String.join(",", DEFAULT_SECTIONS)),
			SECTIONS, "--sections");
		int repeats = o.integer("repeats", 10, 1), warmup = o.integer("warmup", 2, 0);
		int tile = o.integer("tile", Tiler.DEFAULT_TILE_SIZE, 1);
		if (o.has("threads")) InferenceThreads.resize(o.integer("threads", 1, 1));
		InferencePlan plan = sections.contains("inference") ? InferencePlan.of(o, all) : null;
		// the other sections' options, checked before anything runs
		int trainEpochs = o.integer("train-epochs", 3, 2);
		int[] trainThreads = o.integers("train-threads").orElse(new int[] { 1 });
		for (int t : trainThreads)
			if (t < 1) throw new UsageException("--train-threads must be at least 1, got " + t);
		int memorySide = o.integer("memory-side", 16384, 16), coldRuns = o.integer("cold-runs", 3,
			1);
		String xmx = o.string("memory-xmx").orElse("1g");
		if (!xmx.matches("[0-9]+[kKmMgG]?")) throw new UsageException(
			"--memory-xmx needs a size as -Xmx takes it, e.g. 1g or 768m; got '" + xmx + "'");
		Optional<String> python = o.flag("no-python") ? Optional.empty() : python(o, console);
		BenchReport report = new BenchReport(console);
		report.machine(InferenceThreads.shared().count());

		double ceiling = Double.NaN;
		if (sections.contains("ceiling")) {
			console.progress("Measuring float32 matrix-multiply and convolution rates through the " +
				"engine");
			Timings matmul = new Timings(EngineSpeed.matmulGflops(1024, Math.max(3, repeats)));
			Timings conv = new Timings(EngineSpeed.convolutionGflops(Math.max(3, repeats)));
			ceiling = Math.max(matmul.max(), conv.max()); // a ceiling: the best round

			report.ceiling(matmul, conv, InferenceThreads.shared().count());
		}
		if (plan != null) inference(o, plan, tile, warmup, repeats, ceiling, python, report,
			console);
		if (sections.contains("train")) training(o, trainEpochs, trainThreads, python, report,
			console);
		if (sections.contains("memory")) {
			String model = o.string("model").orElse("x3");
			console.progress("Super-resolving a 16-bit image to %dx%d in a fresh JVM (-Xmx%s)",
				memorySide, memorySide, xmx);
			report.memory(ChildProcesses.run(List.of("-Xmx" + xmx), MemoryProbe.class.getName(), List
				.of(model, Integer.toString(memorySide)), 3600), model, xmx);
		}
		if (sections.contains("cold")) cold(o, coldRuns, report, console);
		if (sections.contains("files")) files(o, tile, python, report, console);
		if (sections.contains("fiji")) fiji(o, tile, report, console);
		report.print();
		return 0;
	}

	/** What the inference section times, read from the options before anything runs. */
	private static final class InferencePlan {

		final List<InferenceMode> modes = new ArrayList<>();
		final List<InferenceBench.Kind> kinds = new ArrayList<>();
		final List<String> models = new ArrayList<>();
		/** Input sizes, or output sizes to divide by each model's scale. */
		final List<int[]> sizes = new ArrayList<>();
		final boolean inputSizes;

		private InferencePlan(boolean inputSizes) {
			this.inputSizes = inputSizes;
		}

		static InferencePlan of(Options o, boolean all) throws UsageException {
			InferencePlan p = new InferencePlan(o.has("size"));
			for (String m : o.string("modes").orElse("fp32,bf16").split(","))
				try {
					p.modes.add(InferenceMode.parse(m));
				}
				catch (IllegalArgumentException e) {
					throw new UsageException(e.getMessage());
				}
			for (String k : o.string("paths").orElse("forward,gray,rgb").split(","))
				p.kinds.add(InferenceBench.Kind.parse(k));
			if (o.has("model")) p.models.add(o.string("model").get());
			else for (String s : o.string("scales").orElse(all ? "2,3,4" : "3").split(",")) {
				if (!List.of("2", "3", "4").contains(s.trim())) throw new UsageException(
					"--scales takes 2, 3 and 4, not '" + s + "'");
				p.models.add("x" + s.trim());
			}
			if (p.inputSizes) p.sizes.add(size(o.string("size").get(), "--size"));
			else for (String s : o.string("outputs").orElse(all ? "720p,1080p,4k" : "1080p").split(
				",")) {
				String out = s.trim().toLowerCase(Locale.ROOT);
				p.sizes.add(outputSize(s));
			}
			return p;
		}
	}

	private void inference(Options o, InferencePlan plan, int tile, int warmup, int repeats,
		double ceiling, Optional<String> python, BenchReport report, Console console)
		throws Exception
	{
		for (String name : plan.models)
			try (EspcnModel model = ModelChoice.load(name, Optional.empty())) {
				int s = model.scale();
				for (int[] wh : plan.sizes) {
					int[] in = plan.inputSizes ? wh : new int[] { (wh[0] + s - 1) / s, (wh[1] + s - 1) /
						s };
					InferenceBench bench = new InferenceBench(model, in[0], in[1], tile, warmup, repeats);
					for (InferenceBench.Kind kind : plan.kinds) {
						Optional<PythonBench.Result> torch = Optional.empty();
						if (python.isPresent() && (kind == InferenceBench.Kind.FORWARD ||
							kind == InferenceBench.Kind.RGB)) torch = fastestTorch(
							python.get(), model.spec(), kind == InferenceBench.Kind.FORWARD
								? PythonBench.Task.FORWARD : PythonBench.Task.RGB, in[0], in[1], Math.min(warmup,
									1), Math.min(repeats, 5), console);
						Map<Boolean, Optional<PythonBench.Result>> best = new HashMap<>();
						for (InferenceMode mode : plan.modes) {
							console.progress("Timing %s x%d %dx%d -> %dx%d, %s", kind.id, s, in[0], in[1], in[0] *
								s, in[1] * s, mode.id());
							Timings t = bench.time(kind, mode);
							boolean bf16 = mode == InferenceMode.BF16;
							Optional<PythonBench.Result> peer = Optional.empty();
							if (python.isPresent() && kind == InferenceBench.Kind.FORWARD) {
								if (!best.containsKey(bf16)) best.put(bf16, fastestTorch(python.get(), model.spec(),
									bf16 ? PythonBench.Task.FORWARD_BEST_BF16 : PythonBench.Task.FORWARD_BEST, in[0],
									in[1], Math.min(warmup, 1), Math.min(repeats, 5), console));
								peer = best.get(bf16);
							}
							report.inference(s, in[0], in[1], kind.id, mode.id(), t, bench.gigaflop(), ceiling,
								torch, peer);
						}
					}
				}
			}
	}

	/** PyTorch at one thread and at one per processor; the faster is the reference. */
	private static Optional<PythonBench.Result> fastestTorch(String python, EspcnSpec spec,
		PythonBench.Task task, int w, int h, int warmup, int repeats, Console console)
		throws IOException
	{
		PythonBench.Result best = null;
		Set<Integer> threads = new LinkedHashSet<>(List.of(1, Runtime.getRuntime()
			.availableProcessors()));
		for (int t : threads) {
			console.progress("Timing PyTorch %s x%d %dx%d with %d thread(s)", task.id, spec.scale(), w,
				h, t);
			PythonBench.Result r = PythonBench.time(python, spec, task, w, h, t, warmup, repeats);
			if (best == null || r.median < best.median) best = r;
		}
		return Optional.ofNullable(best);
	}

	private void training(Options o, int epochs, int[] threads, Optional<String> python,
		BenchReport report, Console console) throws Exception
	{
		int scale = 3;
		if (o.has("model")) try (EspcnModel m = ModelChoice.load(o.string("model").get(), Optional
			.empty())) {
			scale = m.scale();
		}
		Path t91 = o.optionalPath("t91").orElseGet(BenchCommand::findT91);
		for (int t : threads) {
			console.progress("Training x%d for %d epochs with %d thread(s) on %s", scale, epochs, t,
				t91 == null ? "synthetic images" : t91);
			TrainingBench.Result r = TrainingBench.run(scale, epochs, t, t91);
			Optional<PythonBench.Result> torch = Optional.empty();
			if (python.isPresent()) {
				console.progress("Timing PyTorch's training step with %d thread(s)", t);
				torch = Optional.of(PythonBench.time(python.get(), EspcnSpec.paper(scale),
					PythonBench.Task.TRAIN, 0, 0, t, 20, 200));
			}
			report.training(scale, t, r, torch);
		}
	}

	/**
	 * The files section: x3 (or --model) of 640x360 frames (or --size), in every --modes; OpenCV
	 * beside it when a Python with cv2 and torch is found.
	 */
	private void files(Options o, int tile, Optional<String> torchPython, BenchReport report,
		Console console) throws Exception
	{
		int[] in = o.has("size") ? size(o.string("size").get(), "--size") : new int[] { 640, 360 };
		List<InferenceMode> modes = fileModes(o);
		Optional<String> python = openCvPython(o);
		try (EspcnModel model = ModelChoice.load(o.string("model").orElse("x3"), Optional
			.empty()))
		{
			List<FilesBench.Kind> kinds = new ArrayList<>();
			for (String k : o.string("files-kinds").orElse("rgb-png").split(","))
				try {
					kinds.add(FilesBench.Kind.parse(k));
				}
				catch (IllegalArgumentException e) {
					throw new UsageException(e.getMessage());
				}
			new FilesBench(model, in[0], in[1], tile, Math.min(1, o.integer("warmup", 2, 0)), o
				.integer("files-rounds", 3, 1)).run(kinds, modes, python, report, console);
		}
	}

	/** --modes of the files and Fiji sections (fp32,bf16 by default). */
	private static List<InferenceMode> fileModes(Options o) throws UsageException {
		List<InferenceMode> modes = new ArrayList<>();
		for (String m : o.string("modes").orElse("fp32,bf16").split(","))
			try {
				modes.add(InferenceMode.parse(m));
			}
			catch (IllegalArgumentException e) {
				throw new UsageException(e.getMessage());
			}
		return modes;
	}

	/** A Python with OpenCV and PyTorch for the peer rows, unless --no-python. */
	private static Optional<String> openCvPython(Options o) {
		if (o.flag("no-python")) return Optional.empty();
		List<String> candidates = new ArrayList<>();
		o.string("python").ifPresent(candidates::add);
		candidates.addAll(List.of("python3", "/usr/bin/python3"));
		return PythonBench.findPython(candidates, "cv2, torch");
	}

	/**
	 * The Fiji section: a 100-slice stack through the ImageJ adapter (slices of 320x180, or
	 * --size), beside OpenCV; upscale_folder.ijm against upscale on a folder of 640x360 frames.
	 */
	private void fiji(Options o, int tile, BenchReport report, Console console) throws Exception {
		int[] in = o.has("size") ? size(o.string("size").get(), "--size") : new int[] { 320, 180 };
		List<InferenceMode> modes = fileModes(o);
		Optional<String> python = openCvPython(o);
		String name = o.string("model").orElse("x3");
		int rounds = o.integer("files-rounds", 3, 1);
		Path macro = o.optionalPath("macro").orElse(Path.of("macros", "upscale_folder.ijm"));
		try (EspcnModel model = ModelChoice.load(name, Optional.empty())) {
			FijiBench bench = new FijiBench(model, name, in[0], in[1], tile, rounds);
			bench.stack(modes, python, report, console);
			int[] frames = o.has("size") ? in : new int[] { 640, 360 };
			if (Files.isRegularFile(macro)) bench.macro(macro, new FilesBench(model, frames[0],
				frames[1], tile, 0, rounds), python, report, console);
			else report.filesNote("No " + macro + " (run from the repository, or give --macro): " +
				"no macro row");
		}
	}

	private void cold(Options o, int runs, BenchReport report, Console console)
		throws Exception
	{
		String model = o.string("model").orElse("x3");
		Path dir = Files.createTempDirectory("espcn-bench-cold-");
		try {
			Path in = dir.resolve("frame.png"), out = dir.resolve("frame-sr.png");
			writeFrame(in, 640, 360);
			double[] seconds = new double[runs];
			for (int i = 0; i < runs; i++) {
				console.progress("Cold start %d of %d: upscale in a fresh JVM", i + 1, runs);
				ChildProcesses.Outcome r = ChildProcesses.run(List.of(), Main.class.getName(), List.of(
					"upscale", "--model", model, "--input", in.toString(), "--output", out.toString(),
					"--overwrite"), 600);
				if (r.exitCode != 0) throw new IOException("the cold-start run failed: " + r.lastLine());
				seconds[i] = r.seconds;
			}
			report.coldStart(new Timings(seconds), model);
		}
		finally {
			Files.deleteIfExists(dir.resolve("frame.png"));
			Files.deleteIfExists(dir.resolve("frame-sr.png"));
			Files.deleteIfExists(dir);
		}
	}

	/** A random RGB PNG. */
	private static void writeFrame(Path file, int w, int h) throws IOException {
		java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(w, h,
			java.awt.image.BufferedImage.TYPE_INT_RGB);
		java.util.Random random = new java.util.Random(7);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				img.setRGB(x, y, random.nextInt() & 0xffffff);
		if (!javax.imageio.ImageIO.write(img, "png", file.toFile())) throw new IOException(
			"no PNG writer");
	}

	/** T91 among the data sets of $ESPCN_DATA; or null. */
	private static Path findT91() {
		return findData("T91");
	}

	/**
	 * A data set in the folder named by the environment variable {@code ESPCN_DATA}, or null:
	 * the tools assume no data folder outside the repository unless told where it is.
	 */
	static Path findData(String name) {
		return dataFromEnvironment().map(d -> d.resolve(name)).filter(Files::isDirectory).map(
			p -> p.toAbsolutePath().normalize()).orElse(null);
	}

	/** The folder named by {@code ESPCN_DATA}, if it is set and exists. */
	static java.util.Optional<Path> dataFromEnvironment() {
		String env = System.getenv("ESPCN_DATA");
		if (env == null || env.isBlank() || !Files.isDirectory(Path.of(env))) return java.util
			.Optional.empty();
		return java.util.Optional.of(Path.of(env));
	}

	private static Set<String> list(String value, List<String> allowed, String option)
		throws UsageException
	{
		Set<String> out = new LinkedHashSet<>();
		for (String s : value.split(",")) {
			String v = s.trim().toLowerCase(Locale.ROOT);
			if (!allowed.contains(v)) throw new UsageException(option + " takes " + String.join(", ",
				allowed) + ", not '" + s + "'");
			out.add(v);
		}
		return out;
	}

	/** The Python of --python, or the first of python3 and /usr/bin/python3 that has torch. */
	static Optional<String> python(Options o, Console console) {
		List<String> candidates = new ArrayList<>();
		o.string("python").ifPresent(candidates::add);
		if (candidates.isEmpty()) {
			candidates.add("python3");
			candidates.add("/usr/bin/python3");
		}
		Optional<String> python = PythonBench.findPython(candidates);
		if (python.isEmpty()) console.progress(
			"No Python with torch found (tried %s); skipping the PyTorch comparison", String.join(
				", ", candidates));
		return python;
	}

	/** An output size as {@code --outputs} gives it: 720p, 1080p, 4k or WIDTHxHEIGHT. */
	static int[] outputSize(String s) throws UsageException {
		String out = s.trim().toLowerCase(Locale.ROOT);
		return OUTPUTS.containsKey(out) ? OUTPUTS.get(out) : size(out, "--outputs");
	}

	/** {@code WIDTHxHEIGHT} of at least 2x2, as option {@code option} gives it. */
	static int[] size(String s, String option) throws UsageException {
		String[] parts = s.toLowerCase(Locale.ROOT).split("x");
		try {
			if (parts.length == 2) {
				int w = Integer.parseInt(parts[0].trim()), h = Integer.parseInt(parts[1].trim());
				if (w >= 2 && h >= 2) return new int[] { w, h };
			}
		}
		catch (NumberFormatException e) {
			// reported below
		}
		throw new UsageException(option + " needs WIDTHxHEIGHT of at least 2x2, e.g. 640x360; got '" +
			s + "'");
	}
}
