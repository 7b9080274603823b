package io.github.espcnfiji.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The tables {@code bench} prints, filled section by section. */
final class BenchReport {

	private final Console console;
	private final List<String> header = new ArrayList<>();
	private String ceilingLine;
	private Table inference, training, memory, cold, fiji;
	private final List<String[]> fijiRows = new ArrayList<>();
	private final List<Double> fijiTimes = new ArrayList<>();
	private Map<String, String> fijiOpencv;
	private final List<FileRow> fileRows = new ArrayList<>();
	private final List<String> fileNotes = new ArrayList<>();
	private final Map<FilesBench.Kind, Map<String, String>> opencv = new java.util.EnumMap<>(
		FilesBench.Kind.class);
	private final Map<FilesBench.Kind, List<String>> sizeModes = new java.util.EnumMap<>(
		FilesBench.Kind.class);

	/** A row of the files table, with the key of OpenCV's figure for the same step. */
	private static final class FileRow {

		final FilesBench.Kind kind;
		final String step, mode, peer;
		final Timings t;
		final long bytes;

		FileRow(FilesBench.Kind kind, String step, String mode, Timings t, long bytes, String peer) {
			this.kind = kind;
			this.step = step;
			this.mode = mode;
			this.t = t;
			this.bytes = bytes;
			this.peer = peer;
		}
	}

	BenchReport(Console console) {
		this.console = console;
	}

	/** What the numbers ran on. */
	void machine(int workers) {
		header.add(String.format(Locale.ROOT, "Machine: %s, %d processors, load average %s; Java %s; " +
			"%d inference worker(s)", cpuModel(), Runtime.getRuntime().availableProcessors(),
			loadAverage(), System.getProperty("java.version"), workers));
	}

	void ceiling(Timings matmul, Timings conv, int workers) {
		ceilingLine = String.format(Locale.ROOT,
			"Ceiling, float32 through the engine, one operation per worker (%d at once), median " +
				"(min-max) of %d rounds:%n  matmul 1024x1024: %.1f GFLOP/s (%.1f-%.1f)%n  3x3 " +
				"convolution 64->64 channels, 128x128, channels-last: %.1f GFLOP/s (%.1f-%.1f)%n" +
				"  'of ceiling' below is against the best round of either", workers, matmul.count(), matmul
					.median(), matmul.min(), matmul.max(), conv.median(), conv.min(), conv.max());
	}

	void inference(int scale, int w, int h, String kind, String mode, Timings t,
		double gigaflop, double ceiling, Optional<PythonBench.Result> torch,
		Optional<PythonBench.Result> best)
	{
		if (inference == null) inference = new Table("scale", "output", "input", "path", "mode",
			"median ms", "min-max ms", "CPU ms", "GFLOP/s", "of ceiling", "PyTorch ms", "x PyTorch",
			"best PyTorch ms", "x best");
		double rate = gigaflop / (t.median() / 1000);
		inference.row("x" + scale, (w * scale) + "x" + (h * scale), w + "x" + h, kind, mode, ms(t
			.median()), t.spread(), ms(t.cpuPerRun()), kind.equals("forward") ? fixed(rate, 1) : "-",
			kind.equals("forward") && !Double.isNaN(ceiling) ? fixed(100 * rate / ceiling, 0) + "%"
				: "-", torch.map(r -> ms(r.median) + " (" + r.threads + " thr)").orElse("-"), torch.map(
					r -> fixed(r.median / t.median(), 2) + "x").orElse("-"), best.map(r -> ms(r.median) +
						" (" + r.threads + " thr)").orElse("-"), best.map(r -> fixed(t.median() / r.median, 2) +
							"x").orElse("-"));
	}

	void training(int scale, int threads, TrainingBench.Result r,
		Optional<PythonBench.Result> torch)
	{
		if (training == null) training = new Table("training", "threads", "step median ms",
			"min-max ms", "steps/s", "PyTorch step ms", "x PyTorch", "epoch s", "200 epochs min",
			"data");
		double stepsPerSecond = 1000 / r.steps.median();
		training.row("x" + scale + ", batch 16, LR 17x17", Integer.toString(threads), fixed(r.steps
			.median(), 2), String.format(Locale.ROOT, "%.2f-%.2f", r.steps.min(), r.steps.max()),
			fixed(stepsPerSecond, 1), torch.map(p -> fixed(p.median, 2)).orElse("-"), torch.map(
				p -> fixed(p.median / r.steps.median(), 2) + "x").orElse("-"), fixed(r.epochs.median(),
					2) + " (" + String.format(Locale.ROOT, "%.2f-%.2f", r.epochs.min(), r.epochs.max()) +
					")", fixed(r.epochs.median() * 200 / 60, 1), (r.t91 ? "T91" : "synthetic") + ", " +
						r.stepsPerEpoch + " steps/epoch");
	}

	void memory(ChildProcesses.Outcome r, String model, String xmx) throws IOException {
		if (r.exitCode != 0) throw new IOException("the memory test failed: " + r.lastLine());
		java.util.Map<String, String> v = new java.util.HashMap<>();
		for (String token : r.lastLine().split("\\s+")) {
			int eq = token.indexOf('=');
			if (eq > 0) v.put(token.substring(0, eq), token.substring(eq + 1));
		}
		if (memory == null) memory = new Table("16-bit image", "model", "-Xmx", "peak RSS MiB",
			"after start-up MiB", "seconds");
		long peak = Long.parseLong(v.getOrDefault("peak_kib", "-1")), base = Long.parseLong(v
			.getOrDefault("baseline_kib", "-1"));
		memory.row(v.getOrDefault("output", "?") + " result", model, xmx, peak < 0 ? "n/a" : fixed(
			peak / 1024.0, 0), base < 0 ? "n/a" : fixed(base / 1024.0, 0), v.getOrDefault("seconds",
				"?"));
	}

	void coldStart(Timings seconds, String model) {
		cold = new Table("cold start", "median s", "min-max s", "runs");
		cold.row("upscale --model " + model + " of a 640x360 RGB PNG in a fresh JVM", fixed(seconds
			.median(), 2), String.format(Locale.ROOT, "%.2f-%.2f", seconds.min(), seconds.max()),
			Integer.toString(seconds.count()));
	}

	/** One step of the files section, per frame; {@code bytes} -1 when no file is made. */
	void filesStep(FilesBench.Kind kind, String step, String mode, Timings t, long bytes,
		String opencvKey)
	{
		fileRows.add(new FileRow(kind, step, mode, t, bytes, opencvKey));
	}

	/** OpenCV's figures for the files section, as {@code opencv_files.py} prints them. */
	void filesOpencv(FilesBench.Kind kind, Map<String, String> values) {
		opencv.put(kind, values);
	}

	/**
	 * A row of the PNG sizes table: our files of {@code mode} against libpng's default of the
	 * same pixels, from OpenCV's figures ({@code --sizes}).
	 */
	void filesSizes(FilesBench.Kind kind, String mode) {
		sizeModes.computeIfAbsent(kind, k -> new ArrayList<>()).add(mode);
	}

	/** A row of the Fiji section, per slice or per frame; {@code peer}: OpenCV's key. */
	void fijiStep(String step, String mode, Timings t, String peer) {
		if (fiji == null) fiji = new Table("Fiji path", "mode", "median ms", "min-max ms", "CPU ms",
			"OpenCV ms", "x OpenCV");
		fijiRows.add(new String[] { step, mode, ms(t.median()), t.spread(), ms(t.cpuPerRun()), peer });
		fijiTimes.add(t.median());
	}

	/** OpenCV's figures for the stack, as {@code opencv_files.py --stack} prints them. */
	void fijiOpencv(Map<String, String> values) {
		if (fijiOpencv == null) fijiOpencv = new java.util.LinkedHashMap<>();
		fijiOpencv.putAll(values);
	}

	/** One more OpenCV figure of the Fiji section: {@code key} ms per frame. */
	void fijiPeer(String key, double ms) {
		fijiOpencv(Map.of(key + "_ms", Double.toString(ms)));
	}

	void filesNote(String note) {
		fileNotes.add(note);
	}

	private static final Map<String, String> OPENCV_STEPS = Map.of("decode",
		"cv2.imdecode", "forward", "cv2.dnn forward (Y)", "encode",
		"cv2.imencode (PNG: its default, level 1, Sub, RLE)", "pipeline",
		"imread, ESPCN in cv2.dnn, imwrite");

	private Table filesTable(FilesBench.Kind kind) {
		Map<String, String> opencv = this.opencv.get(kind);
		Table t = new Table("step (per frame)", "mode", "median ms", "min-max ms", "CPU ms",
			"file KB", "OpenCV", "OpenCV ms", "OpenCV KB", "x OpenCV");
		for (FileRow r : fileRows) {
			if (r.kind != kind) continue;
			double peer = opencv == null ? Double.NaN : number(opencv.get(r.peer + "_ms"));
			double peerBytes = opencv == null ? Double.NaN : number(opencv.get(r.peer + "_bytes"));
			t.row(r.step, r.mode, ms(r.t.median()), r.t.spread(), ms(r.t.cpuPerRun()), r.bytes < 0
				? "-" : fixed(r.bytes / 1024.0, 0), OPENCV_STEPS.getOrDefault(r.peer, "-"), ms(peer),
				fixed(peerBytes / 1024, 0), fixed(r.t.median() / peer, 2) + (Double.isNaN(peer) ? ""
					: "x"));
		}
		if (opencv != null && opencv.containsKey("encode6_ms")) t.row("libpng's default (level 6, Z_FILTERED, adaptive filters), by cv2.imencode",
			"-", "-", "-", "-", "-", "cv2.imencode level 6", ms(number(opencv.get("encode6_ms"))),
			fixed(number(opencv.get("encode6_bytes")) / 1024, 0), "-");
		return t;
	}

	/**
	 * Per mode: our PNG files against libpng's default (level 6, Z_FILTERED, adaptive filters)
	 * and level 6 with zlib's default strategy, of exactly our result pixels; mean per file.
	 */
	private Table sizesTable(FilesBench.Kind kind) {
		Map<String, String> cv = opencv.get(kind);
		Table t = new Table("results of mode", "ours KB", "libpng default KB", "x libpng",
			"level 6 Z_DEFAULT_STRATEGY KB", "x level 6", "libpng default ms");
		for (String mode : sizeModes.getOrDefault(kind, List.of())) {
			double ours = number(cv.get("ours_" + mode + "_bytes")), libpng = number(cv.get("libpng_" +
				mode + "_bytes")), six = number(cv.get("level6_" + mode + "_bytes"));
			t.row(mode, fixed(ours / 1024, 0), fixed(libpng / 1024, 0), fixed(ours / libpng, 3) + "x",
				fixed(six / 1024, 0), fixed(ours / six, 3) + "x", ms(number(cv.get("libpng_" + mode +
					"_ms"))));
		}
		return t;
	}

	private static double number(String s) {
		try {
			return s == null ? Double.NaN : Double.parseDouble(s);
		}
		catch (NumberFormatException e) {
			return Double.NaN;
		}
	}

	void print() {
		for (String h : header)
			console.result("%s", h);
		if (ceilingLine != null) console.result("%s", ceilingLine);
		if (inference != null) {
			console.result("%nInference (median of timed runs after warm-up; CPU ms: process CPU per " +
				"run; PyTorch: the faster of 1 and %d threads, forward under no_grad, rgb the reference " +
				"code's test.py pipeline; x PyTorch: its time / ours; best PyTorch: frozen, " +
				"optimize_for_inference (bf16: channels-last, autocast), tiles of 192, the faster of " +
				"the same threads; x best: ours / its time):", Runtime.getRuntime()
					.availableProcessors());
			console.out.print(inference);
		}
		if (training != null) {
			console.result("%nTraining (steps after a warm-up epoch; epoch: training, validation on a " +
				"tenth of T91 held out, checkpoint):");
			console.out.print(training);
		}
		if (memory != null) {
			console.result("%nPeak memory (VmHWM of a fresh JVM, ImagePlus in and out, default tiles):");
			console.out.print(memory);
		}
		if (cold != null) {
			console.result("%nStart-up (launch to exit of a fresh JVM, PNG read and written):");
			console.out.print(cold);
		}
		for (FilesBench.Kind kind : FilesBench.Kind.values()) {
			if (fileRows.stream().noneMatch(r -> r.kind == kind)) continue;
			Map<String, String> cv = opencv.get(kind);
			console.result("%nFiles: a folder of %d %s frames to %s files (median per frame over " +
				"rounds x frames; folder rows: a whole folder's time / frames; CPU ms: process CPU per " +
				"frame; x OpenCV: ours / OpenCV's, in this run)%s:", FilesBench.FRAMES, kind.label,
				kind.extension.toUpperCase(Locale.ROOT), cv == null ? "" : " OpenCV " + cv.getOrDefault(
					"opencv", "?") + ", " + cv.getOrDefault("threads", "?") + " threads");
			console.out.print(filesTable(kind));
			if (cv != null && sizeModes.containsKey(kind)) {
				console.result("%nPNG sizes, %s: our files against libpng's default (level 6, " +
					"Z_FILTERED, adaptive filters; by cv2.imencode) of the same pixels, the results of each " +
					"mode, mean per frame (x: ours / theirs; target <= 1.10x):", kind.label);
				console.out.print(sizesTable(kind));
			}
		}
		for (String n : fileNotes)
			console.result("%s", n);
		if (fiji != null) {
			for (int i = 0; i < fijiRows.size(); i++) {
				String[] r = fijiRows.get(i);
				double peer = fijiOpencv == null ? Double.NaN : number(fijiOpencv.get(r[5] + "_ms"));
				fiji.row(r[0], r[1], r[2], r[3], r[4], ms(peer), Double.isNaN(peer) ? "-" : fixed(
					fijiTimes.get(i) / peer, 2) + "x");
			}
			console.result("%nFiji paths (median per slice or per frame; CPU ms: process CPU per " +
				"slice or frame; x OpenCV: ours / OpenCV's, in this run%s):", fijiOpencv == null ? ""
					: "; OpenCV " + fijiOpencv.getOrDefault("opencv", "?") + ": imreadmulti, its grey " +
						"pipeline per slice, imwritemulti; alone: net.forward per slice; for the macro in this " +
						"JVM: its RGB pipeline per frame, imread to imwrite, in a running Python; for fresh " +
						"JVMs: a fresh Python's whole run over the folder (start-up, cv2 import, the ONNX " +
						"network read, the pipeline) per frame");
			console.out.print(fiji);
		}
		console.result("%nVideo frames per second: bench --video.");
	}

	private static String ms(double v) {
		return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
	}

	private static String fixed(double v, int decimals) {
		return Double.isNaN(v) || Double.isInfinite(v) ? "-" : String.format(Locale.ROOT, "%." +
			decimals + "f", v);
	}

	private static String cpuModel() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/cpuinfo")))
				if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).trim() +
					(Files.readString(Path.of("/proc/cpuinfo")).contains("avx512_bf16")
						? " (AVX512_BF16)" : "");
		}
		catch (IOException | RuntimeException e) {
			// not Linux
		}
		return System.getProperty("os.arch");
	}

	private static String loadAverage() {
		double l = java.lang.management.ManagementFactory.getOperatingSystemMXBean()
			.getSystemLoadAverage();
		return l < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", l);
	}
}
