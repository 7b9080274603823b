package io.github.espcnfiji.cli;

import ij.ImagePlus;
import ij.process.ImageProcessor;
import io.github.espcnfiji.core.SuperResolver;
import io.github.espcnfiji.ij1.ImagePlusUpscaling;
import io.github.espcnfiji.io.ImageFiles;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.model.EspcnSpec;
import io.github.espcnfiji.model.InferenceMode;
import io.github.espcnfiji.model.InferenceThreads;
import io.github.espcnfiji.model.ModelFiles;

import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

/**
 * {@code bench --sections files}: a folder of frames (RGB PNG; 8- and 16-bit grey PNG and TIFF)
 * super-resolved to files of the same kind, as {@code upscale} does it, end to end and step by step (decode, network, encode) per frame,
 * with the files' sizes; beside OpenCV's codecs on the same files and OpenCV's whole
 * pipeline with the same network (script {@code bench/opencv_files.py}), when a Python with
 * {@code cv2} and {@code torch} is found. The frames are photographs of the benchmark sets
 * ({@code BSDS500-test}, else the bundled sample) resized to the input size, written by
 * ImageIO into a temporary folder.
 */
final class FilesBench {

	/** Frames in the folder. */
	static final int FRAMES = 12;

	/** What the frames are: RGB PNG (issue 16's first case), 8- and 16-bit grey PNG and TIFF. */
	enum Kind {
		RGB_PNG("rgb-png", "RGB PNG", 24, "png"), GREY8_PNG("grey8-png", "8-bit grey PNG", 8, "png"),
		GREY16_PNG("grey16-png", "16-bit grey PNG", 16, "png"), GREY8_TIF("grey8-tif",
			"8-bit grey TIFF", 8, "tif"), GREY16_TIF("grey16-tif", "16-bit grey TIFF", 16, "tif");

		final String id, label, extension;
		final int bitDepth;

		Kind(String id, String label, int bitDepth, String extension) {
			this.id = id;
			this.label = label;
			this.bitDepth = bitDepth;
			this.extension = extension;
		}

		static Kind parse(String id) {
			for (Kind k : values())
				if (k.id.equals(id.trim())) return k;
			throw new IllegalArgumentException("Unknown kind of frames '" + id + "': use " + Arrays
				.stream(values()).map(k -> k.id).collect(Collectors.joining(", ")));
		}
	}

	/** The end-to-end ways timed, in this order, interleaved round by round. */
	private enum Way {
		BEFORE("folder, serial, ImageIO PNG (before)"), SERIAL("folder, serial, fast PNG"),
		OVERLAPPED("folder, overlapped, fast PNG (upscale now)");

		final String label;

		Way(String label) {
			this.label = label;
		}
	}

	private final EspcnModel model;
	private final int width, height, tile, warmup, rounds;

	FilesBench(EspcnModel model, int width, int height, int tile, int warmup, int rounds) {
		this.model = model;
		this.width = width;
		this.height = height;
		this.tile = tile;
		this.warmup = warmup;
		this.rounds = rounds;
	}

	int width() {
		return width;
	}

	int height() {
		return height;
	}

	void run(List<Kind> kinds, List<InferenceMode> modes, Optional<String> python,
		BenchReport report, Console console) throws Exception
	{
		for (Kind kind : kinds)
			run(kind, modes, python, report, console);
	}

	private void run(Kind kind, List<InferenceMode> modes, Optional<String> python,
		BenchReport report, Console console) throws Exception
	{
		Path root = Files.createTempDirectory("espcn-bench-files-");
		try {
			Path in = Files.createDirectory(root.resolve("in"));
			List<Path> frames = makeFrames(kind, in, console);
			String sizeLabel = width + "x" + height + " -> " + width * model.scale() + "x" + height *
				model.scale();
			Map<InferenceMode, Path> results = new java.util.LinkedHashMap<>();
			for (InferenceMode mode : modes) {
				Path out = Files.createDirectory(root.resolve("out-" + mode.id()));
				Path old = Files.createDirectory(root.resolve("imageio-" + mode.id()));
				results.put(mode, out);
				steps(kind, frames, mode, out, old, sizeLabel, report, console);
				endToEnd(kind, frames, mode, root, sizeLabel, report, console);
			}
			if (python.isPresent()) opencv(kind, python.get(), in, results, root, report, console);
			else report.filesNote("No Python with cv2 and torch found: no OpenCV comparison");
		}
		finally {
			deleteTree(root);
		}
	}

	/**
	 * The frames: photographs resized to the input size, as RGB PNG written by ImageIO, or
	 * their luma (ImageJ's RGB to 8-bit; times 257 for 16 bits) written by ImageJ's TIFF writer
	 * or the project's PNG writer.
	 */
	List<Path> makeFrames(Kind kind, Path dir, Console console) throws IOException {
		List<BufferedImage> sources = new ArrayList<>();
		Path set = BenchCommand.findData("BSDS500-test");
		if (set != null) try (Stream<Path> s = Files.list(set)) {
			for (Path p : s.filter(p -> p.toString().endsWith(".png")).sorted().limit(FRAMES)
				.collect(Collectors.toList()))
			{
				BufferedImage img = ImageIO.read(p.toFile());
				if (img != null) sources.add(img);
			}
		}
		String origin = set == null ? "the bundled sample" : set.toString();
		if (sources.isEmpty()) try (InputStream s = FilesBench.class.getResourceAsStream(
			"/sample/butterfly.png"))
		{
			sources.add(ImageIO.read(s));
		}
		console.progress("Making %d %dx%d %s frames from %s", FRAMES, width, height, kind.label,
			origin);
		List<Path> frames = new ArrayList<>();
		for (int i = 0; i < FRAMES; i++) {
			ImageProcessor ip = new ImagePlus("", sources.get(i % sources.size())).getProcessor()
				.convertToRGB();
			ip.setInterpolationMethod(ImageProcessor.BICUBIC);
			ImageProcessor frame = ip.resize(width, height);
			Path f = dir.resolve(String.format("frame%02d.%s", i, kind.extension));
			if (kind == Kind.RGB_PNG) {
				BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
				img.getRaster().setDataElements(0, 0, width, height, frame.getPixels());
				ImageIO.write(img, "png", f.toFile());
			}
			else {
				ImageProcessor grey = frame.convertToByte(false);
				if (kind.bitDepth == 16) {
					byte[] b = (byte[]) grey.getPixels();
					short[] s = new short[b.length];
					for (int j = 0; j < b.length; j++)
						s[j] = (short) ((b[j] & 0xff) * 257);
					grey = new ij.process.ShortProcessor(width, height, s, null);
				}
				ImageFiles.write(f, new ImagePlus(f.getFileName().toString(), grey), false);
			}
			frames.add(f);
		}
		return frames;
	}

	private SuperResolver resolver(InferenceMode mode) {
		return new SuperResolver(model.upscaler(mode), SuperResolver.Options.defaults()
			.withTileSize(tile));
	}

	/** Each step on its own, frame after frame; the old PNG writer beside the new one. */
	private void steps(Kind kind, List<Path> frames, InferenceMode mode, Path out, Path old,
		String sizeLabel, BenchReport report, Console console) throws IOException
	{
		console.progress("Timing the steps per frame, %s, %s (%d rounds of %d frames)", kind.label,
			mode.id(), rounds, frames.size());
		boolean imageIo = kind == Kind.RGB_PNG;
		SuperResolver sr = resolver(mode);
		List<Double> decode = new ArrayList<>(), network = new ArrayList<>(), encode =
			new ArrayList<>(), imageio = new ArrayList<>();
		List<Long> sizes = new ArrayList<>(), oldSizes = new ArrayList<>();
		for (int r = 0; r < warmup + rounds; r++)
			for (Path f : frames) {
				boolean timed = r >= warmup;
				long t0 = System.nanoTime();
				ImagePlus in = ImageFiles.open(f);
				long t1 = System.nanoTime();
				ImagePlus result = ImagePlusUpscaling.upscale(in, sr);
				long t2 = System.nanoTime();
				Path target = out.resolve(f.getFileName());
				ImageFiles.write(target, result, true);
				long t3 = System.nanoTime();
				Path oldTarget = old.resolve(f.getFileName());
				if (imageIo) writeWithImageIo(result, oldTarget);
				long t4 = System.nanoTime();
				in.close();
				if (!timed) continue;
				decode.add((t1 - t0) / 1e6);
				network.add((t2 - t1) / 1e6);
				encode.add((t3 - t2) / 1e6);
				imageio.add((t4 - t3) / 1e6);
				sizes.add(Files.size(target));
				if (imageIo) oldSizes.add(Files.size(oldTarget));
			}
		String format = kind.label;
		report.filesStep(kind, "decode " + width + "x" + height + " " + format + " (ImageJ)", mode
			.id(), timings(decode), -1, "decode");
		report.filesStep(kind, "network " + sizeLabel + " (ImagePlus in and out)", mode.id(),
			timings(network), -1, "forward");
		String output = width * model.scale() + "x" + height * model.scale();
		report.filesStep(kind, "encode " + output + " " + format + (kind.extension.equals("png")
			? ", fast writer" : " (ImageJ)"), mode.id(), timings(encode), median(sizes), "encode");
		if (imageIo) report.filesStep(kind, "encode " + output + " PNG, ImageIO (before)", mode.id(),
			timings(imageio), median(oldSizes), "encode");
	}

	/** The old PNG writer: ImageIO's, on a BufferedImage, as ImageFiles wrote before. */
	private static void writeWithImageIo(ImagePlus imp, Path file) throws IOException {
		int w = imp.getWidth(), h = imp.getHeight();
		BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		img.getRaster().setDataElements(0, 0, w, h, imp.getProcessor().getPixels());
		try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(file))) {
			if (!ImageIO.write(img, "png", o)) throw new IOException("no PNG writer");
		}
	}

	/** The folder through FolderUpscaling: before (serial, ImageIO), serial, overlapped. */
	private void endToEnd(Kind kind, List<Path> frames, InferenceMode mode, Path root,
		String sizeLabel, BenchReport report, Console console) throws Exception
	{
		// the grey kinds: the way upscale now works only (ImageIO never wrote their TIFFs)
		List<Way> ways = kind == Kind.RGB_PNG ? List.of(Way.values()) : List.of(Way.OVERLAPPED);
		SuperResolver sr = resolver(mode);
		Map<Way, List<Double>> perFrame = new java.util.EnumMap<>(Way.class);
		Map<Way, Double> cpu = new java.util.EnumMap<>(Way.class);
		java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory
			.getOperatingSystemMXBean();
		for (int r = 0; r < warmup + rounds; r++)
			for (Way way : ways) {
				console.progress("Timing the folder, %s, %s, %s, round %d of %d", kind.label, way.name()
					.toLowerCase(java.util.Locale.ROOT), mode.id(), r + 1, warmup + rounds);
				Path out = root.resolve("e2e-" + mode.id() + "-" + way + "-" + r);
				Files.createDirectory(out);
				FolderUpscaling.Steps<Path> steps = new FolderUpscaling.Steps<Path>() {

					@Override
					public ImagePlus read(Path job) throws IOException {
						return ImageFiles.open(job);
					}

					@Override
					public ImagePlus upscale(Path job, int index, ImagePlus in) {
						return ImagePlusUpscaling.upscale(in, sr);
					}

					@Override
					public void write(Path job, ImagePlus result) throws IOException {
						Path target = out.resolve(job.getFileName());
						if (way == Way.BEFORE) writeWithImageIo(result, target);
						else ImageFiles.write(target, result, true);
					}
				};
				FolderUpscaling.Outcomes<Path> outcomes = new FolderUpscaling.Outcomes<Path>() {

					@Override
					public void written(Path job, int index, ImagePlus result, long start) {}

					@Override
					public void failed(Path job, int index, Throwable e) throws Exception {
						throw new IOException(job + " failed in the benchmark: " + e, e);
					}
				};
				long cpu0 = processCpu(os), t0 = System.nanoTime();
				if (way == Way.OVERLAPPED) FolderUpscaling.overlapped(frames, steps, outcomes,
					InferenceThreads.shared().executor());
				else FolderUpscaling.serial(frames, steps, outcomes);
				double ms = (System.nanoTime() - t0) / 1e6 / frames.size();
				long cpu1 = processCpu(os);
				deleteTree(out);
				if (r < warmup) continue;
				perFrame.computeIfAbsent(way, k -> new ArrayList<>()).add(ms);
				if (cpu0 >= 0 && cpu1 >= 0) cpu.merge(way, (cpu1 - cpu0) / 1e6 / frames.size() / rounds,
					Double::sum);
			}
		for (Way way : ways)
			report.filesStep(kind, (kind.extension.equals("png") ? way.label : way.label.replace(
				", fast PNG", "")) + ", " + sizeLabel, mode.id(), new Timings(perFrame.get(way)
				.stream().mapToDouble(Double::doubleValue).toArray(), cpu.getOrDefault(way,
					Double.NaN)), -1, "pipeline");
	}

	/**
	 * OpenCV's codecs and pipeline on the same frames; its codecs encode the results of the
	 * first mode, and libpng's default encodes the results of every mode (the same pixels as our
	 * files of that mode: bf16 results are other pixels than fp32 ones).
	 */
	private void opencv(Kind kind, String python, Path in, Map<InferenceMode, Path> results,
		Path root, BenchReport report, Console console) throws IOException
	{
		console.progress("Timing OpenCV's codecs and its pipeline on the same %s frames (%s)",
			kind.label, python);
		Path npz = root.resolve("weights.npz");
		ModelFiles.exportPyTorch(model, npz);
		EspcnSpec spec = model.spec();
		List<String> args = new ArrayList<>(List.of("--inputs", in.toString(), "--results", results
			.values().iterator().next().toString(), "--weights", npz.toString(), "--scale", Integer
				.toString(spec.scale()), "--filters", join(spec.filters()), "--kernels", join(spec
					.kernels()), "--rounds", Integer.toString(rounds), "--warmup", Integer.toString(Math
						.min(1, warmup)), "--extension", kind.extension));
		for (Map.Entry<InferenceMode, Path> r : results.entrySet())
			args.addAll(List.of("--sizes", r.getKey().id() + "=" + r.getValue()));
		Map<String, String> v = PythonBench.script(python, "/bench/opencv_files.py", args, 3600);
		report.filesOpencv(kind, v);
		if (kind.extension.equals("png")) for (InferenceMode mode : results.keySet())
			report.filesSizes(kind, mode.id());
	}

	private static String join(int[] values) {
		return Arrays.stream(values).mapToObj(Integer::toString).collect(Collectors.joining(","));
	}

	private static long processCpu(java.lang.management.OperatingSystemMXBean os) {
		return os instanceof com.sun.management.OperatingSystemMXBean
			? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : -1;
	}

	private static Timings timings(List<Double> ms) {
		return new Timings(ms.stream().mapToDouble(Double::doubleValue).toArray());
	}

	private static long median(List<Long> v) {
		List<Long> s = new ArrayList<>(v);
		s.sort(null);
		return s.get(s.size() / 2);
	}

	private static void deleteTree(Path root) throws IOException {
		if (!Files.exists(root)) return;
		try (Stream<Path> s = Files.walk(root)) {
			for (Path p : s.sorted(Comparator.reverseOrder()).collect(Collectors.toList()))
				Files.deleteIfExists(p);
		}
	}
}
