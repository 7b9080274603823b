package io.github.espcnfiji.cli;

import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.SuperResolver;
import io.github.espcnfiji.core.Tiler;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.video.Chroma;
import io.github.espcnfiji.video.Frame;
import io.github.espcnfiji.video.FrameUpscaler;
import io.github.espcnfiji.video.YuvPicture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * {@code bench --video}: frames per second of video super-resolution at 720p, 1080p and 4K
 * outputs, x3 and x4. A frame is a 4:2:0 YUV picture of the input size (the output size divided
 * by the scale, rounded up); it is timed through the {@link FrameUpscaler} as a video run
 * does it (luma through the network in tiles, chroma by bicubic), and its luma alone through the
 * network in one piece, beside the same forward pass in PyTorch when a Python with torch is
 * found, in the same run. The peak resident memory of this process (Linux) is given per size.
 */
final class VideoBench {

	/** Output sizes timed by default: 720p, 1080p and 4K UHD. */
	static final String DEFAULT_OUTPUTS = "720p,1080p,4k";

	private VideoBench() {}

	static int run(Options o, Console console) throws Exception {
		int repeats = o.integer("repeats", 3, 1);
		int warmup = o.integer("warmup", 1, 0);
		int tile = o.integer("tile", Tiler.DEFAULT_TILE_SIZE, 1);
		List<int[]> outputs = new ArrayList<>();
		for (String s : o.string("outputs").orElse(DEFAULT_OUTPUTS).split(","))
			outputs.add(BenchCommand.outputSize(s));
		List<String> models = o.string("model").map(List::of).orElse(List.of("x3", "x4"));
		Optional<String> python = o.flag("no-python") ? Optional.empty() : BenchCommand.python(o,
			console);
		Table table = new Table("output", "model", "input", "frame ms", "frames/s", "forward ms",
			"PyTorch ms", "DJL / PyTorch", "peak RSS MB");
		for (String name : models)
			try (EspcnModel model = ModelChoice.load(name, Optional.empty())) {
				int s = model.scale();
				for (int[] out : outputs) {
					int w = (out[0] + s - 1) / s, h = (out[1] + s - 1) / s;
					console.progress("Timing %s: %dx%d -> %dx%d (%d warm-up, %d timed runs)", model
						.card().name, w, h, w * s, h * s, warmup, repeats);
					resetPeakMemory();
					Frame frame = Frame.of(0, picture(w, h));
					FrameUpscaler upscaler = new FrameUpscaler(new SuperResolver(model, SuperResolver.Options
						.defaults().withTileSize(tile)));
					Timings perFrame = Timings.of(() -> upscaler.upscale(frame), warmup, repeats);
					FloatPlane luma = frame.yuv().luma();
					float[] unit = luma.data();
					for (int i = 0; i < unit.length; i++)
						unit[i] /= 255f;
					Timings forward = Timings.of(() -> model.upscale(luma), warmup, repeats);
					Optional<PythonBench.Result> torch = python.isPresent() ? Optional.of(PythonBench.time(
						python.get(), model.spec(), w, h, warmup, repeats)) : Optional.empty();
					table.row((w * s) + "x" + (h * s), model.card().name, w + "x" + h, ms(perFrame
						.median()), String.format(Locale.ROOT, "%.2f", 1000 / perFrame.median()), ms(forward
							.median()), torch.map(t -> ms(t.median)).orElse("-"), torch.map(t -> String.format(
								Locale.ROOT, "%.2f", forward.median() / t.median)).orElse("-"), peakMemory());
				}
			}
		console.result("Video super-resolution, medians of %d runs after %d warm-up (frame: 4:2:0, " +
			"luma in tiles of %d px, chroma bicubic; forward: luma in one piece):", repeats, warmup,
			tile);
		console.out.print(table);
		return 0;
	}

	/** A 4:2:0 picture of smooth patterns and noise, as video content has both. */
	private static YuvPicture picture(int w, int h) {
		Random random = new Random(42);
		float[] r = new float[w * h], g = new float[w * h], b = new float[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int i = y * w + x;
				r[i] = (float) (128 + 100 * Math.sin(x * 0.05) * Math.cos(y * 0.07)) + random.nextInt(9);
				g[i] = (float) (128 + 90 * Math.cos(x * 0.03 + y * 0.02)) + random.nextInt(9);
				b[i] = (float) (128 + 80 * Math.sin((x + y) * 0.04)) + random.nextInt(9);
			}
		return YuvPicture.fromRgb(new FloatPlane(r, w, h), new FloatPlane(g, w, h), new FloatPlane(b,
			w, h), Chroma.C420JPEG);
	}

	/** Resets the kernel's peak resident size of this process (Linux 4.0 and later). */
	private static void resetPeakMemory() {
		try {
			Files.writeString(Path.of("/proc/self/clear_refs"), "5");
		}
		catch (IOException | RuntimeException e) {
			// not Linux, or not allowed: the peak then counts from the start
		}
	}

	/** VmHWM of /proc/self/status in MB, or "-" where there is none. */
	private static String peakMemory() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"),
				StandardCharsets.US_ASCII))
				if (line.startsWith("VmHWM:")) return Long.toString(Long.parseLong(line.replaceAll(
					"[^0-9]", "")) / 1024);
		}
		catch (IOException | RuntimeException e) {
			// not Linux
		}
		return "-";
	}

	private static String ms(double v) {
		return String.format(Locale.ROOT, "%.1f", v);
	}
}
