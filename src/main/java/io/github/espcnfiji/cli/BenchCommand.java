package io.github.espcnfiji.cli;

import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.Tiler;
import io.github.espcnfiji.model.EspcnModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * {@code bench}: how long one forward pass takes on a video-sized frame (640x360 in, 1920x1080
 * out at x3), through {@link EspcnModel#upscale} in one piece and through the {@link Tiler}, and,
 * when a Python with PyTorch is found, through PyTorch itself for comparison.
 */
final class BenchCommand implements Command {

	@Override
	public String name() {
		return "bench";
	}

	@Override
	public String summary() {
		return "time the forward pass on a 640x360 frame (DJL whole, DJL tiled, PyTorch)";
	}

	@Override
	public OptionSpec options() {
		return new OptionSpec().optional("model", ModelChoice.VALUE, ModelChoice.HELP +
			" (default x3)").optional("repeats", "N", "timed runs per path (default 10)").optional(
				"warmup", "N", "untimed runs first (default 2)").optional("size", "WxH",
					"input size (default 640x360)").optional("tile", "N", "tile side for the tiled path " +
						"(default " + Tiler.DEFAULT_TILE_SIZE + ")").optional("python", "CMD",
							"the Python to try (default python3, then /usr/bin/python3)").flag("no-python",
								"skip the PyTorch comparison").flag("video",
									"frames/s of video super-resolution at 720p, 1080p and 4K outputs (x3, x4)")
			.optional("outputs", "WxH[,WxH...]", "output sizes for --video (default " +
				VideoBench.DEFAULT_OUTPUTS + ")");
	}

	@Override
	public int run(Options o, Console console) throws Exception {
		if (o.flag("video")) return VideoBench.run(o, console);
		int repeats = o.integer("repeats", 10, 1);
		int warmup = o.integer("warmup", 2, 0);
		int tile = o.integer("tile", Tiler.DEFAULT_TILE_SIZE, 1);
		int[] size = size(o.string("size").orElse("640x360"), "--size");
		int w = size[0], h = size[1];
		try (EspcnModel model = ModelChoice.load(o.string("model").orElse("x3"), Optional
			.empty()))
		{
			int s = model.scale();
			FloatPlane frame = randomFrame(w, h);
			Tiler tiler = new Tiler(model, tile);
			console.progress("Timing %s: %dx%d -> %dx%d, %d warm-up and %d timed runs per path",
				model.card().name, w, h, w * s, h * s, warmup, repeats);
			Table table = new Table("path", "median ms", "min ms", "max ms");
			Timings whole = Timings.of(() -> model.upscale(frame), warmup, repeats);
			row(table, "DJL EspcnModel.upscale (one piece)", whole);
			Timings tiled = Timings.of(() -> tiler.upscale(frame), warmup, repeats);
			row(table, "DJL Tiler (" + tile + " px, " + tiler.tileCount(w, h) + " tiles)", tiled);
			Optional<PythonBench.Result> torch = o.flag("no-python") ? Optional.empty() : python(o,
				model, w, h, warmup, repeats, console);
			torch.ifPresent(t -> table.row("PyTorch " + t.torchVersion + " (" + t.python + ", " +
				t.threads + " threads)", ms(t.median), ms(t.min), ms(t.max)));
			console.result("ESPCN x%d forward pass, %dx%d -> %dx%d, %d runs after %d warm-up:", s, w,
				h, w * s, h * s, repeats, warmup);
			console.out.print(table);
			torch.ifPresent(t -> console.result("DJL / PyTorch (median, one piece): %.2fx", whole
				.median() / t.median));
		}
		return 0;
	}

	private static Optional<PythonBench.Result> python(Options o, EspcnModel model, int w, int h,
		int warmup, int repeats, Console console) throws Exception
	{
		Optional<String> python = python(o, console);
		if (python.isEmpty()) return Optional.empty();
		console.progress("Timing the same network in PyTorch with %s", python.get());
		return Optional.of(PythonBench.time(python.get(), model.spec(), w, h, warmup, repeats));
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
		if (python.isEmpty()) {
			console.progress("No Python with torch found (tried %s); skipping the PyTorch comparison",
				String.join(", ", candidates));
		}
		return python;
	}

	private static void row(Table table, String label, Timings t) {
		table.row(label, ms(t.median()), ms(t.min()), ms(t.max()));
	}

	private static String ms(double v) {
		return String.format(Locale.ROOT, "%.1f", v);
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

	private static FloatPlane randomFrame(int w, int h) {
		Random random = new Random(42);
		float[] v = new float[w * h];
		for (int i = 0; i < v.length; i++)
			v[i] = random.nextFloat();
		return new FloatPlane(v, w, h);
	}
}
