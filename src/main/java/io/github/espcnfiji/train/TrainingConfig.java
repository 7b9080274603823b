package io.github.espcnfiji.train;

import io.github.espcnfiji.model.Activation;
import io.github.espcnfiji.model.EspcnSpec;

/**
 * The recipe of a training run. Defaults are the reference code's: LR patches of 17 with stride
 * 13, batch 16, Adam at 1e-3 with the last layer at 0.1x, learning rate x0.1 at 80% of the
 * epochs, the paper's network with tanh.
 */
public final class TrainingConfig {

	/** How the learning rate changes over the run. */
	public enum Schedule {
		/** The reference code: x0.1 once 80% of the epochs are done. */
		STEP_AT_80_PERCENT,
		/** Cosine decay from the initial rate to 1% of it over the run. */
		COSINE,
		/**
		 * Cosine decay with warm restarts (SGDR, Loshchilov and Hutter, ICLR 2017): three cycles
		 * of 1/7, 2/7 and 4/7 of the epochs (each twice the last), each from the initial rate down
		 * to 1% of it.
		 */
		COSINE_RESTARTS,
		/**
		 * The paper's: the rate is lowered step by step whenever the training loss stops improving,
		 * from the initial rate (the paper's 1e-2: give {@code --lr 0.01}) down to
		 * {@link TrainingConfig#plateauFloor} of it (1e-4); see {@link Plateau}. Its factor depends
		 * on the losses seen, not on the epoch alone, so {@link #factor} does not apply.
		 */
		PLATEAU;

		/**
		 * The learning-rate factor of a schedule that depends on the epoch alone.
		 *
		 * @throws IllegalStateException for {@link #PLATEAU}, which depends on the losses seen
		 */
		public double factor(int epoch, int epochs) {
			switch (this) {
				case STEP_AT_80_PERCENT:
					int at = Math.max(1, (int) (epochs * 0.8));
					return Math.pow(0.1, epoch / at);
				case COSINE:
					double p = epochs <= 1 ? 0 : (double) epoch / (epochs - 1);
					return cosine(p);
				case COSINE_RESTARTS:
					// cycles [0, 1), [1, 3) and [3, 7) sevenths of the run, in sevenths s to 2 s + 1
					int s = 7 * epoch < epochs ? 0 : 7 * epoch < 3 * epochs ? 1 : 3;
					// a cycle's epochs are those whose start is not before the cycle's
					double first = Math.ceil(epochs * s / 7.0), last = Math.ceil(epochs * (2 * s + 1) /
						7.0) - 1;
					return cosine(last <= first ? 0 : (epoch - first) / (last - first));
				case PLATEAU:
					throw new IllegalStateException("The plateau schedule depends on the losses seen");
				default:
					throw new AssertionError(this);
			}
		}

		/** From 1 at {@code p} = 0 down to 0.01 at 1, along half a cosine. */
		private static double cosine(double p) {
			return 0.01 + 0.99 * 0.5 * (1 + Math.cos(Math.PI * p));
		}

		public static Schedule parse(String s) {
			switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
				case "step":
				case "step80":
				case "reference":
					return STEP_AT_80_PERCENT;
				case "cosine":
					return COSINE;
				case "restarts":
				case "cosine-restarts":
				case "sgdr":
					return COSINE_RESTARTS;
				case "plateau":
				case "paper":
					return PLATEAU;
				default:
					throw new IllegalArgumentException("Unknown schedule '" + s +
						"': use step80, cosine, restarts or plateau");
			}
		}
	}

	/** What a training step minimises: a distance between the network's output and the target. */
	public enum Loss {
		/** Mean squared error, the paper's. */
		L2,
		/** Mean absolute error. */
		L1,
		/**
		 * Charbonnier's: the mean of sqrt(d^2 + eps^2) with eps = {@value #CHARBONNIER_EPS} (pixels in
		 * [0, 1]), a differentiable L1 (LapSRN, EDVR).
		 */
		CHARBONNIER;

		public static final double CHARBONNIER_EPS = 1e-3;

		/** The loss's name on the command line and in a model's card. */
		public String id() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

		/** The mean loss of a batch. */
		public ai.djl.ndarray.NDArray of(ai.djl.ndarray.NDArray output, ai.djl.ndarray.NDArray target) {
			ai.djl.ndarray.NDArray d = output.sub(target);
			switch (this) {
				case L2:
					return d.square().mean();
				case L1:
					return d.abs().mean();
				case CHARBONNIER:
					return d.square().add(CHARBONNIER_EPS * CHARBONNIER_EPS).sqrt().mean();
				default:
					throw new AssertionError(this);
			}
		}

		public static Loss parse(String s) {
			for (Loss l : values())
				if (l.id().equals(s.trim().toLowerCase(java.util.Locale.ROOT))) return l;
			throw new IllegalArgumentException("Unknown loss '" + s + "': use l2, l1 or charbonnier");
		}
	}

	public int scale = 3;
	public Activation activation = Activation.TANH;
	public int[] filters = { 64, 32 };
	public int[] kernels = { 5, 3, 3 };
	public int epochs = 200;
	public int batchSize = 16;
	public int patchSize = 17;
	public int stride = 13;
	public double learningRate = 1e-3;
	public double lastLayerFactor = 0.1;
	public Schedule schedule = Schedule.STEP_AT_80_PERCENT;
	public Loss loss = Loss.L2;
	/** A trained network whose outputs the targets blend in (knowledge distillation), or null. */
	public Teacher teacher;
	/**
	 * {@link Schedule#PLATEAU}: the loss has stalled when it is not below {@code (1 - threshold)}
	 * times the best loss so far...
	 */
	public double plateauThreshold = 0.001;
	/** ... for this many epochs in a row; */
	public int plateauPatience = 3;
	/** then the rate is multiplied by this, */
	public double plateauDecay = 0.5;
	/** never going below this fraction of the initial rate (1e-2 down to 1e-4). */
	public double plateauFloor = 0.01;
	/** Random flips and 90-degree rotations of each patch. */
	public boolean augment = false;
	/**
	 * Leave out the patches whose high-resolution luma has a standard deviation below this many
	 * grey levels (of 255); 0 keeps every patch.
	 */
	public double minContrast = 0;
	/** Extra downscalings of each training image before patches are cut (e.g. 0.9, 0.8). */
	public double[] rescales = {};
	public long seed = 1;
	/**
	 * PyTorch threads while training. With 1 (the default) a seed gives the same model bit for
	 * bit; more threads are faster but sum floats in a varying order, so runs drift apart.
	 */
	public int threads = 1;

	public EspcnSpec spec() {
		return new EspcnSpec(scale, 1, activation, filters, kernels);
	}

	/**
	 * Optimizer steps in one epoch over these training pairs: whole batches of the patches they
	 * give. Budgets in steps make runs on different data comparable.
	 */
	public int stepsPerEpoch(java.util.List<TrainingPair> train) {
		return PatchSet.count(train, patchSize, stride, scale, minContrast) / batchSize;
	}

	/** Throws with a clear message when a value is out of range. */
	public void validate() {
		spec();
		if (epochs < 1) throw new IllegalArgumentException("Epochs must be >= 1, got " + epochs);
		if (batchSize < 1) throw new IllegalArgumentException("Batch must be >= 1, got " +
			batchSize);
		if (patchSize < 3) throw new IllegalArgumentException("Patch size must be >= 3, got " +
			patchSize);
		if (stride < 1) throw new IllegalArgumentException("Stride must be >= 1, got " + stride);
		if (!(learningRate > 0)) throw new IllegalArgumentException(
			"Learning rate must be > 0, got " + learningRate);
		if (!(lastLayerFactor > 0)) throw new IllegalArgumentException(
			"Last-layer learning-rate factor must be > 0, got " + lastLayerFactor);
		if (!(plateauThreshold >= 0 && plateauThreshold < 1)) throw new IllegalArgumentException(
			"Plateau threshold must be in [0, 1), got " + plateauThreshold);
		if (plateauPatience < 1) throw new IllegalArgumentException(
			"Plateau patience must be >= 1 epoch, got " + plateauPatience);
		if (!(plateauDecay > 0 && plateauDecay < 1)) throw new IllegalArgumentException(
			"Plateau decay must be in (0, 1), got " + plateauDecay);
		if (!(plateauFloor > 0 && plateauFloor <= 1)) throw new IllegalArgumentException(
			"Plateau floor must be in (0, 1], got " + plateauFloor);
		if (teacher != null) teacher.checkFits(scale);
		if (!(minContrast >= 0 && minContrast < 256)) throw new IllegalArgumentException(
			"The least patch contrast must be in [0, 256) grey levels, got " + minContrast);
		if (threads < 1) throw new IllegalArgumentException("Threads must be >= 1, got " + threads);
		for (double r : rescales)
			if (!(r > 0 && r <= 1)) throw new IllegalArgumentException(
				"Rescale factors must be in (0, 1], got " + r);
	}
}
