package io.github.espcnfiji.cli;

import io.github.espcnfiji.core.EvaluationProtocol;
import io.github.espcnfiji.core.Scores;
import io.github.espcnfiji.io.ImageFiles;
import io.github.espcnfiji.io.LoadedImage;
import io.github.espcnfiji.model.CardJson;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.model.ModelCard;
import io.github.espcnfiji.model.ModelFiles;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code evaluate}: the paper's protocol ({@link EvaluationProtocol}) on benchmark folders of
 * high-resolution images: bicubic and model PSNR/SSIM per set as a table, and per image and per
 * set in a CSV file.
 */
final class EvaluateCommand implements Command {

	private static final String CSV_HEADER =
		"set,image,width,height,bicubic_psnr,bicubic_ssim,model_psnr,model_ssim\n";

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
			"data", "DIR[,DIR...]", "folders of high-resolution images, e.g. Set5,Set14").required(
				"scale", "N", "the factor (2, 3 or 4); must be the model's").optional("csv", "FILE",
					"per-image results (default evaluation-MODEL-xN.csv here)").flag("overwrite",
						"replace an existing CSV file").flag("record",
							"write the measured means into the model folder's card.json");
	}

	@Override
	public String notes() {
		return "Each image is mod-cropped, shrunk by MATLAB-style bicubic (8-bit), enlarged by bicubic\n" +
			"and by the model, and scored on Y (BT.601) with a border of N pixels left out.\n" +
			"Images must be 8-bit gray or RGB.";
	}

	@Override
	public int run(Options o, Console console) throws Exception {
		int scale = o.scale().orElseThrow();
		List<Path> sets = new ArrayList<>();
		for (String d : o.require("data").split(","))
			if (!d.isBlank()) sets.add(Path.of(d.trim()));
		if (sets.isEmpty()) throw new UsageException("--data needs at least one folder");
		List<List<Path>> files = new ArrayList<>();
		for (Path set : sets)
			files.add(ImageFiles.list(set));
		if (o.flag("record")) recordTarget(o.require("model")); // fail before the work
		try (EspcnModel model = ModelChoice.load(o.require("model"), Optional.of(scale))) {
			Path csv = o.optionalPath("csv").orElse(Path.of(defaultCsvName(model.card().name,
				scale)));
			if (!o.flag("overwrite") && Files.exists(csv)) throw new FileAlreadyExistsException(
				csv.toString(), null, "the CSV file exists; add --overwrite or choose --csv");
			StringBuilder rows = new StringBuilder(CSV_HEADER);
			Table table = new Table("set", "images", "bicubic PSNR", "bicubic SSIM", "ESPCN PSNR",
				"ESPCN SSIM", "gain (dB)");
			for (int s = 0; s < sets.size(); s++) {
				String setName = sets.get(s).toAbsolutePath().normalize().getFileName().toString();
				double[] sum = new double[4];
				List<Path> images = files.get(s);
				for (int i = 0; i < images.size(); i++) {
					Path f = images.get(i);
					LoadedImage img = ImageFiles.read(f);
					if (img.slices() != 1 || img.bitDepth() == 16 || img.bitDepth() == 32)
						throw new IllegalArgumentException(f + " is not a single 8-bit gray or RGB " +
							"image; the protocol works on 0-255 images");
					Scores r = EvaluationProtocol.evaluate(img.planes(), scale, model);
					double[] v = { r.bicubicPsnr(), r.bicubicSsim(), r.modelPsnr().getAsDouble(), r
						.modelSsim().getAsDouble() };
					for (int k = 0; k < 4; k++)
						sum[k] += v[k];
					rows.append(csvRow(setName, f.getFileName().toString(), img.width() + "," + img
						.height(), v));
					console.progress("%s [%d/%d] %s: bicubic %s dB, ESPCN %s dB", setName, i + 1, images
						.size(), f.getFileName(), Format.db(v[0]), Format.db(v[2]));
				}
				int n = images.size();
				double[] mean = { sum[0] / n, sum[1] / n, sum[2] / n, sum[3] / n };
				rows.append(csvRow(setName, "mean", ",", mean));
				ModelCard.Metrics m = new ModelCard.Metrics();
				m.images = n;
				m.bicubicPsnr = round(mean[0], 4);
				m.bicubicSsim = round(mean[1], 6);
				m.psnr = round(mean[2], 4);
				m.ssim = round(mean[3], 6);
				model.card().metrics.put(setName + " x" + scale, m);
				table.row(setName, Integer.toString(n), Format.db(mean[0]), Format.ssim(mean[1]), Format
					.db(mean[2]), Format.ssim(mean[3]), Format.gain(mean[2] - mean[0]));
			}
			console.result("ESPCN %s (x%d) against bicubic:", model.card().name, scale);
			console.out.print(table);
			TextFiles.write(csv, rows.toString(), o.flag("overwrite"));
			console.result("per-image results: %s", csv);
			if (o.flag("record")) console.result("recorded in %s", record(o.require("model"), model
				.card()));
		}
		return 0;
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

	/** {@code evaluation-NAME-xN.csv}, with anything but letters, digits, dot and dash as dash. */
	static String defaultCsvName(String modelName, int scale) {
		String safe = modelName == null || modelName.isBlank() ? "model" : modelName.replaceAll(
			"[^A-Za-z0-9.-]+", "-");
		return "evaluation-" + safe + "-x" + scale + ".csv";
	}

	private static String csvRow(String set, String image, String size, double[] v) {
		return String.format(Locale.ROOT, "%s,%s,%s,%.4f,%.6f,%.4f,%.6f%n", quote(set), quote(image),
			size, v[0], v[1], v[2], v[3]);
	}

	private static String quote(String s) {
		return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
	}
}
