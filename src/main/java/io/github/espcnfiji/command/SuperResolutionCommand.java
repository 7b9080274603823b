package io.github.espcnfiji.command;

import io.github.espcnfiji.core.SuperResolver;
import io.github.espcnfiji.core.Tiler;
import io.github.espcnfiji.model.BundledModels;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.model.InferenceMode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;

import org.scijava.ItemIO;
import org.scijava.ItemVisibility;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Super-resolves an ImgLib2 image (8-bit, 16-bit, 32-bit gray or RGB; every XY plane on its
 * own) with a bundled model ({@code x2}, {@code x3}, {@code x4}) or a model folder or
 * {@code .zip}.
 * <pre>{@code
 * Img<?> big = (Img<?>) commandService.run(SuperResolutionCommand.class, true, "input", img,
 *     "model", "x3", "tile", 256, "precision", "fp32").get().getOutput("output");
 * }</pre>
 * {@code progress} (told after every tile) and {@code cancel} (asked before every tile; true
 * stops the work with a {@link java.util.concurrent.CancellationException} and no output) have
 * no widget: scripts and the ImageJ 1.x "ESPCN Super-Resolution" give them.
 */
@Plugin(type = Command.class, headless = true,
	menuPath = "Plugins>ESPCN>ImgLib2>Super-Resolution (ImgLib2)")
public final class SuperResolutionCommand implements Command {

	@Parameter(label = "Input image", persist = false)
	private RandomAccessibleInterval<?> input;

	@Parameter(label = "Model", description = "x2, x3, x4, deep-x2, deep-x3, deep-x4, wide-x3 or the path of a model folder or .zip",
		persist = false)
	private String model = "x3";

	@Parameter(label = "Tile size (pixels)", min = "1", persist = false)
	private int tile = Tiler.DEFAULT_TILE_SIZE;

	@Parameter(label = "Precision", choices = { "fp32", "bf16" }, description = InferenceMode.PRECISION_HELP,
		persist = false)
	private String precision = "fp32";

	@Parameter(label = "Progress listener", required = false, persist = false,
		visibility = ItemVisibility.INVISIBLE)
	private SuperResolver.ProgressListener progress;

	@Parameter(label = "Cancel check", required = false, persist = false,
		visibility = ItemVisibility.INVISIBLE)
	private BooleanSupplier cancel;

	@Parameter(type = ItemIO.OUTPUT)
	private Img<?> output;

	@Parameter(type = ItemIO.OUTPUT, label = "Scale")
	private int scale;

	@Parameter(type = ItemIO.OUTPUT, label = "Model name")
	private String model_name;

	@Override
	public void run() {
		SuperResolver.Options options = SuperResolver.Options.defaults().withTileSize(tile);
		if (progress != null) options = options.withProgress(progress);
		if (cancel != null) options = options.withCancellation(cancel);
		InferenceMode mode = InferenceMode.precision(precision);
		Optional<EspcnModel> kept = ShippedModelCache.get(model);
		try (EspcnModel own = kept.isPresent() ? null : BundledModels.shipped().resolve(model)) {
			EspcnModel m = kept.orElse(own);
			SuperResolver sr = new SuperResolver(m.upscaler(mode), options);
			scale = sr.scale();
			model_name = m.card().name;
			output = Upscaling.upscale(sr, input);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot load model '" + model + "': " + e.getMessage(), e);
		}
	}
}
