package io.github.espcnfiji.spark;

import io.github.espcnfiji.cli.EvaluationTable;
import io.github.espcnfiji.cli.OptionSpec;
import io.github.espcnfiji.cli.Options;
import io.github.espcnfiji.cli.UsageException;
import io.github.espcnfiji.core.Scores;
import io.github.espcnfiji.files.Inputs;
import io.github.espcnfiji.files.PendingFile;
import io.github.espcnfiji.model.BundledModels;
import io.github.espcnfiji.model.ModelCard;
import io.github.espcnfiji.results.BenchmarkSet;
import io.github.espcnfiji.results.EvaluationCsv;
import io.github.espcnfiji.results.ImageScore;
import io.github.espcnfiji.results.SetEvaluator;
import io.github.espcnfiji.results.SetScores;

import java.io.PrintStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code evaluate} on Spark: one task per image of the benchmark sets, scored on the executors
 * by the command line's protocol ({@link SetEvaluator#score}); the driver gathers the scores in
 * the sets' order and prints the same table and writes the same CSV as the command line's
 * {@code evaluate}.
 */
final class EvaluateJob implements SparkJob.Kind {

	@Override
	public OptionSpec options() {
		return new OptionSpec().required("model", "x2|x3|x4|PATH",
			"a bundled model or a model every executor reads at this path").required("data",
				"DIR[,DIR...]", "folders of high-resolution images, e.g. Set5,Set14").optional("scale",
					"N", "the factor (must be the model's)").optional("csv", "FILE",
						"per-image results (default evaluation-MODEL-xN-SETS.csv here)").flag("overwrite",
							"replace an existing CSV file");
	}

	@Override
	public SparkJob.Planned plan(Options o) throws Exception {
		Optional<Integer> askedScale = o.scale();
		List<BenchmarkSet> sets = new ArrayList<>();
		for (String d : o.require("data").split(","))
			if (!d.isBlank()) sets.add(BenchmarkSet.of(Path.of(d.trim())));
		if (sets.isEmpty()) throw new UsageException("--data needs at least one folder");
		String model = o.require("model");
		int scale = new ModelSettings(model, askedScale, 1, 1).checkOnDriver();
		ModelCard card = BundledModels.shipped().resolveCard(model);
		Path csv = o.optionalPath("csv").orElse(Path.of(EvaluationCsv.defaultName(card.name, scale,
			sets)));
		for (BenchmarkSet set : sets) {
			Inputs.refuseOverwriting(csv, set.folder(), "--csv");
			for (Path image : set.images())
				Inputs.refuseOverwriting(csv, image, "--csv");
		}
		if (Files.exists(Path.of(model))) Inputs.refuseOverwritingIn(csv, Path.of(model), "--csv");
		boolean overwrite = o.flag("overwrite");
		if (!overwrite && Files.exists(csv)) throw new FileAlreadyExistsException(csv.toString(),
			null, "the CSV file exists; add --overwrite or choose --csv");
		return (sc, out, err) -> run(sc, out, sets, new ModelSettings(model, askedScale, SparkJob
			.taskCpus(sc), SparkJob.executorCores(sc)), scale, card.name, csv, overwrite);
	}

	/** One image to score: its set and place in it. */
	private static final class Image implements Serializable {

		private static final long serialVersionUID = 1L;

		final int set;
		final int index;
		final String path;

		Image(int set, int index, String path) {
			this.set = set;
			this.index = index;
			this.path = path;
		}
	}

	/** An image's scores, as they travel back to the driver. */
	private static final class Scored implements Serializable {

		private static final long serialVersionUID = 1L;

		final int set;
		final int index;
		final String name;
		final int width;
		final int height;
		final double[] scores;

		Scored(Image image, ImageScore s) {
			this.set = image.set;
			this.index = image.index;
			this.name = s.name();
			this.width = s.width();
			this.height = s.height();
			Scores v = s.scores();
			this.scores = new double[] { v.bicubicPsnr(), v.bicubicSsim(), v.modelPsnr()
				.getAsDouble(), v.modelSsim().getAsDouble() };
		}

		ImageScore toScore() {
			return new ImageScore(name, width, height, new Scores(scores[0], scores[1], scores[2],
				scores[3]));
		}
	}

	private static int run(JavaSparkContext sc, PrintStream out, List<BenchmarkSet> sets,
		ModelSettings model, int scale, String modelName, Path csv, boolean overwrite)
		throws Exception
	{
		List<Image> images = new ArrayList<>();
		StringBuilder names = new StringBuilder();
		for (int s = 0; s < sets.size(); s++) {
			List<Path> files = sets.get(s).images();
			for (int i = 0; i < files.size(); i++)
				images.add(new Image(s, i, files.get(i).toString()));
			names.append(s == 0 ? "" : ",").append(sets.get(s).name());
		}
		sc.setJobDescription("evaluate " + model.model + " x" + scale + " on " + names + " (" +
			images.size() + " images)");
		sc.sc().setCallSite("evaluate " + images.size() + " image(s): one task per image");
		List<Scored> scored;
		try {
			scored = sc.parallelize(images, Math.max(1, images.size())).map(image -> new Scored(image,
				SetEvaluator.score(Path.of(image.path), scale, ExecutorModel.get(model)))).collect();
		}
		finally {
			sc.sc().clearCallSite();
			sc.setJobDescription(null);
		}
		List<SetScores> evaluated = new ArrayList<>();
		for (int s = 0; s < sets.size(); s++) {
			ImageScore[] inSet = new ImageScore[sets.get(s).images().size()];
			for (Scored r : scored)
				if (r.set == s) inSet[r.index] = r.toScore();
			evaluated.add(new SetScores(sets.get(s).name(), scale, List.of(inSet)));
		}
		out.println(String.format(java.util.Locale.ROOT, "ESPCN %s (x%d) against bicubic:", modelName, scale));
		out.print(EvaluationTable.format(evaluated));
		byte[] bytes = EvaluationCsv.format(evaluated).getBytes(StandardCharsets.UTF_8);
		PendingFile.write(csv, overwrite, o -> o.write(bytes));
		out.println("per-image results: " + csv);
		return 0;
	}
}
