package io.github.espcnfiji.command;

import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.io.ImageFiles;
import io.github.espcnfiji.io.LoadedImage;
import io.github.espcnfiji.model.ModelCard;
import io.github.espcnfiji.train.EspcnTrainer;
import io.github.espcnfiji.train.TrainingConfig;
import io.github.espcnfiji.train.TrainingListener;
import io.github.espcnfiji.train.TrainingPair;
import io.github.espcnfiji.train.TrainingResult;
import io.github.espcnfiji.train.TrainingRun;
import io.github.espcnfiji.train.ValidationSplit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains an ESPCN model on the images of one folder: a fraction of them (spread evenly over the
 * files sorted by name, so the split is the same on every run) is held out for validation, the
 * rest is cut into patches. The model folder is usable from the first epoch on (best epoch so
 * far); {@code resume} continues an interrupted run from its checkpoint (see
 * {@link TrainingRun}).
 * <pre>{@code
 * TrainingResult r = FolderTraining.run(folder, config, 0.1, outputFolder, false, listener, "");
 * }</pre>
 */
public final class FolderTraining {

	/** The fraction of the images held out for validation unless told otherwise. */
	public static final double DEFAULT_VALIDATION_FRACTION = 0.1;

	private FolderTraining() {}

	/**
	 * @param validationFraction in (0, 1): {@code round(fraction * n)} of the {@code n} images,
	 *          at least one, and at least one is left to train on
	 * @param how how the run was started, recorded in the model card (may be empty)
	 * @throws IOException if the folder or an image cannot be read, or the model cannot be saved
	 * @throws IllegalArgumentException for bad settings, fewer than 2 images, or an output folder
	 *           that already holds a model when not resuming
	 */
	public static TrainingResult run(Path folder, TrainingConfig config, double validationFraction,
		Path output, boolean resume, TrainingListener listener, String how) throws IOException
	{
		config.validate();
		if (output == null) throw new IllegalArgumentException("No output folder given");
		List<Path> files = ImageFiles.list(folder);
		ValidationSplit split = ValidationSplit.holdOut(files, validationFraction);
		List<TrainingPair> train = pairs(split.train(), config.scale);
		List<TrainingPair> validation = pairs(split.validation(), config.scale);
		ModelCard template = new ModelCard();
		template.name = "espcn-x" + config.scale;
		Path name = folder.toAbsolutePath().normalize().getFileName();
		template.training.trainData.add(name == null ? folder.toString() : name.toString());
		template.training.validationData = split.validation().size() + " images held out (fraction " +
			validationFraction + ")";
		template.training.command = how == null ? "" : how;
		return new EspcnTrainer(config, train, validation, new TrainingRun(output, template),
			listener).run(resume);
	}

	/** Every slice of every file, on the 0-255 scale (16-bit divided by 257). */
	private static List<TrainingPair> pairs(List<Path> files, int scale) throws IOException {
		List<TrainingPair> out = new ArrayList<>();
		for (Path file : files) {
			LoadedImage image = ImageFiles.read(file);
			float factor = image.bitDepth() == 16 ? 1f / 257f : 1f;
			for (int s = 0; s < image.slices(); s++) {
				FloatPlane[] planes = image.slice(s);
				if (factor != 1f) for (int c = 0; c < planes.length; c++) {
					float[] v = planes[c].data().clone();
					for (int i = 0; i < v.length; i++)
						v[i] *= factor;
					planes[c] = new FloatPlane(v, planes[c].width(), planes[c].height());
				}
				out.add(TrainingPair.of(planes, scale));
			}
		}
		return out;
	}
}
