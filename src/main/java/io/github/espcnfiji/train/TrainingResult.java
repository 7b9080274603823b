package io.github.espcnfiji.train;

import java.nio.file.Path;

/** How a training run ended. */
public final class TrainingResult {

	public final Path modelFolder;
	public final int epochsDone;
	public final int bestEpoch;
	public final double bestValidationPsnr;
	public final boolean cancelled;

	TrainingResult(Path modelFolder, int epochsDone, int bestEpoch, double bestValidationPsnr,
		boolean cancelled)
	{
		this.modelFolder = modelFolder;
		this.epochsDone = epochsDone;
		this.bestEpoch = bestEpoch;
		this.bestValidationPsnr = bestValidationPsnr;
		this.cancelled = cancelled;
	}
}
