package io.github.espcnfiji.cli;

import io.github.espcnfiji.core.Scores;
import io.github.espcnfiji.results.SetScores;

import java.util.List;

/**
 * The table {@code evaluate} prints: per set, the images and the mean bicubic and model
 * PSNR/SSIM, and the gain. The Spark job prints the same table from scores computed on its
 * executors.
 */
public final class EvaluationTable {

	private EvaluationTable() {}

	/** The table's text, a line per set. */
	public static String format(List<SetScores> sets) {
		Table table = new Table("set", "images", "bicubic PSNR", "bicubic SSIM", "ESPCN PSNR",
			"ESPCN SSIM", "gain (dB)");
		for (SetScores set : sets) {
			Scores mean = set.mean();
			table.row(set.set(), Integer.toString(set.images().size()), Format.db(mean.bicubicPsnr()),
				Format.ssim(mean.bicubicSsim()), Format.db(mean.modelPsnr().getAsDouble()), Format.ssim(
					mean.modelSsim().getAsDouble()), Format.gain(mean.modelPsnr().getAsDouble() - mean
						.bicubicPsnr()));
		}
		return table.toString();
	}
}
