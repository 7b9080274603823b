package io.github.espcnfiji.command;

import io.github.espcnfiji.model.Activation;
import io.github.espcnfiji.train.TrainingConfig;
import io.github.espcnfiji.train.TrainingResult;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Trains an ESPCN model on a folder of high-resolution images (see {@link FolderTraining});
 * the model folder holds the best epoch's model, usable at once.
 */
@Plugin(type = Command.class, headless = true, menuPath = "Plugins>ESPCN>ImgLib2>Train (ImgLib2)")
public final class TrainCommand implements Command {

	@Parameter(label = "Training images", style = "directory", persist = false)
	private File folder;

	@Parameter(label = "Scale", min = "2", max = "8", persist = false)
	private int scale = 3;

	@Parameter(label = "Epochs", min = "1", persist = false)
	private int epochs = 100;

	@Parameter(label = "Activation", choices = { "tanh", "relu", "gelu" }, persist = false)
	private String activation = "tanh";

	@Parameter(label = "Batch size", min = "1", persist = false)
	private int batch = 16;

	@Parameter(label = "Patch size (low-resolution pixels)", min = "3", persist = false)
	private int patch = 17;

	@Parameter(label = "Validation fraction", min = "0.01", max = "0.99", persist = false)
	private double validation = FolderTraining.DEFAULT_VALIDATION_FRACTION;

	@Parameter(label = "Output (model) folder", style = "directory", persist = false)
	private File output;

	@Parameter(label = "Resume from the output folder's checkpoint", persist = false)
	private boolean resume;

	@Parameter(type = ItemIO.OUTPUT, label = "Model folder")
	private String model_folder;

	@Parameter(type = ItemIO.OUTPUT, label = "Best validation PSNR (dB)")
	private double best_psnr;

	@Parameter(type = ItemIO.OUTPUT, label = "Best epoch")
	private int best_epoch;

	@Override
	public void run() {
		TrainingConfig c = new TrainingConfig();
		c.scale = scale;
		c.epochs = epochs;
		c.activation = Activation.parse(activation);
		c.batchSize = batch;
		c.patchSize = patch;
		if (folder == null) throw new IllegalArgumentException("No training image folder given");
		if (output == null) throw new IllegalArgumentException("No output folder given");
		try {
			TrainingResult r = FolderTraining.run(folder.toPath(), c, validation, output.toPath(),
				resume, null, "SciJava command " + getClass().getSimpleName());
			model_folder = r.modelFolder.toString();
			best_psnr = r.bestValidationPsnr;
			best_epoch = r.bestEpoch;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e.getMessage(), e);
		}
	}
}
