package io.github.espcnfiji.results;

import io.github.espcnfiji.core.Scores;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CSV file of the {@code evaluate} command: a row per image, then a {@code mean} row per set.
 * <pre>
 * set,image,width,height,bicubic_psnr,bicubic_ssim,model_psnr,model_ssim
 * Set5,baby.png,512,512,33.9145,0.903402,35.1040,0.922321
 * Set5,mean,,,30.4047,0.868974,32.4494,0.903618
 * </pre>
 * It is written from {@link SetScores} and read back (the means) by the study table.
 */
public final class EvaluationCsv {

	public static final String HEADER =
		"set,image,width,height,bicubic_psnr,bicubic_ssim,model_psnr,model_ssim";

	private EvaluationCsv() {}

	/** The file's text for sets evaluated with a model. */
	public static String format(List<SetScores> sets) {
		StringBuilder sb = new StringBuilder(HEADER).append('\n');
		for (SetScores s : sets) {
			for (ImageScore i : s.images())
				sb.append(row(s.set(), i.name(), i.width() + "," + i.height(), i.scores()));
			sb.append(row(s.set(), "mean", ",", s.mean()));
		}
		return sb.toString();
	}

	private static String row(String set, String image, String size, Scores v) {
		return String.format(Locale.ROOT, "%s,%s,%s,%.4f,%.6f,%.4f,%.6f%n", quote(set), quote(image),
			size, v.bicubicPsnr(), v.bicubicSsim(), v.modelPsnr().orElse(Double.NaN), v.modelSsim()
				.orElse(Double.NaN));
	}

	/**
	 * The set means of a file written by {@link #format}, by set name in file order.
	 *
	 * @throws IOException when the file is missing or is not such a file
	 */
	public static Map<String, Scores> readMeans(Path file) throws IOException {
		List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		if (lines.isEmpty() || !lines.get(0).trim().equals(HEADER)) throw new IOException(file +
			" is not an evaluation CSV: its first line is not '" + HEADER + "'");
		Map<String, Scores> means = new LinkedHashMap<>();
		for (String line : lines.subList(1, lines.size())) {
			List<String> cells = split(line);
			if (cells.size() != 8 || !cells.get(1).equals("mean")) continue;
			try {
				means.put(cells.get(0), new Scores(Double.parseDouble(cells.get(4)), Double.parseDouble(
					cells.get(5)), Double.parseDouble(cells.get(6)), Double.parseDouble(cells.get(7))));
			}
			catch (NumberFormatException e) {
				throw new IOException(file + ": bad number in '" + line + "'", e);
			}
		}
		return means;
	}

	static String quote(String s) {
		return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
	}

	/** The cells of one CSV line, with quoted cells as {@link #quote} writes them. */
	static List<String> split(String line) {
		List<String> cells = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
					cell.append('"');
					i++;
				}
				else if (c == '"') quoted = false;
				else cell.append(c);
			}
			else if (c == '"') quoted = true;
			else if (c == ',') {
				cells.add(cell.toString());
				cell.setLength(0);
			}
			else cell.append(c);
		}
		cells.add(cell.toString());
		return cells;
	}

	/**
	 * {@code evaluation-NAME-xN-SET[+SET...].csv}, so that evaluating other sets does not meet the
	 * first CSV; anything but letters, digits, dot and dash becomes a dash.
	 */
	public static String defaultName(String modelName, int scale, List<BenchmarkSet> sets) {
		StringBuilder setNames = new StringBuilder();
		for (BenchmarkSet set : sets)
			setNames.append(setNames.length() == 0 ? "" : "+").append(safe(set.name()));
		return "evaluation-" + safe(modelName == null || modelName.isBlank() ? "model" : modelName) +
			"-x" + scale + "-" + setNames + ".csv";
	}

	private static String safe(String name) {
		return name.replaceAll("[^A-Za-z0-9.-]+", "-");
	}
}
