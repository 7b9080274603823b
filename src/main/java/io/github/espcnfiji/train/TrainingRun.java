package io.github.espcnfiji.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.github.espcnfiji.model.CardJson;
import io.github.espcnfiji.model.CpuInfo;
import io.github.espcnfiji.model.ModelCard;
import io.github.espcnfiji.model.ModelFiles;
import io.github.espcnfiji.model.Npz;
import io.github.espcnfiji.model.Tensor;
import io.github.espcnfiji.train.EspcnTrainer.Checkpoint;
import io.github.espcnfiji.train.EspcnTrainer.TrainingState;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The folder of a training run. It is a model folder from the first epoch on ({@code card.json}
 * and {@code weights.npz} of the best epoch so far, usable at once), with the run's extras beside:
 * {@code checkpoint/} (last epoch's weights, optimizer state and progress, for resuming) and
 * {@code training-log.csv} (the curves) and {@code training-machines.csv} (the processor and
 * oneDNN instruction set of each session, fresh or resumed, with its first epoch). Every file is written to a temporary name and then
 * moved, so an interruption never leaves a half-written file.
 */
public final class TrainingRun {

	static final String CARD = ModelFiles.CARD, WEIGHTS = ModelFiles.WEIGHTS,
		LOG = "training-log.csv", MACHINES = "training-machines.csv";
	/** For the checkpoint's progress file. */
	private static final Gson GSON = new GsonBuilder().setPrettyPrinting()
		.serializeSpecialFloatingPointValues().create();

	private final Path folder;
	private final ModelCard template;
	/** The distinct machines of this run's sessions so far, for the card. */
	private final List<String> machines = new ArrayList<>();

	/**
	 * {@code template} carries what the card should say beyond the recipe (name, data, command);
	 * the run fills in the rest each time it saves the best model.
	 */
	public TrainingRun(Path folder, ModelCard template) {
		this.folder = folder;
		this.template = template;
	}

	public Path folder() {
		return folder;
	}

	private Path checkpoint() {
		return folder.resolve("checkpoint");
	}

	/** True when the folder holds a checkpoint to resume. */
	public boolean hasCheckpoint() {
		return Files.isRegularFile(checkpoint().resolve("state.json"));
	}

	void prepareFresh() throws IOException {
		if (Files.exists(folder.resolve(CARD)) || hasCheckpoint())
			throw new IllegalArgumentException("Output folder " + folder +
				" already holds a model or checkpoint: resume it, or choose another folder");
		Files.createDirectories(checkpoint());
		Files.deleteIfExists(folder.resolve(LOG));
		Files.deleteIfExists(folder.resolve(MACHINES));
		writeAtomically(folder.resolve(LOG), "epoch,loss,validation_psnr,best_psnr,learning_rate,seconds,skipped_steps,retried_steps\n");
	}

	Checkpoint readCheckpoint(TrainingConfig config) throws IOException {
		if (!hasCheckpoint()) throw new IllegalArgumentException("No checkpoint to resume in " +
			checkpoint());
		TrainingState state = GSON.fromJson(Files.readString(checkpoint().resolve("state.json")),
			TrainingState.class);
		String expected = fingerprint(config);
		if (!expected.equals(state.configFingerprint))
			throw new IllegalArgumentException("The checkpoint in " + folder +
				" was made with another recipe (" + state.configFingerprint + ") than asked (" +
				expected + ")");
		return new Checkpoint(Npz.read(checkpoint().resolve(WEIGHTS)), Npz.read(checkpoint()
			.resolve("optimizer.npz")), state);
	}

	void saveCheckpoint(Map<String, Tensor> weights, Map<String, Tensor> optimizer,
		TrainingState state, TrainingConfig config) throws IOException
	{
		state.configFingerprint = fingerprint(config);
		writeNpz(checkpoint().resolve(WEIGHTS), weights);
		writeNpz(checkpoint().resolve("optimizer.npz"), optimizer);
		// state.json last: it is what makes the checkpoint count.
		writeAtomically(checkpoint().resolve("state.json"), GSON.toJson(state));
	}

	void saveBest(Map<String, Tensor> weights, TrainingState state, TrainingConfig config)
		throws IOException
	{
		ModelCard card = template;
		card.scale = config.scale;
		card.activation = config.activation.id();
		card.filters = config.filters.clone();
		card.kernels = config.kernels.clone();
		ModelCard.Training t = card.training;
		t.epochs = config.epochs;
		t.epochsCompleted = state.epochsDone;
		t.bestEpoch = state.bestEpoch;
		t.bestValidationPsnr = state.bestPsnr;
		t.batchSize = config.batchSize;
		t.patchSize = config.patchSize;
		t.stride = config.stride;
		t.learningRate = config.learningRate;
		t.lastLayerLearningRateFactor = config.lastLayerFactor;
		t.schedule = config.schedule.name().toLowerCase(Locale.ROOT) + (config.schedule ==
			TrainingConfig.Schedule.PLATEAU ? ": x" + config.plateauDecay + " after " +
				config.plateauPatience + " epochs without the loss falling by " + 100 *
					config.plateauThreshold + "%, down to " + config.plateauFloor + " of the rate" : "");
		t.augmentation = (config.augment ? "flips and 90-degree rotations" : "none") +
			(config.rescales.length > 0 ? "; rescales " + Arrays.toString(config.rescales) : "");
		t.seed = config.seed;
		t.machines = new ArrayList<>(new LinkedHashSet<>(machines));
		writeNpz(folder.resolve(WEIGHTS), weights);
		writeAtomically(folder.resolve(CARD), CardJson.toJson(card));
	}

	/**
	 * Records that this session computes the epochs from {@code firstEpoch} on {@code cpu}: a
	 * line of {@code training-machines.csv}, and the card's list of machines.
	 */
	void noteMachine(CpuInfo cpu, int firstEpoch) throws IOException {
		Path file = folder.resolve(MACHINES);
		machines.clear();
		if (Files.isRegularFile(file)) {
			List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
			for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
				String[] f = line.split(",", 3);
				if (f.length == 3) machines.add(csvUnquote(f[2]));
			}
		}
		else Files.writeString(file, "started,first_epoch,machine\n", StandardCharsets.UTF_8);
		String line = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) +
			"," + firstEpoch + "," + csvQuote(cpu.describe()) + "\n";
		Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
		machines.add(cpu.describe());
	}

	private static String csvQuote(String s) {
		return "\"" + s.replace("\"", "\"\"") + "\"";
	}

	private static String csvUnquote(String s) {
		return s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1).replace(
			"\"\"", "\"") : s;
	}

	void log(EpochReport r) throws IOException {
		String line = String.format(Locale.ROOT, "%d,%.8f,%.4f,%.4f,%.3e,%.2f,%d,%d%n",
			r.epoch, r.loss, r.validationPsnr, r.bestPsnr, r.learningRate, r.seconds, r.skippedSteps,
			r.retriedSteps);
		Files.writeString(folder.resolve(LOG), line, StandardCharsets.UTF_8,
			StandardOpenOption.CREATE, StandardOpenOption.APPEND);
	}

	/** Everything that must match for a resumed run to continue the same run. */
	static String fingerprint(TrainingConfig c) {
		return String.format(Locale.ROOT,
			"x%d %s f%s k%s e%d b%d p%d s%d lr%g ll%g %s aug%b rs%s seed%d", c.scale, c.activation
				.id(), Arrays.toString(c.filters), Arrays.toString(c.kernels), c.epochs, c.batchSize,
			c.patchSize, c.stride, c.learningRate, c.lastLayerFactor, c.schedule, c.augment, Arrays
				.toString(c.rescales), c.seed) + (c.schedule == TrainingConfig.Schedule.PLATEAU ? String
					.format(Locale.ROOT, " plateau t%g p%d d%g f%g", c.plateauThreshold,
						c.plateauPatience, c.plateauDecay, c.plateauFloor) : "");
	}

	private static void writeNpz(Path target, Map<String, Tensor> arrays) throws IOException {
		Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
		Npz.write(arrays, tmp);
		Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING,
			StandardCopyOption.ATOMIC_MOVE);
	}

	private static void writeAtomically(Path target, String text) throws IOException {
		Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
		try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
			w.write(text);
		}
		Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING,
			StandardCopyOption.ATOMIC_MOVE);
	}
}
