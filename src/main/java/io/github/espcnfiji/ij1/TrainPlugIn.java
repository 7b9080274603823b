package io.github.espcnfiji.ij1;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import io.github.espcnfiji.command.FolderTraining;
import io.github.espcnfiji.command.TrainCommand;
import io.github.espcnfiji.io.ImagePlusBridge;
import io.github.espcnfiji.io.IndexedColour;
import io.github.espcnfiji.model.Activation;
import io.github.espcnfiji.model.ModelCard;
import io.github.espcnfiji.train.TrainingConfig;

import java.io.File;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import net.imglib2.RandomAccessibleInterval;

import org.scijava.command.CommandModule;

/**
 * Plugins&gt;ESPCN&gt;ESPCN Train: trains a model on a folder of high-resolution images and,
 * with {@code current_image}, on the current image too (8/16/32-bit gray or RGB; every slice of a
 * stack is one training image, never a validation image), logging each epoch with an ETA and,
 * with a display, plotting the loss and validation PSNR. The work is the SciJava
 * {@link TrainCommand} (see {@link FolderTraining}), run as {@link SciJavaCommands} says. Esc
 * stops after the current step; the best model so far stays in the output folder, and
 * {@code resume} continues the run later.
 * <pre>
 * run("ESPCN Train...", "folder=[/data/T91] scale=3 epochs=100 activation=tanh batch=16 patch=17 "
 *     + "validation=0.1 output=[/models/espcn-x3]");
 * run("ESPCN Train...", "folder=[/data/T91] scale=3 epochs=100 output=[/models/espcn-x3] resume");
 * run("ESPCN Train...", "folder=[/data/T91] scale=3 epochs=100 output=[/models/mine] current_image");
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
	/** Macro flag: a new run replaces an earlier run in the output folder. */
	public static final String OVERWRITE = "overwrite";
	/** Macro flag: the current image is trained on too (each slice one image). */
	public static final String CURRENT_IMAGE = "current_image";
	static final String FOLDER_LABEL = "Folder of training images";
	static final String SCALE_LABEL = "Scale";
	static final String EPOCHS_LABEL = "Epochs";
	static final String ACTIVATION_LABEL = "Activation";
	static final String BATCH_LABEL = "Batch size";
	static final String PATCH_LABEL = "Patch size (low-resolution pixels)";
	static final String VALIDATION_LABEL = "Validation fraction";
	static final String OUTPUT_LABEL = "Output (model) folder";
	static final String RESUME_LABEL = "Resume from the output folder's checkpoint";
	static final String OVERWRITE_LABEL = "Overwrite an earlier run in the output folder";
	/** GenericDialog shows the underscore as a space and records the key with it. */
	static final String CURRENT_IMAGE_LABEL =
		"Current_image trained on too (each slice one training image)";
	/** The epochs of every front (the command line's, the SciJava command's): one default. */
	static final int DEFAULT_EPOCHS = new TrainingConfig().epochs;

	@Override
	public void run(String arg) {
		if (!MacroOptions.currentHasOnly(COMMAND, FOLDER, SCALE, EPOCHS, ACTIVATION, BATCH, PATCH,
			VALIDATION, OUTPUT, RESUME, OVERWRITE, CURRENT_IMAGE)) return;
		Settings s = new Settings();
		if (Help.fromMacro()) {
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
				s.overwrite = o.flag(OVERWRITE);
				s.currentImage = o.flag(CURRENT_IMAGE);
			}
			catch (IllegalArgumentException e) {
				PlugInErrors.report(COMMAND, e.getMessage());
				return;
			}
		}
		else if (!dialog(s)) return;
		ImagePlus current = null;
		if (s.currentImage) {
			current = WindowManager.getCurrentImage();
			if (current == null) {
				PlugInErrors.report(COMMAND, "There is no image open to train on ('" + CURRENT_IMAGE +
					"'); open one, or train on the folder alone");
				return;
			}
		}
		train(s.folder, current, s.config, s.validation, s.output, s.resume, s.overwrite,
			new TrainingProgress(COMMAND, chartTitle(s.output, s.config.scale)));
	}

	/** The training window's title: the model's name (its output folder's), or the command's. */
	private static String chartTitle(String output, int scale) {
		return output == null || output.isBlank() ? COMMAND : ModelCard.nameFor(new File(output
			.trim()).toPath(), scale);
	}

	private static boolean dialog(Settings s) {
		Remembered last = new Remembered(COMMAND);
		GenericDialog gd = new GenericDialog(COMMAND);
		gd.addDirectoryField(FOLDER_LABEL, last.get(FOLDER, ""));
		gd.addNumericField(SCALE_LABEL, last.get(SCALE, s.config.scale), 0);
		gd.addNumericField(EPOCHS_LABEL, last.get(EPOCHS, DEFAULT_EPOCHS), 0);
		String[] activations = { "tanh", "relu", "gelu" };
		gd.addChoice(ACTIVATION_LABEL, activations, last.get(ACTIVATION, s.config.activation.id()));
		gd.addNumericField(BATCH_LABEL, last.get(BATCH, s.config.batchSize), 0);
		gd.addNumericField(PATCH_LABEL, last.get(PATCH, s.config.patchSize), 0);
		gd.addNumericField(VALIDATION_LABEL, last.get(VALIDATION, s.validation), 2);
		gd.addDirectoryField(OUTPUT_LABEL, last.get(OUTPUT, ""));
		gd.addCheckbox(RESUME_LABEL, false);
		gd.addCheckbox(OVERWRITE_LABEL, false);
		gd.addCheckbox(CURRENT_IMAGE_LABEL, last.get(CURRENT_IMAGE, false));
		gd.addHelp(Help.TRAINING);
		gd.showDialog();
		if (gd.wasCanceled()) {
			CommandRecording.skip();
			return false;
		}
		s.folder = gd.getNextString();
		s.config.scale = (int) gd.getNextNumber();
		s.config.epochs = (int) gd.getNextNumber();
		s.config.activation = Activation.parse(gd.getNextChoice());
		s.config.batchSize = (int) gd.getNextNumber();
		s.config.patchSize = (int) gd.getNextNumber();
		s.validation = gd.getNextNumber();
		s.output = gd.getNextString();
		s.resume = gd.getNextBoolean();
		s.overwrite = gd.getNextBoolean();
		s.currentImage = gd.getNextBoolean();
		last.set(FOLDER, s.folder);
		last.set(SCALE, s.config.scale);
		last.set(EPOCHS, s.config.epochs);
		last.set(ACTIVATION, s.config.activation.id());
		last.set(BATCH, s.config.batchSize);
		last.set(PATCH, s.config.patchSize);
		last.set(VALIDATION, s.validation);
		last.set(OUTPUT, s.output);
		last.set(CURRENT_IMAGE, s.currentImage);
		return true;
	}

	/**
	 * Trains with ImageJ progress (see the class comment) on the folder and, unless null, the
	 * image {@code current}; null when it failed (after reporting), else the finished
	 * {@link TrainCommand} with its outputs ({@code model_folder}, {@code best_psnr},
	 * {@code best_epoch}, {@code epochs_done}, {@code cancelled}).
	 */
	public static CommandModule train(String folder, ImagePlus current, TrainingConfig config,
		double validation, String output, boolean resume)
	{
		return train(folder, current, config, validation, output, resume, false,
			new TrainingProgress(COMMAND, chartTitle(output, config.scale)));
	}

	/**
	 * As above, watched by {@code progress}; {@code overwrite} lets a new run replace an earlier
	 * run in the output folder.
	 */
	static CommandModule train(String folder, ImagePlus current, TrainingConfig config,
		double validation, String output, boolean resume, boolean overwrite,
		TrainingProgress progress)
	{
		try {
			if (folder == null || folder.isBlank()) throw new IllegalArgumentException(
				"No folder of training images given");
			if (output == null || output.isBlank()) throw new IllegalArgumentException(
				"No output folder given");
			String how = "ImageJ " + COMMAND;
			List<RandomAccessibleInterval<?>> images = Collections.emptyList();
			if (current != null) {
				images = Collections.singletonList(trainable(current));
				how += " with the current image '" + current.getTitle() + "' (" + current
					.getStackSize() + " slice(s))";
			}
			CommandModule m = SciJavaCommands.run(TrainCommand.class, "folder", new File(folder),
				"scale", config.scale, "epochs", config.epochs, "activation", config.activation.id(),
				"batch", config.batchSize, "patch", config.patchSize, "validation", validation,
				"output", new File(output), "resume", resume, "overwrite", overwrite, "images", images, "listener", progress,
				"how", how);
			boolean stopped = (Boolean) m.getOutput("cancelled");
			if (stopped) CommandRecording.skip();
			register(new File(output).toPath());
			IJ.showProgress(1.0);
			IJ.log(String.format(Locale.ROOT, "%s: %s after epoch %d; best validation PSNR %.3f dB " +
				"(epoch %d); model in %s", COMMAND, stopped ? "stopped" : "done", m.getOutput(
					"epochs_done"), m.getOutput("best_psnr"), m.getOutput("best_epoch"), m.getOutput(
						"model_folder")));
			IJ.showStatus(COMMAND + (stopped ? " stopped" : " done"));
			return m;
		}
		catch (RuntimeException e) {
			IJ.showProgress(1.0);
			PlugInErrors.report(COMMAND, PlugInErrors.describe(e));
			return null;
		}
	}

	/**
	 * Adds a trained model to the user's models that the model choices offer
	 * ({@link ModelChooser#registry()}); a registry that cannot be written only costs that.
	 */
	private static void register(java.nio.file.Path model) {
		try {
			ModelChooser.registry().register(model);
		}
		catch (java.io.IOException | RuntimeException e) {
			IJ.log(COMMAND + ": the model was saved, but could not be added to the model choices (" +
				PlugInErrors.describe(e instanceof Exception ? (Exception) e : new RuntimeException(e)) +
				")");
		}
	}

	/**
	 * The image's pixels for training (see {@link io.github.espcnfiji.command.TrainingImages});
	 * indexed colour is trained on as RGB, as it is super-resolved ({@link IndexedColour}).
	 */
	private static RandomAccessibleInterval<?> trainable(ImagePlus imp) {
		return ImagePlusBridge.wrap(ImagePlusUpscaling.isIndexedColour(imp) ? ImagePlusUpscaling
			.rgbCopy(imp) : imp);
	}

	/** What the dialog or the macro options say. */
	private static final class Settings {

		final TrainingConfig config = new TrainingConfig();
		String folder;
		String output;
		double validation = FolderTraining.DEFAULT_VALIDATION_FRACTION;
		boolean resume;
		boolean overwrite;
		boolean currentImage;
	}
}
