package io.github.espcnfiji.train;

/** Hears how a training run goes, and may stop it. Every method has a do-nothing default. */
public interface TrainingListener {

	/**
	 * Before the run: the validation PSNR that bicubic interpolation reaches
	 * ({@link ValidationBaseline}), the line the model's validation PSNR should rise above.
	 */
	default void baseline(double bicubicPsnr) {}

	/** The run starts at {@code firstEpoch} (1-based; above 1 when resumed). */
	default void started(int firstEpoch, int epochs, int patches, int stepsPerEpoch) {}

	/** After each optimisation step of an epoch. */
	default void step(int epoch, int step, int steps, double loss) {}

	/** After each epoch, once validation is done and checkpoints are written. */
	default void epochDone(EpochReport report) {}

	/** Polled between steps: true stops the run; the best model so far stays saved. */
	default boolean cancelled() {
		return false;
	}
}
