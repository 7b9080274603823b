package io.github.espcnfiji.results;

import io.github.espcnfiji.core.Scores;
import io.github.espcnfiji.model.ModelCard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Table 1 of the paper, reproduced: for each scale, bicubic and every model, PSNR (dB) / SSIM
 * per benchmark set as measured here, and at x3 the published figures beside them
 * ({@link PublishedFigure}, labelled with their source); then the models with the recipe and
 * command that made them. Also the same measurements as CSV. Output depends on the numbers
 * only, so regenerating with unchanged models changes nothing.
 */
public final class ResultsReport {

	/** The CSV columns. */
	public static final String CSV_HEADER = "scale,set,images,method,model,psnr,ssim";

	private final List<ScaleResults> scales;

	public ResultsReport(List<ScaleResults> scales) {
		List<ScaleResults> sorted = new ArrayList<>(scales);
		// x3 (Table 1) first, then the others in order.
		sorted.sort(Comparator.comparingInt((ScaleResults s) -> s.scale() == 3 ? 0 : 1).thenComparingInt(
			ScaleResults::scale));
		this.scales = List.copyOf(sorted);
	}

	/** The tables, as Markdown, with a heading per scale (level 3). */
	public String markdown() {
		StringBuilder sb = new StringBuilder();
		for (ScaleResults s : scales) {
			List<String> sets = s.bicubic().stream().map(SetScores::set).collect(Collectors
				.toList());
			sb.append("### x").append(s.scale()).append(s.scale() == 3 ? " (the paper's Table 1)" : "")
				.append("\n\n");
			List<String> header = new ArrayList<>(List.of("method", "source"));
			for (SetScores set : s.bicubic())
				header.add(set.set() + " (" + set.images().size() + ")");
			MarkdownTable t = new MarkdownTable(header, 2);
			List<String> row = new ArrayList<>(List.of("bicubic", "measured"));
			for (SetScores set : s.bicubic())
				row.add(cell(set.mean().bicubicPsnr(), set.mean().bicubicSsim()));
			t.row(row);
			for (EvaluatedModel m : s.models()) {
				row = new ArrayList<>(List.of("ESPCN " + m.label(), "measured"));
				for (SetScores set : m.sets()) {
					Scores mean = set.mean();
					row.add(cell(mean.modelPsnr().getAsDouble(), mean.modelSsim().getAsDouble()));
				}
				t.row(row);
			}
			for (PublishedFigure p : PublishedFigure.TABLE_1) {
				if (!p.covers(s.scale(), sets)) continue;
				row = new ArrayList<>(List.of(p.method(), p.source()));
				for (String set : sets)
					row.add(p.psnr(set).isPresent() ? db(p.psnr(set).getAsDouble()) : "–");
				t.row(row);
			}
			sb.append(t).append('\n');
			for (EvaluatedModel m : s.models()) {
				sb.append(gains(m)).append('\n');
				for (PublishedFigure p : PublishedFigure.TABLE_1)
					if (p.isTarget() && p.covers(s.scale(), sets)) sb.append(difference(m, p)).append('\n');
			}
			sb.append('\n');
		}
		return sb.toString();
	}

	/** One line: the model's gain over bicubic on each set. */
	private static String gains(EvaluatedModel m) {
		List<String> parts = new ArrayList<>();
		for (SetScores set : m.sets())
			parts.add(set.set() + " " + String.format(Locale.ROOT, "%+.2f", set.mean().modelPsnr()
				.getAsDouble() - set.mean().bicubicPsnr()));
		return "- " + m.label() + " over bicubic: " + String.join(", ", parts) + " dB.";
	}

	/** One line: the model's PSNR minus a published figure's on each set both have. */
	private static String difference(EvaluatedModel m, PublishedFigure p) {
		List<String> parts = new ArrayList<>();
		for (SetScores set : m.sets())
			if (p.psnr(set.set()).isPresent()) parts.add(set.set() + " " + String.format(Locale.ROOT,
				"%+.2f", set.mean().modelPsnr().getAsDouble() - p.psnr(set.set()).getAsDouble()));
		return "- " + m.label() + " against " + p.method() + " (" + p.source() + "): " + String.join(
			", ", parts) + " dB.";
	}

	/** The models of every scale: architecture, data, recipe, the best epoch and the command. */
	public String modelsMarkdown() {
		MarkdownTable t = new MarkdownTable(List.of("model", "scale", "network", "trained on",
			"validated on", "epochs (best)", "validation PSNR", "command"), 8);
		for (ScaleResults s : scales)
			for (EvaluatedModel m : s.models()) {
				ModelCard c = m.card();
				ModelCard.Training tr = c.training;
				t.row(List.of(m.label() + " (" + MarkdownTable.code(m.location()) + ")", "x" + c.scale,
					c.activation + ", filters " + join(c.filters) + ", kernels " + join(c.kernels), String
						.join(" + ", tr.trainData) + ", augmentation: " + tr.augmentation, tr.validationData
						.isBlank() ? "–" : tr.validationData,
					tr.epochs == 0 ? "–" : tr.epochs + " (" + tr.bestEpoch + ")", tr.bestValidationPsnr == 0
						? "–" : db(tr.bestValidationPsnr), tr.command.isBlank() ? "–" : MarkdownTable.code(
							tr.command)));
			}
		return t.toString();
	}

	/** The measurements as CSV: a row per scale, set and method (bicubic or a model). */
	public String csv() {
		StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
		for (ScaleResults s : scales) {
			for (SetScores set : s.bicubic())
				sb.append(csvRow(s.scale(), set, "bicubic", "", set.mean().bicubicPsnr(), set.mean()
					.bicubicSsim()));
			for (EvaluatedModel m : s.models())
				for (SetScores set : m.sets())
					sb.append(csvRow(s.scale(), set, m.label(), m.location(), set.mean().modelPsnr()
						.getAsDouble(), set.mean().modelSsim().getAsDouble()));
		}
		return sb.toString();
	}

	private static String csvRow(int scale, SetScores set, String method, String model,
		double psnr, double ssim)
	{
		return String.format(Locale.ROOT, "%d,%s,%d,%s,%s,%.4f,%.6f%n", scale, EvaluationCsv.quote(
			set.set()), set.images().size(), EvaluationCsv.quote(method), EvaluationCsv.quote(model),
			psnr, ssim);
	}

	private static String cell(double psnr, double ssim) {
		return db(psnr) + " / " + String.format(Locale.ROOT, "%.4f", ssim);
	}

	static String db(double v) {
		return String.format(Locale.ROOT, "%.2f", v);
	}

	private static String join(int[] v) {
		return Arrays.stream(v).mapToObj(Integer::toString).collect(Collectors.joining(","));
	}
}
