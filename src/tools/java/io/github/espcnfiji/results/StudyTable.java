package io.github.espcnfiji.results;

import io.github.espcnfiji.core.Scores;
import io.github.espcnfiji.model.ModelCard;
import io.github.espcnfiji.model.ModelFiles;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The table of a recipe study: one row per training run folder (a model folder as the
 * {@code train} command leaves it, with {@code evaluation.csv} written beside it by
 * {@code evaluate --csv RUN/evaluation.csv}), sorted by folder name, with the command that
 * trained it, its epochs, training time, best validation PSNR (from its card) and its PSNR on
 * each test set (from its evaluation). The best figure of each column is in bold.
 */
public final class StudyTable {

	/** The evaluation file a run folder holds. */
	public static final String EVALUATION = "evaluation.csv";
	/** The sets a study reports by default. */
	public static final List<String> SETS = List.of("Set5", "Set14", "BSD100");

	/** One run folder, read. */
	static final class Run {

		final String name;
		final ModelCard card;
		/** Set means; empty when the run has not been evaluated. */
		final Map<String, Scores> scores;
		final double seconds;

		Run(String name, ModelCard card, Map<String, Scores> scores, double seconds) {
			this.name = name;
			this.card = card;
			this.scores = scores;
			this.seconds = seconds;
		}
	}

	private final List<Run> runs;
	private final List<String> sets;

	private StudyTable(List<Run> runs, List<String> sets) {
		this.runs = runs;
		this.sets = List.copyOf(sets);
	}

	/**
	 * Reads the runs: {@code folder} itself when it holds a model card, else each of its
	 * sub-folders that does.
	 *
	 * @throws IOException when there is no run, or a card or evaluation cannot be read
	 */
	public static StudyTable read(Path folder, List<String> sets) throws IOException {
		if (!Files.isDirectory(folder)) throw new NoSuchFileException(folder.toString(), null,
			"no such folder of training runs");
		List<Path> folders = new ArrayList<>();
		if (Files.isRegularFile(folder.resolve(ModelFiles.CARD))) folders.add(folder);
		else try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
			for (Path p : entries)
				if (Files.isRegularFile(p.resolve(ModelFiles.CARD))) folders.add(p);
		}
		if (folders.isEmpty()) throw new IOException("No training run in " + folder +
			": a run folder holds " + ModelFiles.CARD);
		Collections.sort(folders);
		List<Run> runs = new ArrayList<>();
		for (Path f : folders) {
			Path csv = f.resolve(EVALUATION), log = f.resolve("training-log.csv");
			runs.add(new Run(f.getFileName().toString(), ModelFiles.loadCard(f), Files.isRegularFile(
				csv) ? EvaluationCsv.readMeans(csv) : Map.of(), Files.isRegularFile(log) ? TrainingLog
					.read(log).totalSeconds() : Double.NaN));
		}
		return new StudyTable(runs, sets);
	}

	public int size() {
		return runs.size();
	}

	/** The runs that have no evaluation yet, by name. */
	public List<String> notEvaluated() {
		List<String> out = new ArrayList<>();
		for (Run r : runs)
			if (r.scores.isEmpty()) out.add(r.name);
		return out;
	}

	/** The table as Markdown. */
	public String markdown() {
		List<String> header = new ArrayList<>(List.of("run", "command", "epochs (best)",
			"training time", "validation PSNR"));
		for (String s : sets)
			header.add(s);
		MarkdownTable t = new MarkdownTable(header, 2);
		double bestValidation = runs.stream().mapToDouble(r -> r.card.training.bestValidationPsnr)
			.max().orElse(Double.NaN);
		double[] bestSet = new double[sets.size()];
		for (int i = 0; i < sets.size(); i++) {
			String set = sets.get(i);
			bestSet[i] = runs.stream().filter(r -> r.scores.containsKey(set)).mapToDouble(r -> r.scores
				.get(set).modelPsnr().orElse(Double.NaN)).max().orElse(Double.NaN);
		}
		for (Run r : runs) {
			ModelCard.Training tr = r.card.training;
			List<String> row = new ArrayList<>();
			row.add(r.name);
			row.add(tr.command.isBlank() ? "–" : MarkdownTable.code(tr.command));
			row.add(tr.epochsCompleted + (tr.epochsCompleted < tr.epochs ? " of " + tr.epochs : "") +
				" (" + tr.bestEpoch + ")");
			row.add(Double.isNaN(r.seconds) ? "–" : String.format(Locale.ROOT, "%.1f min", r.seconds /
				60));
			row.add(bold(String.format(Locale.ROOT, "%.3f", tr.bestValidationPsnr),
				tr.bestValidationPsnr == bestValidation));
			for (int i = 0; i < sets.size(); i++) {
				Scores s = r.scores.get(sets.get(i));
				double psnr = s == null ? Double.NaN : s.modelPsnr().orElse(Double.NaN);
				row.add(Double.isNaN(psnr) ? "–" : bold(ResultsReport.db(psnr), psnr == bestSet[i]));
			}
			t.row(row);
		}
		return t.toString();
	}

	private static String bold(String s, boolean bold) {
		return bold ? "**" + s + "**" : s;
	}
}
