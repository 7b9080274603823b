package io.github.espcnfiji.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The curves of a training run, read from its {@code training-log.csv} by column name:
 * {@code epoch}, {@code loss} and {@code validation_psnr} are needed; {@code best_psnr} and
 * {@code learning_rate} and {@code seconds} are read when present (older logs lack later
 * columns).
 */
public final class TrainingLog {

	private final double[] epoch;
	private final double[] loss;
	private final double[] validationPsnr;
	private final double[] bestPsnr;
	private final double[] learningRate;
	private final double[] seconds;

	private TrainingLog(double[][] columns) {
		epoch = columns[0];
		loss = columns[1];
		validationPsnr = columns[2];
		bestPsnr = columns[3];
		learningRate = columns[4];
		seconds = columns[5];
		if (Double.isNaN(bestPsnr[0])) for (int i = 0; i < epoch.length; i++)
			bestPsnr[i] = i == 0 ? validationPsnr[0] : Math.max(bestPsnr[i - 1], validationPsnr[i]);
	}

	/**
	 * Reads a log.
	 *
	 * @throws IOException when the file is missing, lacks a needed column, has a bad number, or
	 *           has no epoch
	 */
	public static TrainingLog read(Path file) throws IOException {
		List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		if (lines.isEmpty()) throw new IOException(file + " is empty; expected a training log");
		List<String> header = Arrays.asList(lines.get(0).trim().split(","));
		String[] names = { "epoch", "loss", "validation_psnr", "best_psnr", "learning_rate",
			"seconds" };
		int[] index = new int[names.length];
		for (int c = 0; c < names.length; c++) {
			index[c] = header.indexOf(names[c]);
			if (index[c] < 0 && c < 3) throw new IOException(file + " is not a training log: it " +
				"has no '" + names[c] + "' column (header: " + lines.get(0) + ")");
		}
		List<String> rows = lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank())
			.collect(java.util.stream.Collectors.toList());
		if (rows.isEmpty()) throw new IOException(file + " has no epoch yet");
		double[][] columns = new double[names.length][rows.size()];
		for (int r = 0; r < rows.size(); r++) {
			String[] cells = rows.get(r).split(",");
			for (int c = 0; c < names.length; c++) {
				if (index[c] < 0) {
					columns[c][r] = Double.NaN;
					continue;
				}
				if (index[c] >= cells.length) throw new IOException(file + " line " + (r + 2) +
					" has too few cells: " + rows.get(r));
				try {
					columns[c][r] = Double.parseDouble(cells[index[c]].trim());
				}
				catch (NumberFormatException e) {
					throw new IOException(file + " line " + (r + 2) + ": '" + cells[index[c]] +
						"' is not a number", e);
				}
			}
		}
		return new TrainingLog(columns);
	}

	public int epochs() {
		return epoch.length;
	}

	public double[] epoch() {
		return epoch.clone();
	}

	/** Mean training loss (MSE on [0, 1] luma) per epoch. */
	public double[] loss() {
		return loss.clone();
	}

	public double[] validationPsnr() {
		return validationPsnr.clone();
	}

	/** Best validation PSNR so far (worked out from the validation PSNR when not logged). */
	public double[] bestPsnr() {
		return bestPsnr.clone();
	}

	/** NaN where the log has no such column. */
	public double[] learningRate() {
		return learningRate.clone();
	}

	/** The time the epochs took in all (NaN when not logged). */
	public double totalSeconds() {
		double sum = 0;
		for (double s : seconds)
			sum += s;
		return sum;
	}
}
