package io.github.espcnfiji.ij1;

import ij.IJ;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import io.github.espcnfiji.bioimageio.export.PackageExport;
import io.github.espcnfiji.model.BundledModels;
import io.github.espcnfiji.model.EspcnModel;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Plugins&gt;ESPCN&gt;ESPCN Export Model: writes a model as a bioimage.io model package (a
 * {@code .zip} for deepImageJ and bioimage.io's Python tools):
 * {@code run("ESPCN Export Model...", "model=[x3] output=[/models/espcn-x3.zip]");} with
 * {@code rgb} for the RGB variant and {@code overwrite} to replace an existing file. Headless it
 * reads the same keys and opens no dialog.
 */
public final class ExportModelPlugIn implements PlugIn {

	public static final String COMMAND = "ESPCN Export Model";
	/** Macro key: a bundled model's name or a model's path. */
	public static final String MODEL = "model";
	/** Macro key: the package to write (.zip). */
	public static final String OUTPUT = "output";
	/** Macro flag: the RGB variant (colour conversion and chroma bicubic built in). */
	public static final String RGB = "rgb";
	/** Macro flag: replace an existing package. */
	public static final String OVERWRITE = "overwrite";
	static final String MODEL_LABEL = "Model";
	static final String OUTPUT_LABEL = "Output (.zip)";
	static final String RGB_LABEL = "RGB (colour conversion built in)";
	static final String OVERWRITE_LABEL = "Overwrite an existing file";

	@Override
	public void run(String arg) {
		if (!MacroOptions.currentHasOnly(COMMAND, MODEL, OUTPUT, RGB, OVERWRITE)) return;
		String model, output;
		boolean rgb, overwrite;
		if (Help.fromMacro()) {
			try {
				MacroOptions o = MacroOptions.current();
				model = o.string(MODEL, SuperResolutionPlugIn.DEFAULT_MODEL);
				output = o.required(OUTPUT);
				rgb = o.flag(RGB);
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
			ModelChooser.addTo(gd, MODEL_LABEL, last.get(MODEL, SuperResolutionPlugIn.DEFAULT_MODEL));
			gd.addFileField(OUTPUT_LABEL, last.get(OUTPUT, IJ.getDirectory("home") + "espcn-x3.zip"),
				40);
			gd.addCheckbox(RGB_LABEL, last.get(RGB, false));
			gd.addCheckbox(OVERWRITE_LABEL, false);
			gd.addMessage("A bioimage.io model package for deepImageJ and Python; the default\n" +
				"takes one channel (luma or grey).");
			gd.addHelp(Help.README + "#bioimageio-model-packages");
			gd.showDialog();
			if (gd.wasCanceled()) {
				CommandRecording.skip();
				return;
			}
			model = gd.getNextChoice().trim();
			output = gd.getNextString().trim();
			rgb = gd.getNextBoolean();
			overwrite = gd.getNextBoolean();
			last.set(MODEL, model);
			last.set(OUTPUT, output);
			last.set(RGB, rgb);
		}
		export(model, output, rgb, overwrite);
	}

	/** Exports as the class comment says; false (after reporting) when it failed. */
	public static boolean export(String model, String output, boolean rgb, boolean overwrite) {
		try {
			if (!output.toLowerCase(Locale.ROOT).endsWith(".zip"))
				throw new IllegalArgumentException("The output must be a .zip file: " + output);
			try (EspcnModel m = BundledModels.shipped().resolve(model)) {
				PackageExport.write(m, rgb, Path.of(output), overwrite);
			}
			IJ.log(COMMAND + ": " + model + " written to " + output);
			return true;
		}
		catch (Exception e) {
			PlugInErrors.report(COMMAND, PlugInErrors.describe(e));
			return false;
		}
	}
}
