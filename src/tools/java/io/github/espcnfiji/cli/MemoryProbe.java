package io.github.espcnfiji.cli;

import ij.ImagePlus;
import ij.process.ShortProcessor;
import io.github.espcnfiji.core.SuperResolver;
import io.github.espcnfiji.ij1.ImagePlusUpscaling;
import io.github.espcnfiji.model.DjlRuntime;
import io.github.espcnfiji.model.EspcnModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The child process of {@code bench}'s memory measurement: super-resolves one synthetic 16-bit
 * image whose result is {@code side x side} pixels (the input is {@code side / scale} rounded
 * up) through the same path as the Fiji plugin (an ImagePlus in, an ImagePlus out, default tile
 * size), then prints the process's peak resident memory ({@code VmHWM}) on Linux:
 * {@code peak_kib=P baseline_kib=B seconds=S output=WxH}, where the baseline is the peak after
 * loading the model.
 * <pre>
 * java -Xmx1g -cp ESPCN_.jar io.github.espcnfiji.cli.MemoryProbe x3 16384
 * </pre>
 */
final class MemoryProbe {

	private MemoryProbe() {}

	public static void main(String[] args) throws IOException {
		if (args.length != 2) {
			System.err.println("usage: MemoryProbe MODEL OUTPUT_SIDE");
			System.exit(2);
		}
		DjlRuntime.goOffline();
		int side = Integer.parseInt(args[1]);
		try (EspcnModel model = ModelChoice.load(args[0], Optional.empty())) {
			int s = model.scale(), in = (side + s - 1) / s;
			SuperResolver sr = new SuperResolver(model);
			// a tiny image first, so that the baseline includes the engine's own start-up
			ImagePlusUpscaling.upscale(new ImagePlus("warm-up", pattern(32)), sr);
			long baseline = peakKib();
			ImagePlus input = new ImagePlus("probe", pattern(in));
			long start = System.nanoTime();
			ImagePlus out = ImagePlusUpscaling.upscale(input, sr);
			double seconds = (System.nanoTime() - start) / 1e9;
			System.out.println(String.format(Locale.ROOT,
				"peak_kib=%d baseline_kib=%d seconds=%.2f output=%dx%d", peakKib(), baseline, seconds,
				out.getWidth(), out.getHeight()));
		}
		System.exit(0);
	}

	/** A smooth 16-bit pattern, so that the min-max mapping spans the range. */
	private static ShortProcessor pattern(int side) {
		ShortProcessor p = new ShortProcessor(side, side);
		short[] px = (short[]) p.getPixels();
		for (int y = 0; y < side; y++)
			for (int x = 0; x < side; x++)
				px[y * side + x] = (short) (32768 + 30000 * Math.sin(x * 0.05) * Math.cos(y * 0.03));
		return p;
	}

	/** VmHWM from /proc/self/status, in KiB; -1 where there is no such file. */
	static long peakKib() throws IOException {
		Path status = Path.of("/proc/self/status");
		if (!Files.isReadable(status)) return -1;
		for (String line : Files.readAllLines(status))
			if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
		return -1;
	}
}
