package io.github.espcnfiji.command;

import io.github.espcnfiji.model.Activation;
import io.github.espcnfiji.train.TrainingConfig;
import io.github.espcnfiji.train.TrainingListener;
import io.github.espcnfiji.train.TrainingResult;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.List;

import net.imglib2.RandomAccessibleInterval;

import org.scijava.ItemIO;
import org.scijava.ItemVisibility;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Trains an ESPCN model on a folder of high-resolution images, and optionally on images held in
 * memory (see {@link FolderTraining}); the model folder holds the best epoch's model, usable at
 * once.
 * <pre>{@code
 * CommandModule m = commandService.run(TrainCommand.class, true, "folder", new File("/data/T91"),
 *     "scale", 3, "epochs", 100, "output", new File("/models/mine"),
 *     "images", List.of(img)).get();  // images: optional, 8-bit gray or RGB
 * }</pre>
 * {@code images} and {@code listener} have no widget: scripts and the ImageJ 1.x "ESPCN Train"
 * give them; a {@link TrainingListener} hears every step and epoch and may stop the run (the
 * best model so far stays, and {@code cancelled} is then true).
 */
@Plugin(type = Command.class, headless = true, menuPath = "Plugins>ESPCN>ImgLib2>Train (ImgLib2)")
public final class TrainCommand implements Command {

	@Parameter(label = "Training images", style = "directory", persist = false)
	private File folder;

	@Parameter(label = "Scale", min = "2", max = "8", persist = false)
	private int scale = 3;

	@Parameter(label = "Epochs", min = "1", persist = false)
	private int epochs = new TrainingConfig().epochs;

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

	@Parameter(label = "Replace an earlier run in the output folder", required = false,
		persist = false)
	private boolean overwrite;

	@Parameter(label = "More training images (8/16/32-bit gray or RGB; every XY plane one image)",
		required = false, persist = false, visibility = ItemVisibility.INVISIBLE)
	private List<RandomAccessibleInterval<?>> images;

	@Parameter(label = "Training listener", required = false, persist = false,
		visibility = ItemVisibility.INVISIBLE)
	private TrainingListener listener;

	@Parameter(label = "How the run was started (for the model card)", required = false,
		persist = false, visibility = ItemVisibility.INVISIBLE)
	private String how;

	@Parameter(type = ItemIO.OUTPUT, label = "Model folder")
	private String model_folder;

	@Parameter(type = ItemIO.OUTPUT, label = "Best validation PSNR (dB)")
	private double best_psnr;

	@Parameter(type = ItemIO.OUTPUT, label = "Best epoch")
	private int best_epoch;

	@Parameter(type = ItemIO.OUTPUT, label = "Epochs done")
	private int epochs_done;

	@Parameter(type = ItemIO.OUTPUT, label = "Stopped before the last epoch")
	private boolean cancelled;

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
			TrainingResult r = FolderTraining.run(folder.toPath(), images == null ? Collections
				.emptyList() : images, c, validation, output.toPath(), resume, overwrite, listener, how != null
					? how : "SciJava command " + getClass().getSimpleName());
			model_folder = r.modelFolder.toString();
			best_psnr = r.bestValidationPsnr;
			best_epoch = r.bestEpoch;
			epochs_done = r.epochsDone;
			cancelled = r.cancelled;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e.getMessage(), e);
		}
	}
}
