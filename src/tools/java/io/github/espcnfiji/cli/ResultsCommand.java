package io.github.espcnfiji.cli;

import io.github.espcnfiji.io.ImageFiles;
import io.github.espcnfiji.model.BundledModels;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.model.ModelCard;
import io.github.espcnfiji.model.ModelFiles;
import io.github.espcnfiji.results.BenchmarkSet;
import io.github.espcnfiji.results.CurvePlot;
import io.github.espcnfiji.results.EvaluatedModel;
import io.github.espcnfiji.results.GeneratedBlocks;
import io.github.espcnfiji.results.ResultsReport;
import io.github.espcnfiji.results.ScaleResults;
import io.github.espcnfiji.results.SetEvaluator;
import io.github.espcnfiji.results.SetScores;
import io.github.espcnfiji.results.TrainingLog;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code results}: the paper's Table 1 and its x2 and x4 counterparts, reproduced in one go.
 * For each scale it evaluates bicubic and every model for that scale on the benchmark sets
 * through the {@code evaluate} code path ({@link SetEvaluator}), and writes into the output
 * folder: {@code RESULTS.md} (generated blocks only: the tables with the published figures,
 * the models, the training curves and the visual checks; see {@link GeneratedBlocks}),
 * {@code results.csv}, a curve plot per model that has a training log, and side-by-side
 * figures of a few test images per scale.
 */
public final class ResultsCommand implements Command {

	static final String SETS = "Set5,Set14,BSD100,BSDS500-test";
	static final String VISUAL = "Set14/zebra.png,Set14/ppt3.png,BSD100/8023.png";
	static final String DOCUMENT = "RESULTS.md", CSV = "results.csv";

	/** A model as given on the command line: its table label and where it loads from. */
	private static final class ModelRef {

		final String label;
		final String location;
		final ModelCard card;

		ModelRef(String label, String location, ModelCard card) {
			this.label = label;
			this.location = location;
			this.card = card;
		}
	}

	@Override
	public String name() {
		return "results";
	}

	@Override
	public String summary() {
		return "reproduce Table 1: bicubic and models on the benchmark sets, x2/x3/x4, into docs";
	}

	@Override
	public OptionSpec options() {
		return new OptionSpec().optional("models", "DIR|MODEL[,...]",
			"model folders or .zips, folders of them, or bundled names (default models)").optional(
				"data", "DIR", "folder holding the sets (default $ESPCN_DATA; one of them is needed)").optional("sets",
					"NAME[,NAME...]", "sets in --data, or folders (default " + SETS + ")").optional(
						"scales", "N[,N...]", "scales to report (default 2,3,4)").optional("output",
							"DIR", "where RESULTS.md, results.csv and the PNGs go (default docs)")
			.optional("visual", "FILE[,FILE...]|none", "test images for side-by-side figures, in " +
				"--data (default " + VISUAL + ")").optional("threads", "N",
					"images scored at once (default 2)").flag("overwrite",
						"replace existing results.csv and PNGs");
	}

	@Override
	public String notes() {
		return "Every model is evaluated at its own scale (from its card); bicubic at every scale.\n" +
			"RESULTS.md is updated in place: only the text between its generated markers changes,\n" +
			"and blocks it lacks are appended. The published figures shown beside ours at x3 are\n" +
			"constants, labelled with their source.";
	}

	@Override
	public int run(Options o, Console console) throws Exception {
		long start = System.nanoTime();
		Set<Integer> scales = new TreeSet<>();
		for (int s : o.integers("scales").orElse(new int[] { 2, 3, 4 })) {
			if (s < 2 || s > 4) throw new UsageException("--scales must be 2, 3 or 4, got " + s);
			scales.add(s);
		}
		Optional<Path> given = o.optionalPath("data");
		Path data = given.isPresent() ? given.get() : BenchCommand.dataFromEnvironment().orElseThrow(
			() -> new UsageException("give --data DIR, the folder holding the benchmark sets (or " +
				"set ESPCN_DATA)"));
		List<BenchmarkSet> sets = new ArrayList<>();
		for (String name : split(o.string("sets").orElse(SETS)))
			sets.add(BenchmarkSet.of(resolve(data, name)));
		if (sets.isEmpty()) throw new UsageException("--sets needs at least one set");
		Map<Integer, List<ModelRef>> models = models(split(o.string("models").orElse("models")),
			scales);
		List<Path> visual = new ArrayList<>();
		String visualOption = o.string("visual").orElse(VISUAL);
		if (!visualOption.equalsIgnoreCase("none")) for (String f : split(visualOption)) {
			Path p = resolve(data, f);
			if (!Files.isRegularFile(p)) throw new NoSuchFileException(p.toString(), null,
				"no such test image for --visual");
			visual.add(p);
		}
		int threads = o.integer("threads", 2, 1);
		boolean overwrite = o.flag("overwrite");

		Path out = o.optionalPath("output").orElse(Path.of("docs"));
		Map<ModelRef, Path> curves = new LinkedHashMap<>();
		Map<Integer, List<Path>> figures = new LinkedHashMap<>();
		List<Path> outputs = new ArrayList<>(List.of(out.resolve(CSV)));
		for (int scale : scales) {
			for (ModelRef m : models.get(scale)) {
				Path log = logOf(m);
				if (log != null) curves.put(m, out.resolve("curve-" + safe(m.label) + ".png"));
			}
			List<Path> f = new ArrayList<>();
			if (!models.get(scale).isEmpty()) for (Path v : visual)
				f.add(out.resolve(CompareCommand.fileName(v, scale)));
			figures.put(scale, f);
			outputs.addAll(f);
		}
		outputs.addAll(curves.values());
		CompareCommand.checkFree(outputs, overwrite);
		Files.createDirectories(out);

		SetEvaluator evaluator = new SetEvaluator(threads, EvaluateCommand.progress(console));
		List<ScaleResults> results = new ArrayList<>();
		for (int scale : scales) {
			List<SetScores> bicubic = null;
			List<EvaluatedModel> evaluated = new ArrayList<>();
			for (ModelRef m : models.get(scale)) {
				try (EspcnModel model = ModelChoice.load(m.location, Optional.of(scale))) {
					console.progress("x%d: %s", scale, m.label);
					List<SetScores> scores = new ArrayList<>();
					for (BenchmarkSet set : sets)
						scores.add(evaluator.evaluate(set, scale, model));
					if (bicubic == null) {
						bicubic = scores;
						List<Path> f = figures.get(scale);
						for (int i = 0; i < visual.size(); i++) {
							CompareCommand.write(visual.get(i), model, m.label, CompareCommand.CROP,
								CompareCommand.ZOOM, f.get(i), overwrite);
							console.progress("wrote %s", f.get(i));
						}
					}
					evaluated.add(new EvaluatedModel(m.label, m.location, m.card, scores));
				}
			}
			if (bicubic == null) {
				console.progress("x%d: bicubic (no model for this scale)", scale);
				bicubic = new ArrayList<>();
				for (BenchmarkSet set : sets)
					bicubic.add(evaluator.evaluate(set, scale, null));
			}
			results.add(new ScaleResults(scale, bicubic, evaluated));
		}
		for (Map.Entry<ModelRef, Path> c : curves.entrySet()) {
			ImageFiles.write(c.getValue(), CurvePlot.draw(TrainingLog.read(logOf(c.getKey())), c
				.getKey().label), overwrite);
			console.progress("wrote %s", c.getValue());
		}

		ResultsReport report = new ResultsReport(results);
		TextFiles.write(out.resolve(CSV), report.csv(), overwrite);
		String madeBy = Cli.TOOLS_PROGRAM + " results " + o.commandLine();
		Path doc = out.resolve(DOCUMENT);
		updateDocument(doc, "tables", madeBy, tablesIntro(madeBy) + report.markdown(),
			"## Table 1 and the other scales");
		updateDocument(doc, "models", madeBy, report.modelsMarkdown(), "## The models");
		updateDocument(doc, "curves", madeBy, curvesMarkdown(curves, out), "## Training curves");
		updateDocument(doc, "visual", madeBy, visualMarkdown(figures, out), "## Visual check");
		console.out.print(report.markdown());
		console.result("wrote %s, %s and %d figures in %.0f s", doc, out.resolve(CSV), curves
			.size() + figures.values().stream().mapToInt(List::size).sum(), (System.nanoTime() -
				start) / 1e9);
		return 0;
	}

	private static String tablesIntro(String madeBy) {
		return "Made by " + io.github.espcnfiji.results.MarkdownTable.code(madeBy) + ", which " +
			"scores every image with the `evaluate` code path: each image is mod-cropped, shrunk " +
			"by MATLAB-style bicubic (8-bit), enlarged by bicubic and by the model, and compared " +
			"on the luma (BT.601 Y, 0-255) with a border of `scale` pixels left out. Cells are " +
			"the mean PSNR (dB) / SSIM over a set's images (their number in the header). BSD100 " +
			"is the paper's BSD300 (its 100 test images) and BSDS500-test the paper's BSD500 " +
			"(200 test images). Rows whose source is not \"measured\" are published or fixed " +
			"figures, typed in as constants and never measured here.\n\n";
	}

	private static String curvesMarkdown(Map<ModelRef, Path> curves, Path out) {
		if (curves.isEmpty()) return "No model has a training log.\n";
		StringBuilder sb = new StringBuilder();
		for (Map.Entry<ModelRef, Path> c : curves.entrySet())
			sb.append("![training curves of ").append(c.getKey().label).append("](").append(relative(
				out, c.getValue())).append(")\n\n");
		return sb.toString();
	}

	private static String visualMarkdown(Map<Integer, List<Path>> figures, Path out) {
		StringBuilder sb = new StringBuilder();
		for (Map.Entry<Integer, List<Path>> f : figures.entrySet()) {
			if (f.getValue().isEmpty()) continue;
			sb.append("x").append(f.getKey()).append(":\n\n");
			for (Path p : f.getValue())
				sb.append("![").append(p.getFileName()).append("](").append(relative(out, p)).append(
					")\n\n");
		}
		return sb.length() == 0 ? "No figures (no model, or --visual none).\n" : sb.toString();
	}

	private static String relative(Path dir, Path file) {
		return dir.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize())
			.toString().replace('\\', '/');
	}

	/**
	 * Rewrites one generated block of a Markdown document (creating the document, and its
	 * folder, when missing); the rest of the document is kept as it was.
	 */
	static void updateDocument(Path doc, String block, String madeBy, String content,
		String heading) throws IOException
	{
		String text = Files.exists(doc) ? Files.readString(doc) : "# Results\n";
		Path parent = doc.toAbsolutePath().getParent();
		if (parent != null) Files.createDirectories(parent);
		TextFiles.write(doc, GeneratedBlocks.replace(text, block, madeBy, content, heading), true);
	}

	/**
	 * The order of a folder's models: the paper's network first (folders named as the bundled
	 * defaults, {@code espcn-x2}, {@code espcn-x3}, ...: the model of each scale's figures and first
	 * row), then the others by name.
	 */
	static final Comparator<String> DEFAULTS_FIRST = Comparator.comparing((String location) -> !Path
		.of(location).getFileName().toString().matches("espcn-x\\d+")).thenComparing(Comparator
			.naturalOrder());

	/** The models to evaluate, by scale (every asked scale has a list, maybe empty). */
	private static Map<Integer, List<ModelRef>> models(List<String> entries, Set<Integer> scales)
		throws IOException
	{
		Map<Integer, List<ModelRef>> byScale = new LinkedHashMap<>();
		for (int s : scales)
			byScale.put(s, new ArrayList<>());
		BundledModels bundled = BundledModels.shipped();
		Set<String> labels = new HashSet<>();
		for (String entry : entries) {
			List<String> locations = new ArrayList<>();
			Path p = Path.of(entry);
			if (!bundled.has(entry) && Files.isDirectory(p) && !Files.isRegularFile(p.resolve(
				ModelFiles.CARD)))
			{
				try (DirectoryStream<Path> children = Files.newDirectoryStream(p)) {
					for (Path c : children)
						if (Files.isRegularFile(c.resolve(ModelFiles.CARD))) locations.add(c.toString());
				}
				if (locations.isEmpty()) throw new NoSuchFileException(entry, null,
					"neither a model folder nor a folder of model folders (none holds " +
						ModelFiles.CARD + ")");
				locations.sort(DEFAULTS_FIRST);
			}
			else locations.add(entry);
			for (String location : locations) {
				ModelCard card = bundled.resolveCard(location);
				if (!scales.contains(card.scale)) continue;
				String label = label(location);
				if (!labels.add(label)) label = location;
				byScale.get(card.scale).add(new ModelRef(label, location, card));
			}
		}
		return byScale;
	}

	/** A model's name in tables: its folder's (or zip's) name, or espcn-xN for a bundled one. */
	static String label(String modelArgument) {
		if (BundledModels.shipped().has(modelArgument)) return BundledModels.folderOf(modelArgument);
		Path name = Path.of(modelArgument).toAbsolutePath().normalize().getFileName();
		return name == null ? modelArgument : name.toString().replaceFirst("\\.zip$", "");
	}

	/** The training log beside a model folder, or null. */
	private static Path logOf(ModelRef m) {
		Path p = Path.of(m.location);
		Path log = Files.isDirectory(p) ? p.resolve("training-log.csv") : null;
		return log != null && Files.isRegularFile(log) ? log : null;
	}

	private static Path resolve(Path root, String name) {
		Path p = Path.of(name);
		return p.isAbsolute() || Files.exists(p) && !Files.exists(root.resolve(name)) ? p : root
			.resolve(name);
	}

	private static String safe(String s) {
		return s.replaceAll("[^A-Za-z0-9._-]+", "-");
	}

	private static List<String> split(String list) {
		List<String> out = new ArrayList<>();
		for (String s : list.split(","))
			if (!s.isBlank()) out.add(s.trim());
		return out;
	}
}
