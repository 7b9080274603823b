package io.github.espcnfiji.train;

/**
 * The paper's learning-rate rule (Shi et al. 2016, section 3.2: "the initial learning rate is set
 * to 0.01 and the final learning rate is set to 0.0001 and updated gradually when the improvement
 * of the cost function is smaller than a threshold"), as a factor on the initial rate.
 * <p>
 * After each epoch it takes the epoch's mean training loss. A loss below
 * {@code (1 - threshold) x best} is an improvement and becomes the new best; otherwise the epoch
 * counts as stalled, and after {@code patience} stalled epochs in a row the factor is multiplied
 * by {@code decay}, never going below {@code floor}. The best loss moves only on an improvement,
 * so slow progress adds up until it counts. Its fields are the state that a checkpoint keeps.
 * <pre>{@code
 * Plateau p = new Plateau();
 * p.epochDone(loss, config);
 * double rate = config.learningRate * p.factor();
 * }</pre>
 */
final class Plateau {

	private double factor = 1;
	private double bestLoss = Double.POSITIVE_INFINITY;
	private int stalled;

	/** The factor on the initial learning rate for the next epoch. */
	double factor() {
		return factor;
	}

	/** Takes the mean training loss of a finished epoch, with the config's plateau settings. */
	void epochDone(double loss, TrainingConfig c) {
		epochDone(loss, c.plateauThreshold, c.plateauPatience, c.plateauDecay, c.plateauFloor);
	}

	void epochDone(double loss, double threshold, int patience, double decay, double floor) {
		if (loss < bestLoss * (1 - threshold)) {
			bestLoss = loss;
			stalled = 0;
			return;
		}
		if (++stalled >= patience) {
			factor = Math.max(factor * decay, floor);
			stalled = 0;
		}
	}
}
