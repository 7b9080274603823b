package io.github.espcnfiji.cli;

import ij.ImagePlus;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.PlaneUpscaler;
import io.github.espcnfiji.core.SuperResolver;
import io.github.espcnfiji.core.Tiler;
import io.github.espcnfiji.ij1.ImagePlusUpscaling;
import io.github.espcnfiji.model.EngineSpeed;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.model.InferenceMode;

import java.util.Random;

/**
 * The inference timings of {@code bench} for one model and one input size:
 * <ul>
 * <li><b>forward</b>: a random luma plane in [0, 1] through the network, as the super-resolver
 * runs it (a {@link Tiler} with the given tile size, the network's own tiling and threads
 * within), into a float plane;</li>
 * <li><b>gray</b> and <b>rgb</b>: end to end, an 8-bit or RGB ImagePlus in and a new ImagePlus
 * out through {@link ImagePlusUpscaling} and a {@link SuperResolver}, as the Fiji plugin
 * runs it;</li>
 * <li><b>rgb-plain</b>: the same RGB ImagePlus through the RGB steps as they were before
 * December 2026 ({@link PlainRgbSteps}, the same network and tiles), to time today's path
 * against in the same run; repeat the paths to interleave them
 * ({@code --paths rgb,rgb-plain,rgb,rgb-plain}).</li>
 * </ul>
 */
final class InferenceBench {

	/** The kinds of work timed. */
	enum Kind {
		FORWARD("forward"), GRAY("gray"), RGB("rgb"), RGB_PLAIN("rgb-plain");

		final String id;

		Kind(String id) {
			this.id = id;
		}

		static Kind parse(String s) throws UsageException {
			for (Kind k : values())
				if (k.id.equalsIgnoreCase(s.trim())) return k;
			throw new UsageException("--paths takes forward, gray, rgb and rgb-plain, not '" + s +
				"'");
		}
	}

	private final EspcnModel model;
	private final int width, height, tile, warmup, repeats;
	private final FloatPlane luma;
	private final ImagePlus gray, rgb;

	InferenceBench(EspcnModel model, int width, int height, int tile, int warmup, int repeats) {
		this.model = model;
		this.width = width;
		this.height = height;
		this.tile = tile;
		this.warmup = warmup;
		this.repeats = repeats;
		Random random = new Random(42);
		float[] v = new float[width * height];
		for (int i = 0; i < v.length; i++)
			v[i] = random.nextFloat();
		luma = new FloatPlane(v, width, height);
		ByteProcessor bytes = new ByteProcessor(width, height);
		random.nextBytes((byte[]) bytes.getPixels());
		gray = new ImagePlus("gray", bytes);
		ColorProcessor colour = new ColorProcessor(width, height);
		int[] px = (int[]) colour.getPixels();
		for (int i = 0; i < px.length; i++)
			px[i] = random.nextInt() & 0xffffff;
		rgb = new ImagePlus("rgb", colour);
	}

	/** Times {@code kind} run the {@code mode} way. */
	Timings time(Kind kind, InferenceMode mode) {
		PlaneUpscaler upscaler = model.upscaler(mode);
		switch (kind) {
			case FORWARD: {
				Tiler tiler = new Tiler(upscaler, tile);
				return Timings.of(() -> tiler.upscale(luma), warmup, repeats);
			}
			case GRAY:
			case RGB: {
				SuperResolver sr = new SuperResolver(upscaler, SuperResolver.Options.defaults()
					.withTileSize(tile));
				ImagePlus in = kind == Kind.GRAY ? gray : rgb;
				return Timings.of(() -> ImagePlusUpscaling.upscale(in, sr), warmup, repeats);
			}
			case RGB_PLAIN: {
				int s = upscaler.scale();
				int[] px = (int[]) rgb.getProcessor().getPixels();
				return Timings.of(() -> new ImagePlus("rgb", new ColorProcessor(width * s, height * s,
					PlainRgbSteps.upscale(upscaler, tile, px, width, height))), warmup, repeats);
			}
			default:
				throw new AssertionError(kind);
		}
	}

	/** The network's GFLOP for one input of this size. */
	double gigaflop() {
		return EngineSpeed.flopPerPixel(model.spec()) * width * height / 1e9;
	}
}
