package io.github.espcnfiji.command;

import io.github.espcnfiji.io.ImageFiles;
import io.github.espcnfiji.model.ModelCard;
import io.github.espcnfiji.train.EspcnTrainer;
import io.github.espcnfiji.train.TrainingConfig;
import io.github.espcnfiji.train.TrainingListener;
import io.github.espcnfiji.train.TrainingPair;
import io.github.espcnfiji.train.TrainingResult;
import io.github.espcnfiji.train.TrainingRun;
import io.github.espcnfiji.train.ValidationBaseline;
import io.github.espcnfiji.train.ValidationSplit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import net.imglib2.RandomAccessibleInterval;

/**
 * Trains an ESPCN model on the images of one folder: a fraction of them (spread evenly over the
 * files sorted by name, so the split is the same on every run) is held out for validation, the
 * rest is cut into patches. The model folder is usable from the first epoch on (best epoch so
 * far); {@code resume} continues an interrupted run from its checkpoint (see
 * {@link TrainingRun}).
 * <p>
 * Images held in memory (the image open in ImageJ, an ImgLib2 image of a script) may be added
 * to the training images, every XY plane one more training image; they are never held out for
 * validation. Files and images become training pairs by {@link TrainingImages}' one rule.
 * <pre>{@code
 * TrainingResult r = FolderTraining.run(folder, config, 0.1, outputFolder, false, listener, "");
 * TrainingResult r2 = FolderTraining.run(folder, List.of(img), config, 0.1, outputFolder, false,
 *     listener, "");
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
		return run(folder, Collections.emptyList(), config, validationFraction, output, resume,
			false, listener, how);
	}

	/**
	 * As {@link #run(Path, TrainingConfig, double, Path, boolean, TrainingListener, String)}, with
	 * {@code images} (see {@link TrainingImages}) added to the training images,
	 * every XY plane one image; {@code overwrite} lets a new run replace an earlier run in
	 * {@code output} (see {@link TrainingRun}).
	 *
	 * @throws IllegalArgumentException also for an image of another type
	 */
	public static TrainingResult run(Path folder, List<? extends RandomAccessibleInterval<?>> images,
		TrainingConfig config, double validationFraction, Path output, boolean resume,
		boolean overwrite, TrainingListener listener, String how) throws IOException
	{
		config.validate();
		if (output == null) throw new IllegalArgumentException("No output folder given");
		if (resume && overwrite) throw new IllegalArgumentException("Resume the run in " + output +
			" or replace it (overwrite), not both");
		checkWritable(output);
		new TrainingRun(output, new ModelCard(), overwrite).checkStart(resume); // before reading
		List<TrainingPair> extra = new ArrayList<>();
		for (int i = 0; i < images.size(); i++)
			extra.addAll(TrainingImages.of(images.get(i), "Training image " + (i + 1) +
				" given in memory", config.scale, config.rescales));
		List<Path> files = ImageFiles.list(folder);
		ValidationSplit split = ValidationSplit.holdOut(files, validationFraction);
		List<TrainingPair> train = TrainingImages.fromFiles(split.train(), config.scale,
			config.rescales);
		train.addAll(extra);
		List<TrainingPair> validation = TrainingImages.fromFiles(split.validation(), config.scale,
			new double[0]);
		ModelCard template = new ModelCard();
		template.name = ModelCard.nameFor(output, config.scale);
		Path name = folder.toAbsolutePath().normalize().getFileName();
		template.training.trainData.add(name == null ? folder.toString() : name.toString());
		if (!images.isEmpty()) template.training.trainData.add(images.size() +
			" image(s) given in memory (" + extra.size() + " planes)");
		template.training.validationData = split.validation().size() + " images held out (fraction " +
			validationFraction + ")";
		template.training.command = how == null ? "" : how;
		if (listener != null) listener.baseline(ValidationBaseline.bicubicPsnr(validation,
			config.scale));
		return new EspcnTrainer(config, train, validation, new TrainingRun(output, template,
			overwrite),
			listener).run(resume);
	}

	/**
	 * Fails at once, before any work and without creating anything, when the output folder
	 * cannot be made or written: its nearest existing folder must be a writable folder.
	 */
	private static void checkWritable(Path output) throws IOException {
		Path existing = output.toAbsolutePath().normalize();
		while (existing != null && !Files.exists(existing))
			existing = existing.getParent();
		if (existing == null || !Files.isDirectory(existing)) throw new IOException(
			"Cannot write the model to " + output + ": " + existing + " is not a folder");
		if (!Files.isWritable(existing)) throw new IOException("Cannot write the model to " +
			output + ": " + existing + " is not writable");
	}
}
