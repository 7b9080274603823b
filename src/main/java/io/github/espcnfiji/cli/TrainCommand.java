package io.github.espcnfiji.cli;

import io.github.espcnfiji.command.TrainingImages;
import io.github.espcnfiji.files.PartFiles;
import io.github.espcnfiji.files.PendingFile;
import io.github.espcnfiji.io.ImageFiles;
import io.github.espcnfiji.model.Activation;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.model.ModelCard;
import io.github.espcnfiji.train.EpochReport;
import io.github.espcnfiji.train.EspcnTrainer;
import io.github.espcnfiji.train.TrainingConfig;
import io.github.espcnfiji.train.TrainingListener;
import io.github.espcnfiji.train.TrainingPair;
import io.github.espcnfiji.train.TrainingResult;
import io.github.espcnfiji.train.TrainingRun;
import io.github.espcnfiji.train.Teacher;
import io.github.espcnfiji.train.ValidationSplit;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code train}: trains an ESPCN model on folders of high-resolution images, validating after
 * every epoch on a separate folder or on a held-out fraction of the training images, and keeps
 * the best epoch's model in the run folder (see {@link TrainingRun}).
 */
final class TrainCommand implements Command {

	@Override
	public String name() {
		return "train";
	}

	@Override
	public String summary() {
		return "train a model on folders of high-resolution images";
	}

	@Override
	public OptionSpec options() {
		TrainingConfig d = new TrainingConfig();
		return new OptionSpec()
			.required("train", "DIR[,DIR...]", "folders of high-resolution training images (8/16/32-bit gray or RGB)")
			.optional("validation", "DIR", "folder of validation images (never a test set)")
			.optional("validation-fraction", "F", "instead of --validation: hold out this fraction of the training images (e.g. 0.1)")
			.optional("validation-count", "N", "use only N validation images, spread over the list")
			.required("output", "DIR", "the run folder: checkpoints, log and the best model")
			.optional("scale", "N", "2, 3 or 4 (default " + d.scale + ")")
			.optional("epochs", "N", "default " + d.epochs)
			.optional("steps", "N", "instead of --epochs: a budget of N optimizer steps, rounded up to whole epochs")
			.optional("activation", "tanh|relu|gelu", "default " + d.activation.id())
			.optional("batch", "N", "patches per step (default " + d.batchSize + ")")
			.optional("patch", "N", "low-res patch side (default " + d.patchSize + ")")
			.optional("stride", "N", "patch stride (default " + d.stride + ")")
			.optional("lr", "R", "Adam learning rate (default " + d.learningRate + ")")
			.optional("last-layer-lr", "R", "last layer's rate factor (default " + d.lastLayerFactor + ")")
			.optional("schedule", "step80|cosine|restarts|plateau", "learning-rate schedule (default step80; restarts: cosine with warm restarts, cycles of 1/7, 2/7, 4/7 of the epochs; plateau: the paper's, with --lr 0.01)")
			.optional("plateau-threshold", "R", "plateau: smallest relative fall of the loss that counts (default " + d.plateauThreshold + ")")
			.optional("plateau-patience", "N", "plateau: epochs without it before the rate halves (default " + d.plateauPatience + ")")
			.optional("loss", "l2|l1|charbonnier", "what training minimises (default l2, the paper's)")
			.optional("teacher", ModelChoice.VALUE, "distil: blend this trained model's outputs into the targets (same scale)")
			.optional("teacher-share", "F", "with --teacher: the teacher's part of each target, in (0, 1] (default 0.5; the rest is the ground truth)")
			.optional("min-contrast", "G", "leave out flat patches: those whose HR luma varies (standard deviation) by less than G grey levels of 255 (default 0: none)")
			.flag("augment", "random flips and 90-degree rotations of patches")
			.optional("rescales", "R[,R...]", "extra downscalings of each image, e.g. 0.9,0.8")
			.optional("filters", "N,N", "hidden layer widths (default 64,32)")
			.optional("kernels", "K,K,K", "kernel sizes (default 5,3,3)")
			.optional("seed", "N", "random seed (default " + d.seed + ")")
			.optional("threads", "N", "PyTorch threads (default 1: bit-for-bit reproducible; more is faster, not reproducible)")
			.flag("resume", "continue the run in --output from its checkpoint")
			.flag("overwrite", "replace an earlier run in --output (its model, log and checkpoint)")

			.flag("package", "also write the best model as a bioimage.io package beside its folder");
	}

	@Override
	public String notes() {
		return "Give exactly one of --validation and --validation-fraction. Validation picks the best\n" +
			"epoch, so it must never be a test set that results are reported on. Validation images\n" +
			"are never trained on, even when --validation is also one of the --train folders (then\n" +
			"--validation-count picks which of its images validate). Low-res inputs are\n" +
			"made as the evaluation protocol makes them (MATLAB-style bicubic, 8-bit).\n" +
			"--steps gives runs on different data or augmentations the same budget: the epochs are\n" +
			"the steps divided by the steps per epoch (patches / batch), rounded up. --schedule\n" +
			"plateau halves the rate whenever the epoch loss has not fallen by the threshold for\n" +
			"the patience, down to 1% of --lr (the paper: 0.01 to 0.0001).\n" +
			"--teacher distils a trained model (e.g. a deeper one) into the network trained: each\n" +
			"target is --teacher-share times the teacher's output plus the rest times the image.\n" +
			"--output must be empty or new, unless --resume continues its run or --overwrite\n" +
			"replaces it (an earlier run's files only). One run at a time writes a folder.";
	}

	@Override
	public int run(Options o, Console console) throws Exception {
		TrainingConfig c = config(o);
		Path out = o.path("output");
		boolean resume = o.flag("resume");
		if (resume && o.flag("overwrite")) throw new UsageException(
			"give --resume or --overwrite, not both");
		if (o.has("validation") == o.has("validation-fraction")) throw new UsageException(
			"give exactly one of --validation DIR and --validation-fraction F");
		// what can be told before any image is read: the run folder, and the package beside it
		new TrainingRun(out, new ModelCard(), o.flag("overwrite")).checkStart(resume);
		if (o.flag("package")) PendingFile.checkTarget(TrainedPackage.target(out), resume || o.flag(
			"overwrite"));

		List<String> trainDirs = new ArrayList<>();
		List<Path> trainFiles = new ArrayList<>();
		for (String d : o.require("train").split(",")) {
			if (d.isBlank()) continue;
			trainDirs.add(dataName(Path.of(d.trim())));
			trainFiles.addAll(ImageFiles.list(Path.of(d.trim())));
		}
		List<Path> valFiles;
		String validationDescription;
		if (o.has("validation-fraction")) {
			double f = o.real("validation-fraction", 0);
			ValidationSplit split = ValidationSplit.holdOut(trainFiles, f);
			trainFiles = split.train();
			valFiles = split.validation();
			validationDescription = valFiles.size() + " training images held out (" +
				"--validation-fraction " + f + ")";
		}
		else {
			Path dir = o.path("validation");
			valFiles = ImageFiles.list(dir);
			validationDescription = dir.toAbsolutePath().normalize().getFileName().toString();
		}
		valFiles = spread(valFiles, o.integer("validation-count", 0, 0));
		if (!o.has("validation-fraction")) validationDescription += " (" + valFiles.size() +
			" images)";
		int before = trainFiles.size();
		trainFiles = withoutValidation(trainFiles, valFiles);
		if (trainFiles.size() < before) {
			validationDescription += ", not trained on";
			console.progress("Left %d validation images out of the training images", before -
				trainFiles.size());
		}
		if (trainFiles.isEmpty()) throw new UsageException(
			"no training images are left once the validation images are left out");

		console.progress("Loading %d training and %d validation images", trainFiles.size(), valFiles
			.size());
		List<TrainingPair> train = TrainingImages.fromFiles(trainFiles, c.scale, c.rescales);
		List<TrainingPair> val = TrainingImages.fromFiles(valFiles, c.scale, new double[0]);
		if (o.has("steps")) {
			long budget = o.integerLong("steps", 0);
			int perEpoch = Math.max(1, c.stepsPerEpoch(train));
			if (budget < 1) throw new UsageException("--steps must be at least 1, got " + budget);
			c.epochs = (int) Math.min(Integer.MAX_VALUE, (budget + perEpoch - 1) / perEpoch);
			console.progress("Budget of %d steps: %d epochs of %d steps", budget, c.epochs, perEpoch);
		}

		ModelCard template = new ModelCard();
		template.name = ModelCard.nameFor(out, c.scale);
		template.training.trainData.addAll(trainDirs);
		template.training.validationData = validationDescription;
		template.training.command = Cli.PROGRAM + " train " + o.commandLineWithout("resume");
		int[] done = { 0 };
		InterruptNotice.describeWith(() -> done[0] == 0 ? "no epoch completed" : "epochs up to " +
			done[0] + " of " + c.epochs + " completed in " + out + " (--resume continues)");
		TrainingResult r;
		// Ctrl-C stops after the step in hand, the epochs done kept (see InterruptNotice)
		try (PartFiles.Hold hold = PartFiles.hold()) {
			r = new EspcnTrainer(c, train, val, new TrainingRun(out, template, o.flag("overwrite")),
				new TrainingListener() {

					@Override
					public boolean cancelled() {
						return PartFiles.stopRequested();
					}

					@Override
					public void started(int first, int epochs, int patches, int steps) {
						done[0] = first - 1;
						console.progress("Training x%d from epoch %d of %d: %d patches, %d steps per epoch",
							c.scale, first, epochs, patches, steps);
					}

					@Override
					public void epochDone(EpochReport report) {
						done[0] = report.epoch;
						console.progress("%s", report.describe());
					}
				}).run(resume);
		}
		if (r.cancelled) return InterruptNotice.STOPPED;
		console.result("Best validation PSNR %.3f dB at epoch %d; model in %s", r.bestValidationPsnr,
			r.bestEpoch, r.modelFolder);
		if (o.flag("package")) console.result("bioimage.io package in %s", TrainedPackage.write(
			r.modelFolder));
		return 0;
	}

	private static TrainingConfig config(Options o) throws UsageException, IOException {
		TrainingConfig c = new TrainingConfig();
		if (o.has("steps") && o.has("epochs")) throw new UsageException(
			"give --epochs or --steps, not both");
		c.scale = o.scale().orElse(c.scale);
		c.epochs = o.integer("epochs", c.epochs, 1);
		c.batchSize = o.integer("batch", c.batchSize, 1);
		c.patchSize = o.integer("patch", c.patchSize, 3);
		c.stride = o.integer("stride", c.stride, 1);
		c.learningRate = o.real("lr", c.learningRate);
		c.lastLayerFactor = o.real("last-layer-lr", c.lastLayerFactor);
		c.augment = o.flag("augment");
		c.seed = o.integerLong("seed", c.seed);
		c.threads = o.integer("threads", c.threads, 1);
		c.filters = o.integers("filters").orElse(c.filters);
		c.kernels = o.integers("kernels").orElse(c.kernels);
		c.rescales = o.reals("rescales").orElse(c.rescales);
		c.plateauThreshold = o.real("plateau-threshold", c.plateauThreshold);
		c.minContrast = o.real("min-contrast", c.minContrast);
		c.plateauPatience = o.integer("plateau-patience", c.plateauPatience, 1);
		try {
			c.activation = Activation.parse(o.string("activation").orElse(c.activation.id()));
			c.schedule = TrainingConfig.Schedule.parse(o.string("schedule").orElse("step80"));
			c.loss = TrainingConfig.Loss.parse(o.string("loss").orElse("l2"));
			if (o.has("teacher-share") && !o.has("teacher")) throw new UsageException(
				"--teacher-share needs --teacher");
			if (o.has("teacher")) c.teacher = teacher(o.require("teacher"), o.real("teacher-share",
				0.5));
			c.validate();
		}
		catch (IllegalArgumentException e) {
			throw new UsageException(e.getMessage());
		}
		return c;
	}

	/** Loads the teacher model's architecture and weights (the model itself is freed). */
	private static Teacher teacher(String nameOrPath, double share) throws IOException,
		UsageException
	{
		try (EspcnModel m = ModelChoice.load(nameOrPath, java.util.Optional.empty())) {
			return new Teacher(m.spec(), m.weights(), nameOrPath, share);
		}
		catch (IllegalStateException e) { // a package's TorchScript network: no weights to read
			throw new UsageException("--teacher " + nameOrPath + ": " + e.getMessage());
		}
	}

	/**
	 * The training files minus the validation files: when a validation folder is also a
	 * training folder (e.g. {@code --train T91,BSD200 --validation BSD200 --validation-count 20}),
	 * the images picked for validation are never trained on.
	 */
	static List<Path> withoutValidation(List<Path> train, List<Path> validation) {
		Set<Path> held = new HashSet<>();
		for (Path p : validation) held.add(p.toAbsolutePath().normalize());
		List<Path> kept = new ArrayList<>();
		for (Path p : train)
			if (!held.contains(p.toAbsolutePath().normalize())) kept.add(p);
		return kept;
	}

	/**
	 * How the card names a training folder: its name, and the first line of its {@code VERSION}
	 * file when it has one (a built corpus, e.g. {@code v1 (corpus-v1-ad15e7e5d36c)}), so that a
	 * card says which build of a corpus trained it.
	 */
	static String dataName(Path dir) throws IOException {
		String name = dir.toAbsolutePath().normalize().getFileName().toString();
		Path version = dir.resolve("VERSION");
		if (!Files.isRegularFile(version)) return name;
		String tag;
		try (BufferedReader r = Files.newBufferedReader(version, StandardCharsets.UTF_8)) {
			tag = r.readLine();
		}
		return tag == null || tag.isBlank() ? name : name + " (" + tag.strip() + ")";
	}

	/** {@code limit} files spread evenly over the list, or all of them when limit is 0. */
	private static List<Path> spread(List<Path> files, int limit) {
		if (limit <= 0 || limit >= files.size()) return files;
		List<Path> picked = new ArrayList<>();
		for (int i = 0; i < limit; i++)
			picked.add(files.get(i * files.size() / limit));
		return picked;
	}
}
