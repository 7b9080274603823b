package io.github.espcnfiji.train;

import java.util.Locale;

/** The numbers of one finished epoch. Epochs count from 1. */
public final class EpochReport {

	public final int epoch;
	public final int epochs;
	public final double loss;
	public final double validationPsnr;
	public final double bestPsnr;
	public final int bestEpoch;
	public final double learningRate;
	public final double seconds;
	public final double etaSeconds;
	/**
	 * Steps dropped because their gradients stayed non-finite: always 0 since the trainer stops
	 * rather than drop a step (the log keeps the column, so logs of older runs read the same).
	 */
	public final int skippedSteps;
	/** Steps computed again because their gradients came out non-finite. */
	public final int retriedSteps;

	EpochReport(int epoch, int epochs, double loss, double validationPsnr, double bestPsnr,
		int bestEpoch, double learningRate, double seconds, double etaSeconds,
		int skippedSteps, int retriedSteps)
	{
		this.epoch = epoch;
		this.epochs = epochs;
		this.loss = loss;
		this.validationPsnr = validationPsnr;
		this.bestPsnr = bestPsnr;
		this.bestEpoch = bestEpoch;
		this.learningRate = learningRate;
		this.seconds = seconds;
		this.etaSeconds = etaSeconds;
		this.skippedSteps = skippedSteps;
		this.retriedSteps = retriedSteps;
	}

	/** One line for a console or status bar. */
	public String describe() {
		return String.format(Locale.ROOT,
			"epoch %d/%d  loss %.6f  val PSNR %.3f dB (best %.3f @%d)  lr %.2e  %.1f s  ETA %s",
			epoch, epochs, loss, validationPsnr, bestPsnr, bestEpoch, learningRate, seconds,
			formatDuration(etaSeconds)) + (retriedSteps > 0 ? "  (" + retriedSteps +
				" steps recomputed: non-finite gradients)" : "");
	}

	static String formatDuration(double seconds) {
		long s = Math.round(seconds);
		return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60) : String
			.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
	}
}
