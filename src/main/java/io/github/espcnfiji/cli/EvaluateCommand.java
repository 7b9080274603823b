package io.github.espcnfiji.cli;

import io.github.espcnfiji.core.EvaluationProtocol;
import io.github.espcnfiji.core.Scores;
import io.github.espcnfiji.files.Inputs;
import io.github.espcnfiji.model.CardJson;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.model.ModelCard;
import io.github.espcnfiji.model.ModelFiles;
import io.github.espcnfiji.results.BenchmarkSet;
import io.github.espcnfiji.results.EvaluationCsv;
import io.github.espcnfiji.results.SetEvaluator;
import io.github.espcnfiji.results.SetScores;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code evaluate}: the paper's protocol ({@link EvaluationProtocol}) on benchmark folders of
 * high-resolution images: bicubic and model PSNR/SSIM per set as a table, and per image and per
 * set in a CSV file.
 */
final class EvaluateCommand implements Command {

	@Override
	public String name() {
		return "evaluate";
	}

	@Override
	public String summary() {
		return "bicubic vs model PSNR/SSIM on benchmark sets (the paper's protocol)";
	}

	@Override
	public OptionSpec options() {
		return new OptionSpec().required("model", ModelChoice.VALUE, ModelChoice.HELP).required(
			"data", "DIR[,DIR...]", "folders of high-resolution images, e.g. Set5,Set14").optional(
				"scale", "N", "the factor (2, 3 or 4; default the model's); must be the model's")
				.optional("csv", "FILE", "per-image results (default evaluation-MODEL-xN-SETS.csv here)").flag("overwrite",
						"replace an existing CSV file").flag("record",
							"write the measured means into the model folder's card.json").optional(
								"threads", "N", "images scored at once (default 1)");
	}

	@Override
	public String notes() {
		return "Each image is mod-cropped, shrunk by MATLAB-style bicubic (8-bit), enlarged by bicubic\n" +
			"and by the model, and scored on Y (BT.601) with a border of N pixels left out.\n" +
			"Images must be 8-bit gray or RGB.";
	}

	/** The CSV may not be an input: an image of a set, or the model's file. */
	private static void refuseInputs(Path csv, List<BenchmarkSet> sets, String model)
		throws IOException
	{
		for (BenchmarkSet set : sets) {
			Inputs.refuseOverwriting(csv, set.folder(), "--csv");
			for (Path image : set.images())
				Inputs.refuseOverwriting(csv, image, "--csv");
		}
		Path modelPath = Path.of(model);
		if (Files.exists(modelPath)) Inputs.refuseOverwritingIn(csv, modelPath, "--csv");
	}

	@Override
	public int run(Options o, Console console) throws Exception {
		Optional<Integer> askedScale = o.scale();
		int threads = o.integer("threads", 1, 1);
		List<BenchmarkSet> sets = new ArrayList<>();
		for (String d : o.require("data").split(","))
			if (!d.isBlank()) sets.add(BenchmarkSet.of(Path.of(d.trim())));
		if (sets.isEmpty()) throw new UsageException("--data needs at least one folder");
		if (o.flag("record")) recordTarget(o.require("model")); // fail before the work
		try (EspcnModel model = ModelChoice.load(o.require("model"), askedScale)) {
			int scale = model.scale();
			Path csv = o.optionalPath("csv").orElse(Path.of(defaultCsvName(model.card().name, scale,
				sets)));
			refuseInputs(csv, sets, o.require("model"));
			if (!o.flag("overwrite") && Files.exists(csv)) throw new FileAlreadyExistsException(
				csv.toString(), null, "the CSV file exists; add --overwrite or choose --csv");
			List<SetScores> evaluated = new ArrayList<>();
			SetEvaluator evaluator = new SetEvaluator(threads, progress(console));
			for (BenchmarkSet set : sets) {
				SetScores scores = evaluator.evaluate(set, scale, model);
				evaluated.add(scores);
				Scores mean = scores.mean();
				int n = scores.images().size();
				ModelCard.Metrics m = new ModelCard.Metrics();
				m.images = n;
				m.bicubicPsnr = round(mean.bicubicPsnr(), 4);
				m.bicubicSsim = round(mean.bicubicSsim(), 6);
				m.psnr = round(mean.modelPsnr().getAsDouble(), 4);
				m.ssim = round(mean.modelSsim().getAsDouble(), 6);
				model.card().metrics.put(set.name() + " x" + scale, m);
			}
			console.result("ESPCN %s (x%d) against bicubic:", model.card().name, scale);
			console.out.print(EvaluationTable.format(evaluated));
			TextFiles.write(csv, EvaluationCsv.format(evaluated), o.flag("overwrite"));
			console.result("per-image results: %s", csv);
			if (o.flag("record")) console.result("recorded in %s", record(o.require("model"), model
				.card()));
		}
		return 0;
	}

	/** One progress line per image: set, count, file, bicubic and model PSNR. */
	static SetEvaluator.Progress progress(Console console) {
		return (set, done, total, image) -> {
			Scores s = image.scores();
			console.progress("%s [%d/%d] %s: bicubic %s dB%s", set, done, total, image.name(), Format
				.db(s.bicubicPsnr()), s.hasModel() ? ", ESPCN " + Format.db(s.modelPsnr()
					.getAsDouble()) + " dB" : "");
		};
	}

	/** Rewrites the card of a model folder with the metrics just measured. */
	private static Path record(String modelArgument, ModelCard card) throws IOException {
		Path target = recordTarget(modelArgument);
		TextFiles.write(target, CardJson.toJson(card), true);
		return target;
	}

	private static Path recordTarget(String modelArgument) {
		Path card = Path.of(modelArgument).resolve(ModelFiles.CARD);
		if (!Files.isRegularFile(card))
			throw new IllegalArgumentException("--record needs a model folder holding " +
				ModelFiles.CARD + ", not " + modelArgument);
		return card;
	}

	private static double round(double v, int digits) {
		double f = Math.pow(10, digits);
		return Math.round(v * f) / f;
	}

	/**
	 * {@code evaluation-NAME-xN-SET[+SET...].csv}, so that evaluating other sets does not meet the
	 * first CSV; anything but letters, digits, dot and dash becomes a dash.
	 */
	static String defaultCsvName(String modelName, int scale, List<BenchmarkSet> sets) {
		return EvaluationCsv.defaultName(modelName, scale, sets);
	}
}
