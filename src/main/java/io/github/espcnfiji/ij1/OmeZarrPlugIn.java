package io.github.espcnfiji.ij1;

import ij.IJ;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import io.github.espcnfiji.core.Tiler;
import io.github.espcnfiji.model.BundledModels;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.model.InferenceMode;
import io.github.espcnfiji.zarr.Compressor;
import io.github.espcnfiji.zarr.Multiscales;
import io.github.espcnfiji.zarr.ZarrUpscaler;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.concurrent.CancellationException;

/**
 * Plugins&gt;ESPCN&gt;ESPCN OME-Zarr: super-resolves an OME-Zarr image (or a plain Zarr v2
 * array) folder into a new OME-Zarr folder, chunk by chunk, with the engine and the rules of
 * the command line's {@code upscale --input in.zarr --output out.zarr} ({@link ZarrUpscaler}):
 * the same files for the same settings, memory bounded by the chunk size, the output complete
 * or absent (written into a hidden folder beside it and renamed at the end), an existing output
 * replaced only with {@code overwrite}, and never the input or a folder in it. Nothing is
 * opened as an image: the input may be far larger than memory.
 * <p>
 * The progress bar and status show the level and chunk; Esc stops before the next chunk and
 * removes the unfinished output.
 * <pre>
 * run("ESPCN OME-Zarr...", "input=[/data/cells.zarr] output=[/data/cells-x3.zarr] model=[x3]");
 * run("ESPCN OME-Zarr...", "input=[/data/cells.zarr] output=[/data/cells-x3.zarr] model=[x3] pyramid=3 chunk=512 compressor=blosc-zstd overwrite");
 * </pre>
 */
public final class OmeZarrPlugIn implements PlugIn {

	/** The menu command. */
	public static final String COMMAND = "ESPCN OME-Zarr";
	/** Macro key: the input Zarr folder. */
	public static final String INPUT = "input";
	/** Macro key: the output folder, a new {@code .zarr} (or an empty folder). */
	public static final String OUTPUT = "output";
	/** Macro key: a bundled model name or a model path. */
	public static final String MODEL = "model";
	/** Macro key: the largest tile side in input pixels given to the network at once. */
	public static final String TILE = "tile";
	/** Macro key: {@code fp32} (the default) or {@code bf16}, as in ESPCN Super-Resolution. */
	public static final String PRECISION = SuperResolutionPlugIn.PRECISION;
	/** Macro key: the number of halved levels added after the super-resolved one (0: none). */
	public static final String PYRAMID = "pyramid";
	/** Macro key: the output chunks' side in y and x; 0 keeps the input's chunk shape. */
	public static final String CHUNK = "chunk";
	/** Macro key: the output's compressor, {@value #SAME} for the input's. */
	public static final String COMPRESSOR = "compressor";
	/** Macro flag: replace an existing output (a Zarr image; never a folder of other files). */
	public static final String OVERWRITE = "overwrite";
	/** The compressor choice that keeps the input's (Blosc lz4 where it cannot be written). */
	public static final String SAME = "same";
	static final String[] COMPRESSORS = { SAME, "blosc-lz4", "blosc-zstd", "blosc-zlib", "zlib",
		"gzip", "none" };
	static final String INPUT_LABEL = "Input OME-Zarr (folder)";
	static final String OUTPUT_LABEL = "Output OME-Zarr (new folder)";
	static final String MODEL_LABEL = "Model";
	static final String TILE_LABEL = "Tile size (pixels)";
	static final String PYRAMID_LABEL = "Pyramid levels to add (each halves y and x)";
	static final String CHUNK_LABEL = "Chunk side of the output (pixels; 0: the input's)";
	static final String COMPRESSOR_LABEL = "Compressor (same: the input's)";
	static final String OVERWRITE_LABEL = "Overwrite an existing output";

	@Override
	public void run(String arg) {
		if (!MacroOptions.currentHasOnly(COMMAND, INPUT, OUTPUT, MODEL, TILE, PRECISION, PYRAMID,
			CHUNK, COMPRESSOR, OVERWRITE)) return;
		String input, output, model, precision, compressor;
		int tile, pyramid, chunk;
		boolean overwrite;
		if (Help.fromMacro()) {
			try {
				MacroOptions o = MacroOptions.current();
				input = o.required(INPUT);
				output = o.required(OUTPUT);
				model = o.string(MODEL, SuperResolutionPlugIn.DEFAULT_MODEL);
				tile = o.integer(TILE, Tiler.DEFAULT_TILE_SIZE);
				precision = o.string(PRECISION, SuperResolutionPlugIn.PRECISIONS[0]);
				pyramid = o.integer(PYRAMID, 0);
				chunk = o.integer(CHUNK, 0);
				compressor = o.string(COMPRESSOR, SAME);
				overwrite = o.flag(OVERWRITE);
			}
			catch (IllegalArgumentException e) {
				PlugInErrors.report(COMMAND, e.getMessage());
				return;
			}
		}
		else {
			Remembered last = new Remembered(COMMAND);
			GenericDialog gd = new GenericDialog(COMMAND);
			gd.addDirectoryField(INPUT_LABEL, last.get(INPUT, ""));
			gd.addDirectoryField(OUTPUT_LABEL, last.get(OUTPUT, ""));
			ModelChooser.addTo(gd, MODEL_LABEL, last.get(MODEL, SuperResolutionPlugIn.DEFAULT_MODEL));
			gd.addNumericField(TILE_LABEL, last.get(TILE, Tiler.DEFAULT_TILE_SIZE), 0);
			gd.addChoice(SuperResolutionPlugIn.PRECISION_LABEL, SuperResolutionPlugIn.PRECISIONS, last
				.get(PRECISION, SuperResolutionPlugIn.PRECISIONS[0]));
			gd.addNumericField(PYRAMID_LABEL, last.get(PYRAMID, 0), 0);
			gd.addNumericField(CHUNK_LABEL, last.get(CHUNK, 0), 0);
			gd.addChoice(COMPRESSOR_LABEL, COMPRESSORS, last.get(COMPRESSOR, SAME));
			gd.addCheckbox(OVERWRITE_LABEL, false);
			gd.addHelp(Help.ZARR);
			gd.showDialog();
			if (gd.wasCanceled()) {
				CommandRecording.skip();
				return;
			}
			input = gd.getNextString().trim();
			output = gd.getNextString().trim();
			model = gd.getNextChoice().trim();
			tile = (int) gd.getNextNumber();
			precision = gd.getNextChoice();
			pyramid = (int) gd.getNextNumber();
			chunk = (int) gd.getNextNumber();
			compressor = gd.getNextChoice();
			overwrite = gd.getNextBoolean();
			last.set(INPUT, input);
			last.set(OUTPUT, output);
			last.set(MODEL, model);
			last.set(TILE, tile);
			last.set(PRECISION, precision);
			last.set(PYRAMID, pyramid);
			last.set(CHUNK, chunk);
			last.set(COMPRESSOR, compressor);
		}
		upscale(input, output, model, settings(tile, pyramid, chunk, compressor), precision,
			overwrite);
	}

	/**
	 * The engine's settings for the dialog's or macro's values, checked: {@code tile} at least
	 * 1, {@code pyramid} and {@code chunk} not negative, {@code compressor} {@value #SAME} (null
	 * or blank: the same) or one of {@link #COMPRESSORS}. Null, after reporting the mistake as
	 * {@link PlugInErrors} does, when one is wrong.
	 */
	static ZarrUpscaler.Settings settings(int tile, int pyramid, int chunk, String compressor) {
		try {
			if (tile < 1) throw new IllegalArgumentException("The tile size must be at least 1 " +
				"pixel, got " + tile);
			if (pyramid < 0) throw new IllegalArgumentException("'" + PYRAMID + "' must not be " +
				"negative, got " + pyramid);
			if (chunk < 0) throw new IllegalArgumentException("'" + CHUNK + "' must not be negative " +
				"(0: the input's chunks), got " + chunk);
			ZarrUpscaler.Settings s = ZarrUpscaler.Settings.defaults().withTileSize(tile).withPyramid(
				pyramid).withChunk(chunk);
			String c = compressor == null || compressor.isBlank() ? SAME : compressor.trim();
			if (c.equals(SAME)) return s;
			try {
				return s.withCompressor(Compressor.named(c));
			}
			catch (IllegalArgumentException e) {
				throw new IllegalArgumentException("'" + COMPRESSOR + "' must be one of " + String.join(
					", ", COMPRESSORS) + ", got '" + c + "'");
			}
		}
		catch (IllegalArgumentException e) {
			PlugInErrors.report(COMMAND, e.getMessage());
			return null;
		}
	}

	/**
	 * Super-resolves {@code input} into {@code output} as the class comment says, with ImageJ's
	 * progress bar and Esc. True when the output was written; false when cancelled or failed (a
	 * failure is reported as {@link PlugInErrors} says, and leaves no output). {@code settings}
	 * null (a mistake already reported) does nothing.
	 */
	static boolean upscale(String input, String output, String model,
		ZarrUpscaler.Settings settings, String precision, boolean overwrite)
	{
		return settings != null && upscale(input, output, model, settings, precision, overwrite,
			new ZarrProgress(COMMAND));
	}

	/**
	 * As {@link #upscale(String, String, String, ZarrUpscaler.Settings, String, boolean)},
	 * watched by {@code progress} (which Esc, or a test, cancels).
	 */
	static boolean upscale(String input, String output, String model,
		ZarrUpscaler.Settings settings, String precision, boolean overwrite, ZarrProgress progress)
	{
		try {
			InferenceMode mode = InferenceMode.precision(precision == null || precision.isBlank()
				? SuperResolutionPlugIn.PRECISIONS[0] : precision);
			// an empty field is no folder (Paths.get("") would be the working folder)
			if (input.isBlank()) throw new IllegalArgumentException(
				"no input OME-Zarr folder given ('input')");
			if (output.isBlank()) throw new IllegalArgumentException(
				"no output OME-Zarr folder given ('output')");
			Path in = Paths.get(input.trim()), out = Paths.get(output.trim());
			if (!Files.exists(in)) throw new NoSuchFileException(in.toString(), null,
				"not found (the input OME-Zarr folder)");
			ZarrUpscaler.checkOutput(in, out, overwrite); // before the model loads
			long start = System.nanoTime();
			try (EspcnModel m = BundledModels.shipped().resolve(model)) {
				Multiscales result = new ZarrUpscaler(m.upscaler(mode), settings.withCancellation(
					progress), progress).write(in, out, overwrite);
				ImageJProgress.done(COMMAND + " done");
				IJ.log(String.format(Locale.ROOT, "%s: %s -> %s (x%d, %d level(s), %.1f s)", COMMAND, in,
					result.root(), m.scale(), result.levels().size(), (System.nanoTime() - start) / 1e9));
				return true;
			}
		}
		catch (CancellationException e) {
			CommandRecording.skip();
			ImageJProgress.done(COMMAND + " cancelled");
			IJ.log(COMMAND + ": cancelled (" + e.getMessage() + "); no output was written");
			return false;
		}
		catch (Exception e) {
			ImageJProgress.done("");
			PlugInErrors.report(COMMAND, inMacroTerms(PlugInErrors.describe(e)));
			return false;
		}
	}

	/**
	 * The engine's messages name the command line's options ({@code --output},
	 * {@code --overwrite}); here they are the macro keys and the dialog's fields.
	 */
	static String inMacroTerms(String message) {
		return message.replace("--" + OVERWRITE, OVERWRITE).replace("--" + OUTPUT, OUTPUT);
	}
}
