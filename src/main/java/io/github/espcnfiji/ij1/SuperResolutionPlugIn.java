package io.github.espcnfiji.ij1;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import io.github.espcnfiji.command.SuperResolutionCommand;
import io.github.espcnfiji.core.Tiler;
import io.github.espcnfiji.model.InferenceMode;

import java.util.Locale;
import java.util.concurrent.CancellationException;

import net.imglib2.img.Img;

import org.scijava.command.CommandModule;

/**
 * Plugins&gt;ESPCN&gt;ESPCN Super-Resolution: super-resolves the current image (8-bit, 16-bit,
 * 32-bit, RGB; stacks and hyperstacks) into a new image, see {@link ImagePlusUpscaling}, with the
 * SciJava {@link SuperResolutionCommand} doing the work. Esc cancels and leaves no image. With
 * an area selection only the selection's bounding rectangle is super-resolved ({@link Selection}).
 * The result is titled {@code <title>-ESPCN-<model>} ({@code blobs-ESPCN-x3}) and Image &gt; Show
 * Info tells the model, its card's name, scale, tile, precision and the region processed.
 * <pre>
 * run("ESPCN Super-Resolution...", "model=[x3] tile=256");
 * run("ESPCN Super-Resolution...", "model=[/path/to/my-model] tile=128");
 * run("ESPCN Super-Resolution...", "model=[x3] tile=256 precision=bf16");
 * </pre>
 */
public final class SuperResolutionPlugIn implements PlugIn {

	/** The menu command. */
	public static final String COMMAND = "ESPCN Super-Resolution";
	/** Macro key: a bundled model name ({@code x2}, {@code x3}, {@code x4}) or a model path. */
	public static final String MODEL = "model";
	/** Macro key: the largest tile side in input pixels. */
	public static final String TILE = "tile";
	/**
	 * Macro key: {@code fp32} (the default, exact) or {@code bf16} (faster on CPUs with AVX-512
	 * BF16 or AMX, a few hundredths of a dB lower PSNR).
	 */
	public static final String PRECISION = "precision";
	static final String MODEL_LABEL = "Model";
	static final String PRECISION_LABEL = "Precision";
	static final String[] PRECISIONS = { "fp32", "bf16" };
	static final String TILE_LABEL = "Tile size (pixels)";
	/** The model used when none is given. */
	public static final String DEFAULT_MODEL = "x3";

	@Override
	public void run(String arg) {
		if (!MacroOptions.currentHasOnly(COMMAND, MODEL, TILE, PRECISION)) return;
		ImagePlus imp = WindowManager.getCurrentImage();
		if (imp == null) {
			PlugInErrors.report(COMMAND, "There is no image open; open an image first");
			return;
		}
		String model, precision;
		int tile;
		if (Help.fromMacro()) {
			try {
				MacroOptions o = MacroOptions.current();
				model = o.string(MODEL, DEFAULT_MODEL);
				tile = o.integer(TILE, Tiler.DEFAULT_TILE_SIZE);
				precision = InferenceMode.precision(o.string(PRECISION, PRECISIONS[0])).id();
			}
			catch (IllegalArgumentException e) {
				PlugInErrors.report(COMMAND, e.getMessage());
				return;
			}
		}
		else {
			Remembered last = new Remembered(COMMAND);
			GenericDialog gd = new GenericDialog(COMMAND);
			ModelChooser.addTo(gd, MODEL_LABEL, last.get(MODEL, DEFAULT_MODEL));
			gd.addNumericField(TILE_LABEL, last.get(TILE, Tiler.DEFAULT_TILE_SIZE), 0);
			gd.addChoice(PRECISION_LABEL, PRECISIONS, last.get(PRECISION, PRECISIONS[0]));
			gd.addMessage(InferenceMode.PRECISION_HELP);
			gd.addHelp(Help.MENUS);
			gd.showDialog();
			if (gd.wasCanceled()) {
				CommandRecording.skip();
				return;
			}
			model = gd.getNextChoice().trim();
			tile = (int) gd.getNextNumber();
			precision = gd.getNextChoice();
			last.set(MODEL, model);
			last.set(TILE, tile);
			last.set(PRECISION, precision);
		}
		ImagePlus result = upscale(imp, model, tile, precision, new ImageJProgress(COMMAND));
		if (result != null) ImageDisplay.show(result);
	}

	/**
	 * Super-resolves {@code imp} with a model by name or path, with ImageJ progress and Esc; null
	 * when cancelled or failed (the failure is reported as {@link PlugInErrors} says).
	 */
	public static ImagePlus upscale(ImagePlus imp, String model, int tile) {
		return upscale(imp, model, tile, PRECISIONS[0], new ImageJProgress(COMMAND));
	}

	/**
	 * As {@link #upscale(ImagePlus, String, int)} at the given precision ({@link #PRECISION}),
	 * watched by {@code progress}; the work is the SciJava {@link SuperResolutionCommand}, run as
	 * {@link SciJavaCommands} says.
	 */
	static ImagePlus upscale(ImagePlus imp, String model, int tile, String precision,
		ImageJProgress progress)
	{
		try {
			long start = System.nanoTime();
			Selection selection = Selection.of(imp);
			ImagePlus source = selection.image();
			String[] card = { null };
			ImagePlus result = ImagePlusUpscaling.upscale(source, input -> {
				CommandModule m = SciJavaCommands.run(SuperResolutionCommand.class, "input", input,
					"model", model, "tile", tile, "precision", precision, "progress", progress, "cancel",
					progress);
				card[0] = (String) m.getOutput("model_name");
				return (Img<?>) m.getOutput("output");
			});
			int scale = result.getWidth() / source.getWidth();
			result.setTitle(ImagePlusUpscaling.titleOf(imp.getTitle(), ImagePlusUpscaling.modelLabel(
				card[0])));
			result.setProperty("Info", ImagePlusUpscaling.provenance(imp, card[0], model, scale, tile,
				precision, selection.description()));
			if (selection.description() != null) IJ.log(COMMAND + ": " + selection.description());
			ImageJProgress.done(String.format(Locale.ROOT, "%s: %s in %.1f s", COMMAND, result
				.getTitle(), (System.nanoTime() - start) / 1e9));
			return result;
		}
		catch (CancellationException e) {
			CommandRecording.skip();
			ImageJProgress.done(COMMAND + " cancelled");
			IJ.log(COMMAND + ": cancelled; no image was made");
			return null;
		}
		catch (RuntimeException e) {
			ImageJProgress.done("");
			PlugInErrors.report(COMMAND, PlugInErrors.describe(e));
			return null;
		}
	}
}
