package io.github.espcnfiji.ij1;

import ij.IJ;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import io.github.espcnfiji.command.FolderTraining;
import io.github.espcnfiji.model.Activation;
import io.github.espcnfiji.train.TrainingConfig;
import io.github.espcnfiji.train.TrainingResult;

import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

/**
 * Plugins&gt;ESPCN&gt;ESPCN Train: trains a model on a folder of high-resolution images (see
 * {@link FolderTraining}), logging each epoch with an ETA and, with a display, plotting the loss
 * and validation PSNR. Esc stops after the current step; the best model so far stays in the
 * output folder, and {@code resume} continues the run later.
 * <pre>
 * run("ESPCN Train", "folder=[/data/T91] scale=3 epochs=100 activation=tanh batch=16 patch=17 "
 *     + "validation=0.1 output=[/models/espcn-x3]");
 * run("ESPCN Train", "folder=[/data/T91] scale=3 epochs=100 output=[/models/espcn-x3] resume");
 * </pre>
 */
public final class TrainPlugIn implements PlugIn {

	public static final String COMMAND = "ESPCN Train";
	public static final String FOLDER = "folder";
	public static final String SCALE = "scale";
	public static final String EPOCHS = "epochs";
	/** Macro key: {@code tanh}, {@code relu} or {@code gelu}. */
	public static final String ACTIVATION = "activation";
	public static final String BATCH = "batch";
	/** Macro key: the side of a low-resolution training patch. */
	public static final String PATCH = "patch";
	/** Macro key: the fraction of the images held out for validation. */
	public static final String VALIDATION = "validation";
	public static final String OUTPUT = "output";
	/** Macro flag: continue from the output folder's checkpoint. */
	public static final String RESUME = "resume";
	static final String FOLDER_LABEL = "Folder of training images";
	static final String SCALE_LABEL = "Scale";
	static final String EPOCHS_LABEL = "Epochs";
	static final String ACTIVATION_LABEL = "Activation";
	static final String BATCH_LABEL = "Batch size";
	static final String PATCH_LABEL = "Patch size (low-resolution pixels)";
	static final String VALIDATION_LABEL = "Validation fraction";
	static final String OUTPUT_LABEL = "Output (model) folder";
	static final String RESUME_LABEL = "Resume from the output folder's checkpoint";
	static final int DEFAULT_EPOCHS = 100;

	@Override
	public void run(String arg) {
		Settings s = new Settings();
		if (GraphicsEnvironment.isHeadless()) {
			try {
				MacroOptions o = MacroOptions.current();
				s.folder = o.required(FOLDER);
				s.output = o.required(OUTPUT);
				s.config.scale = o.integer(SCALE, s.config.scale);
				s.config.epochs = o.integer(EPOCHS, DEFAULT_EPOCHS);
				s.config.activation = Activation.parse(o.string(ACTIVATION, s.config.activation.id()));
				s.config.batchSize = o.integer(BATCH, s.config.batchSize);
				s.config.patchSize = o.integer(PATCH, s.config.patchSize);
				s.validation = o.real(VALIDATION, s.validation);
				s.resume = o.flag(RESUME);
			}
			catch (IllegalArgumentException e) {
				PlugInErrors.report(COMMAND, e.getMessage());
				return;
			}
		}
		else if (!dialog(s)) return;
		train(s.folder, s.config, s.validation, s.output, s.resume);
	}

	private static boolean dialog(Settings s) {
		GenericDialog gd = new GenericDialog(COMMAND);
		gd.addDirectoryField(FOLDER_LABEL, "");
		gd.addNumericField(SCALE_LABEL, s.config.scale, 0);
		gd.addNumericField(EPOCHS_LABEL, DEFAULT_EPOCHS, 0);
		String[] activations = { "tanh", "relu", "gelu" };
		gd.addChoice(ACTIVATION_LABEL, activations, s.config.activation.id());
		gd.addNumericField(BATCH_LABEL, s.config.batchSize, 0);
		gd.addNumericField(PATCH_LABEL, s.config.patchSize, 0);
		gd.addNumericField(VALIDATION_LABEL, s.validation, 2);
		gd.addDirectoryField(OUTPUT_LABEL, "");
		gd.addCheckbox(RESUME_LABEL, false);
		gd.showDialog();
		if (gd.wasCanceled()) return false;
		s.folder = gd.getNextString();
		s.config.scale = (int) gd.getNextNumber();
		s.config.epochs = (int) gd.getNextNumber();
		s.config.activation = Activation.parse(gd.getNextChoice());
		s.config.batchSize = (int) gd.getNextNumber();
		s.config.patchSize = (int) gd.getNextNumber();
		s.validation = gd.getNextNumber();
		s.output = gd.getNextString();
		s.resume = gd.getNextBoolean();
		return true;
	}

	/**
	 * Trains with ImageJ progress (see the class comment); null when it failed (after
	 * reporting).
	 */
	public static TrainingResult train(String folder, TrainingConfig config, double validation,
		String output, boolean resume)
	{
		try {
			if (folder == null || folder.isBlank()) throw new IllegalArgumentException(
				"No folder of training images given");
			if (output == null || output.isBlank()) throw new IllegalArgumentException(
				"No output folder given");
			Path out = Paths.get(output);
			TrainingResult r = FolderTraining.run(Paths.get(folder), config, validation, out, resume,
				new TrainingProgress(COMMAND), "ImageJ " + COMMAND);
			IJ.showProgress(1.0);
			IJ.log(String.format(Locale.ROOT, "%s: %s after epoch %d; best validation PSNR %.3f dB " +
				"(epoch %d); model in %s", COMMAND, r.cancelled ? "stopped" : "done", r.epochsDone,
				r.bestValidationPsnr, r.bestEpoch, r.modelFolder));
			IJ.showStatus(COMMAND + (r.cancelled ? " stopped" : " done"));
			return r;
		}
		catch (Exception e) {
			IJ.showProgress(1.0);
			PlugInErrors.report(COMMAND, PlugInErrors.describe(e));
			return null;
		}
	}

	/** What the dialog or the macro options say. */
	private static final class Settings {

		final TrainingConfig config = new TrainingConfig();
		String folder;
		String output;
		double validation = FolderTraining.DEFAULT_VALIDATION_FRACTION;
		boolean resume;
	}
}
