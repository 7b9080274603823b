package io.github.espcnfiji.ij1;

import static ij.macro.MacroExtension.ARG_NUMBER;
import static ij.macro.MacroExtension.ARG_OUTPUT;
import static ij.macro.MacroExtension.ARG_STRING;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.macro.ExtensionDescriptor;
import ij.macro.Functions;
import ij.macro.MacroExtension;
import ij.plugin.PlugIn;
import io.github.espcnfiji.command.FolderTraining;
import io.github.espcnfiji.core.Tiler;
import io.github.espcnfiji.model.BundledModels;
import io.github.espcnfiji.model.ModelCard;
import io.github.espcnfiji.train.TrainingConfig;

import java.util.Locale;

/**
 * Plugins&gt;ESPCN&gt;ESPCN Macro Extensions: the {@code Ext.} functions of ESPCN for macros.
 * <pre>
 * run("ESPCN Macro Extensions");
 * Ext.setModel("x3");                 // a bundled name, a model folder or .zip, or a package
 * Ext.upscale("butterfly.png", 3);     // the result is shown and becomes the current image
 * title = getTitle();                  // "butterfly-ESPCN-x3"
 * Ext.psnr("hr.png", title, 3, psnr);   // PSNR (dB) into the variable psnr
 * Ext.ssim("hr.png", title, 3, ssim);
 * Ext.train("/data/T91", 3, 100, "/models/mine");
 *
 * Ext.protect("/data/lr");                  // an input file or folder no output may replace
 * Ext.outputFolder("/data/sr");             // made if missing; refused if it is an input folder
 * Ext.save("/data/sr/bird.png", 0);         // the current image, complete or not at all;
 *                                           // 1 instead of 0 replaces an existing file
 * Ext.saveText(csv, "/data/scores.csv", 0); // text, the same way
 * </pre>
 * Without {@code setModel}, {@code upscale} uses the bundled model {@code x<scale>}; with it,
 * the scale must be the model's. PSNR and SSIM are means over the slices (see
 * {@link io.github.espcnfiji.command.ImageComparison}). An error stops the macro with a message
 * (see {@link PlugInErrors}).
 */
public final class EspcnMacroExtension implements PlugIn, MacroExtension {

	public static final String COMMAND = "ESPCN Macro Extensions";

	private String model;
	private int modelScale;
	private final MacroOutputs outputs = new MacroOutputs();

	@Override
	public void run(String arg) {
		if (!IJ.isMacro()) {
			PlugInErrors.report(COMMAND, "The ESPCN macro extensions can only be installed by a " +
				"running macro: run(\"" + COMMAND + "\");");
			return;
		}
		Functions.registerExtensions(this);
	}

	@Override
	public ExtensionDescriptor[] getExtensionFunctions() {
		return new ExtensionDescriptor[] { //
			ExtensionDescriptor.newDescriptor("setModel", this, ARG_STRING),
			ExtensionDescriptor.newDescriptor("upscale", this, ARG_STRING, ARG_NUMBER),
			ExtensionDescriptor.newDescriptor("psnr", this, ARG_STRING, ARG_STRING, ARG_NUMBER,
				ARG_NUMBER | ARG_OUTPUT),
			ExtensionDescriptor.newDescriptor("ssim", this, ARG_STRING, ARG_STRING, ARG_NUMBER,
				ARG_NUMBER | ARG_OUTPUT),
			ExtensionDescriptor.newDescriptor("train", this, ARG_STRING, ARG_NUMBER, ARG_NUMBER,
				ARG_STRING),
			ExtensionDescriptor.newDescriptor("protect", this, ARG_STRING),
			ExtensionDescriptor.newDescriptor("outputFolder", this, ARG_STRING),
			ExtensionDescriptor.newDescriptor("save", this, ARG_STRING, ARG_NUMBER),
			ExtensionDescriptor.newDescriptor("saveText", this, ARG_STRING, ARG_STRING,
				ARG_NUMBER) };
	}

	@Override
	public String handleExtension(String name, Object[] args) {
		try {
			switch (name) {
				case "setModel":
					setModel((String) args[0]);
					break;
				case "upscale":
					upscale((String) args[0], whole(args[1], "scale"));
					break;
				case "psnr":
					output(args[3], MeasurePsnrPlugIn.compare((String) args[0], (String) args[1], whole(
						args[2], "scale")).meanPsnr());
					break;
				case "ssim":
					output(args[3], MeasurePsnrPlugIn.compare((String) args[0], (String) args[1], whole(
						args[2], "scale")).meanSsim());
					break;
				case "train":
					train((String) args[0], whole(args[1], "scale"), whole(args[2], "epochs"),
						(String) args[3]);
					break;
				case "protect":
					outputs.protect((String) args[0]);
					break;
				case "outputFolder":
					outputs.outputFolder((String) args[0]);
					break;
				case "save":
					outputs.save(currentImage(), (String) args[0], flag(args[1]));
					break;
				case "saveText":
					outputs.saveText((String) args[0], (String) args[1], flag(args[2]));
					break;
				default:
					throw new IllegalArgumentException("Unknown function Ext." + name);
			}
		}
		catch (Exception e) {
			// an error already reported further down has aborted the macro: let it unwind
			if (Macro.MACRO_CANCELED.equals(e.getMessage())) throw (RuntimeException) e;
			PlugInErrors.report(COMMAND, "Ext." + name + ": " + PlugInErrors.describe(e));
		}
		return null;
	}

	/** Checks the model's card at once, so that a wrong name fails here. */
	private void setModel(String nameOrPath) throws Exception {
		ModelCard card = BundledModels.shipped().resolveCard(nameOrPath);
		model = nameOrPath;
		modelScale = card.scale;
	}

	private void upscale(String title, int scale) {
		ImagePlus imp = WindowManager.getImage(title);
		if (imp == null) throw new IllegalArgumentException("No open image is titled '" + title +
			"'");
		if (model != null && modelScale != scale) throw new IllegalArgumentException("The model " +
			model + " upscales x" + modelScale + ", not x" + scale);
		String m = model != null ? model : "x" + scale;
		ImagePlus result = SuperResolutionPlugIn.upscale(imp, m, Tiler.DEFAULT_TILE_SIZE);
		if (result != null) ImageDisplay.show(result);
	}

	private static void train(String folder, int scale, int epochs, String output) {
		TrainingConfig c = new TrainingConfig();
		c.scale = scale;
		c.epochs = epochs;
		TrainPlugIn.train(folder, null, c, FolderTraining.DEFAULT_VALIDATION_FRACTION, output,
			false);
	}

	private static ImagePlus currentImage() {
		ImagePlus imp = WindowManager.getCurrentImage();
		if (imp == null) throw new IllegalArgumentException("No image is open to save");
		return imp;
	}

	/** 1 (or any number but 0) for yes, 0 for no. */
	private static boolean flag(Object number) {
		return (Double) number != 0;
	}

	private static void output(Object arg, double value) {
		((Double[]) arg)[0] = value;
	}

	private static int whole(Object number, String what) {
		double d = (Double) number;
		if (d != Math.rint(d)) throw new IllegalArgumentException(String.format(Locale.ROOT,
			"%s must be a whole number, got %s", what, d));
		return (int) d;
	}
}
