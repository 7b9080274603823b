package io.github.espcnfiji.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.github.espcnfiji.core.Tensor;
import io.github.espcnfiji.model.CardJson;
import io.github.espcnfiji.model.CpuInfo;
import io.github.espcnfiji.model.ModelCard;
import io.github.espcnfiji.model.ModelFiles;
import io.github.espcnfiji.model.Npz;
import io.github.espcnfiji.train.EspcnTrainer.Checkpoint;
import io.github.espcnfiji.train.EspcnTrainer.TrainingState;

import com.google.gson.JsonParseException;
import io.github.espcnfiji.files.FolderLock;
import io.github.espcnfiji.files.PartFiles;
import io.github.espcnfiji.files.PendingFile;
import io.github.espcnfiji.files.Sha256;

import java.io.IOException;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The folder of a training run. It is a model folder from the first epoch on ({@code card.json}
 * and {@code weights.npz} of the best epoch so far, usable at once), with the run's extras beside:
 * {@code checkpoint/} (last epoch's weights, optimizer state and progress, for resuming) and
 * {@code training-log.csv} (the curves) and {@code training-machines.csv} (the processor and
 * oneDNN instruction set of each session, fresh or resumed, with its first epoch). Every file is written to a temporary name and then
 * renamed (see {@link PendingFile}), so an interruption never leaves a half-written file; the
 * folder is locked for the run ({@link FolderLock}), so two runs cannot write it at once.
 * <p>
 * A checkpoint is one unit: its arrays are written under names that carry the epoch
 * ({@code weights-000005.npz}, {@code optimizer-000005.npz}), then {@code state.json}, which
 * names them with their SHA-256, replaces the previous one in one rename; only then are the
 * previous epoch's arrays deleted. A kill at any moment leaves the last whole checkpoint, and a
 * checkpoint whose files do not match its {@code state.json} is refused. Checkpoints of earlier
 * versions ({@code weights.npz}, {@code optimizer.npz} and a {@code state.json} without checksums,
 * renamed one by one) are resumed when {@code state.json} is the newest of the three, as a
 * complete one is, and refused otherwise.
 * <p>
 * A new run needs an empty or missing folder; {@code overwrite} lets it replace an earlier run's
 * files ({@link #RUN_FILES}), never anything else.
 */
public final class TrainingRun {

	static final String CARD = ModelFiles.CARD, WEIGHTS = ModelFiles.WEIGHTS,
		LOG = "training-log.csv", MACHINES = "training-machines.csv", CHECKPOINT = "checkpoint", STATE = "state.json",
		OPTIMIZER = "optimizer.npz";
	/** What a run writes in its folder: all that {@code overwrite} may replace. */
	public static final Set<String> RUN_FILES = Set.of(CARD, WEIGHTS, LOG, MACHINES, CHECKPOINT);
	private static final String LOG_HEADER = "epoch,loss,validation_psnr,best_psnr," +
		"learning_rate,seconds,skipped_steps,retried_steps\n";
	/** The checkpoint's arrays: weights-000005.npz or optimizer-000005.npz. */
	private static final Pattern ARRAYS = Pattern.compile("(weights|optimizer)(-\\d+)?\\.npz");
	/** For the checkpoint's progress file. */
	private static final Gson GSON = new GsonBuilder().setPrettyPrinting()
		.serializeSpecialFloatingPointValues().create();

	private final Path folder;
	private final ModelCard template;
	private final boolean overwrite;
	/** The distinct machines of this run's sessions so far, for the card. */
	private final List<String> machines = new ArrayList<>();

	/**
	 * {@code template} carries what the card should say beyond the recipe (name, data, command);
	 * the run fills in the rest each time it saves the best model. A new run refuses a folder
	 * that holds anything.
	 */
	public TrainingRun(Path folder, ModelCard template) {
		this(folder, template, false);
	}

	/** As {@link #TrainingRun(Path, ModelCard)}; a new run may replace an earlier run's files. */
	public TrainingRun(Path folder, ModelCard template, boolean overwrite) {
		this.folder = folder.toAbsolutePath().normalize();
		this.template = template;
		this.overwrite = overwrite;
	}

	public Path folder() {
		return folder;
	}

	private Path checkpoint() {
		return folder.resolve(CHECKPOINT);
	}

	/** True when the folder holds a checkpoint to resume. */
	public boolean hasCheckpoint() {
		return Files.isRegularFile(checkpoint().resolve(STATE));
	}

	/**
	 * Locks the folder for this run (made if a new run needs it).
	 *
	 * @throws FolderLock.FolderLockedException if another run writes it
	 */
	FolderLock lock(boolean resume) throws IOException {
		if (resume && !Files.isDirectory(folder)) throw new IllegalArgumentException(
			"No checkpoint to resume in " + checkpoint() + ": the folder does not exist");
		Files.createDirectories(folder);
		return FolderLock.acquire(folder);
	}

	/**
	 * Fails at once, before any image is read, when a run could not start in this folder: a new
	 * run in a folder that holds anything (without {@code overwrite}, or holding files a run did
	 * not write), or a resumed one without a checkpoint. The trainer checks again under the
	 * folder's lock.
	 */
	public void checkStart(boolean resume) throws IOException {
		if (resume) {
			if (!hasCheckpoint()) throw new IllegalArgumentException("No checkpoint to resume in " +
				checkpoint() + (Files.isDirectory(folder) ? "" : ": the folder does not exist"));
			return;
		}
		if (Files.isDirectory(folder)) refuseFresh(contents());
		else if (Files.exists(folder)) throw new IllegalArgumentException("Output " + folder +
			" is a file, not a folder; choose another name");
	}

	private void refuseFresh(List<String> present) {
		if (present.isEmpty()) return;
		if (!overwrite) throw new IllegalArgumentException("Output folder " + folder +
			" already holds " + describe(present) + ": resume its run (--resume), replace it " +
			"(--overwrite) or choose another folder");
		List<String> foreign = new ArrayList<>(present);
		foreign.removeAll(RUN_FILES);
		if (!foreign.isEmpty()) throw new IllegalArgumentException("Output folder " + folder +
			" holds " + describe(foreign) + ", which a training run did not write: not " +
			"overwriting it; choose an empty or new folder");
	}

	void prepareFresh() throws IOException {
		List<String> present = contents();
		refuseFresh(present);
		for (String f : present)
			deleteTree(folder.resolve(f));
		Files.createDirectories(checkpoint());
		Files.deleteIfExists(folder.resolve(MACHINES));
		writeText(folder.resolve(LOG), LOG_HEADER);
	}

	/** The folder's entries, less this project's lock and temporary files. */
	private List<String> contents() throws IOException {
		PartFiles.removeAbandoned(folder);
		List<String> names = new ArrayList<>();
		try (Stream<Path> s = Files.list(folder)) {
			s.map(p -> p.getFileName().toString()).filter(n -> !n.equals(FolderLock.NAME) && !(n
				.startsWith(".") && n.endsWith(".part"))).sorted().forEach(names::add);
		}
		return names;
	}

	private static String describe(List<String> names) {
		return String.join(", ", names.subList(0, Math.min(3, names.size()))) + (names.size() > 3
			? " and " + (names.size() - 3) + " more" : "");
	}

	Checkpoint readCheckpoint(TrainingConfig config) throws IOException {
		TrainingState state = readState(config);
		Path stateFile = checkpoint().resolve(STATE);
		Path weights, optimizer;
		if (state.files == null) { // written by an earlier version: the three files one by one
			weights = checkpoint().resolve(WEIGHTS);
			optimizer = checkpoint().resolve(OPTIMIZER);
			for (Path p : List.of(weights, optimizer))
				if (!Files.isRegularFile(p) || Files.getLastModifiedTime(p).compareTo(Files
					.getLastModifiedTime(stateFile)) > 0) throw mixed(p.getFileName().toString());
		}
		else {
			weights = verified(state, "weights");
			optimizer = verified(state, "optimizer");
		}
		trimLog(state.epochsDone);
		return new Checkpoint(Npz.read(weights), Npz.read(optimizer), state);
	}

	/**
	 * The checkpoint's progress, after checking that it was made with this recipe: what a
	 * resumed run checks before its long preparations (reading only {@code state.json}).
	 */
	TrainingState readState(TrainingConfig config) throws IOException {
		if (!hasCheckpoint()) throw new IllegalArgumentException("No checkpoint to resume in " +
			checkpoint());
		Path stateFile = checkpoint().resolve(STATE);
		TrainingState state;
		try {
			state = GSON.fromJson(Files.readString(stateFile), TrainingState.class);
		}
		catch (JsonParseException e) {
			throw new IllegalArgumentException("The checkpoint in " + folder + " cannot be resumed: " +
				stateFile + " is not readable JSON");
		}
		String expected = fingerprint(config);
		if (!expected.equals(state.configFingerprint))
			throw new IllegalArgumentException("The checkpoint in " + folder +
				" was made with another recipe (" + state.configFingerprint + ") than asked (" +
				expected + ")");
		return state;
	}

	/** The checkpoint's array file of that kind, after checking it against state.json. */
	private Path verified(TrainingState state, String kind) throws IOException {
		for (Map.Entry<String, String> e : state.files.entrySet()) {
			Matcher m = ARRAYS.matcher(e.getKey());
			if (!m.matches() || !m.group(1).equals(kind)) continue;
			Path p = checkpoint().resolve(e.getKey());
			if (!Files.isRegularFile(p) || !Sha256.of(p).equals(e.getValue())) throw mixed(e.getKey());
			return p;
		}
		throw mixed(kind);
	}

	private IllegalArgumentException mixed(String file) {
		return new IllegalArgumentException("The checkpoint in " + folder + " is incomplete or " +
			"mixed (" + file + " is missing or not the one its state.json was written with); it " +
			"cannot be resumed: start again with --overwrite");
	}

	/** The path of the checkpoint's weights, as its state.json names them. */
	Path checkpointWeights() throws IOException {
		TrainingState state = GSON.fromJson(Files.readString(checkpoint().resolve(STATE)),
			TrainingState.class);
		return state.files == null ? checkpoint().resolve(WEIGHTS) : verified(state, "weights");
	}

	void saveCheckpoint(Map<String, Tensor> weights, Map<String, Tensor> optimizer,
		TrainingState state, TrainingConfig config) throws IOException
	{
		state.configFingerprint = fingerprint(config);
		String epoch = String.format(Locale.ROOT, "-%06d.npz", state.epochsDone);
		Path w = checkpoint().resolve("weights" + epoch), o = checkpoint().resolve("optimizer" +
			epoch);
		Npz.write(weights, w);
		Npz.write(optimizer, o);
		state.files = new TreeMap<>();
		state.files.put(w.getFileName().toString(), Sha256.of(w));
		state.files.put(o.getFileName().toString(), Sha256.of(o));
		// state.json last, in one rename: it is what makes the checkpoint count
		writeText(checkpoint().resolve(STATE), GSON.toJson(state));
		try (DirectoryStream<Path> files = Files.newDirectoryStream(checkpoint())) {
			for (Path f : files) {
				String name = f.getFileName().toString();
				if (ARRAYS.matcher(name).matches() && !state.files.containsKey(name))
					Files.deleteIfExists(f);
			}
		}
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
		t.loss = config.loss.id();
		t.teacher = config.teacher == null ? null : config.teacher.describe();
		t.teacherShare = config.teacher == null ? null : config.teacher.share();
		t.minPatchContrast = config.minContrast > 0 ? config.minContrast : null;
		t.augmentation = (config.augment ? "flips and 90-degree rotations" : "none") +
			(config.rescales.length > 0 ? "; rescales " + Arrays.toString(config.rescales) : "");
		t.seed = config.seed;
		t.machines = new ArrayList<>(new LinkedHashSet<>(machines));
		// both written whole first, then renamed one right after the other: the model folder is
		// never a card beside weights of another epoch for longer than two renames take
		PendingFile w = PendingFile.create(folder.resolve(WEIGHTS), true), c = PendingFile.create(
			folder.resolve(CARD), true);
		try {
			try (OutputStream out = new BufferedOutputStream(w.open())) {
				Npz.write(weights, out);
			}
			byte[] json = CardJson.toJson(card).getBytes(StandardCharsets.UTF_8);
			try (OutputStream out = c.open()) {
				out.write(json);
			}
			w.commit();
			c.commit();
		}
		finally {
			w.discard();
			c.discard();
		}
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

	/**
	 * Drops the log's lines of epochs after {@code epochs} (written before a kill that came
	 * before their checkpoint) and a last line cut short, so that a resumed run's log has each
	 * epoch once.
	 */
	private void trimLog(int epochs) throws IOException {
		Path log = folder.resolve(LOG);
		if (!Files.isRegularFile(log)) return;
		String text = Files.readString(log, StandardCharsets.UTF_8);
		StringBuilder kept = new StringBuilder();
		for (String line : text.split("(?<=\n)")) {
			if (!line.endsWith("\n")) continue; // cut short
			int comma = line.indexOf(',');
			String first = comma < 0 ? "" : line.substring(0, comma);
			if (first.matches("\\d+") && Integer.parseInt(first) > epochs) continue;
			kept.append(line);
		}
		if (!kept.toString().equals(text)) writeText(log, kept.toString());
	}

	/** Everything that must match for a resumed run to continue the same run. */
	static String fingerprint(TrainingConfig c) {
		return String.format(Locale.ROOT,
			"x%d %s f%s k%s e%d b%d p%d s%d lr%g ll%g %s aug%b rs%s seed%d", c.scale, c.activation
				.id(), Arrays.toString(c.filters), Arrays.toString(c.kernels), c.epochs, c.batchSize,
			c.patchSize, c.stride, c.learningRate, c.lastLayerFactor, c.schedule, c.augment, Arrays
				.toString(c.rescales), c.seed) + (c.schedule == TrainingConfig.Schedule.PLATEAU ? String
					.format(Locale.ROOT, " plateau t%g p%d d%g f%g", c.plateauThreshold,
						c.plateauPatience, c.plateauDecay, c.plateauFloor) : "") + (c.loss ==
							TrainingConfig.Loss.L2 ? "" : " loss " + c.loss.id()) + (c.teacher == null ? "" : c
								.teacher.fingerprint()) + (c.minContrast > 0 ? " contrast " + c.minContrast : "");
	}

	private static void writeText(Path target, String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		PendingFile.write(target, true, out -> out.write(bytes));
	}

	private static void deleteTree(Path p) throws IOException {
		try (Stream<Path> s = Files.walk(p)) {
			for (Path f : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator)
				Files.delete(f);
		}
	}
}
