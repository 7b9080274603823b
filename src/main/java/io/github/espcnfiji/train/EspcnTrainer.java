package io.github.espcnfiji.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.L2Loss;
import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.Psnr;
import io.github.espcnfiji.core.Quantize;
import io.github.espcnfiji.core.Tensor;
import io.github.espcnfiji.files.FolderLock;
import io.github.espcnfiji.model.CpuInfo;
import io.github.espcnfiji.model.DjlRuntime;
import io.github.espcnfiji.model.EspcnBlock;
import io.github.espcnfiji.model.EspcnSpec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Trains an ESPCN network on LR/HR patches with Adam and mean squared error, validating each
 * epoch on whole images (PSNR on Y with a border of {@code scale} pixels cropped), keeping the
 * best model in the output folder, and writing a checkpoint each epoch from which an interrupted
 * run resumes exactly.
 * <pre>{@code
 * TrainingResult r = new EspcnTrainer(config, trainPairs, validationPairs,
 *     new TrainingRun(outputDir, card), listener).run(resume);
 * }</pre>
 */
public final class EspcnTrainer {

	private final TrainingConfig config;
	private final List<TrainingPair> train;
	private final List<TrainingPair> validation;
	private final TrainingRun run;
	private final TrainingListener listener;
	private final List<Parameter> parameters = new java.util.ArrayList<>();
	/**
	 * Forward and backward passes per step at most, when gradients come out non-finite; the run
	 * stops rather than drop a step (see {@link #trainEpoch}).
	 */
	static final int TRIES = 10;
	/** Recomputations of the last epoch's steps after non-finite gradients. */
	private int retriedSteps;
	private final CpuInfo cpu = CpuInfo.current();
	/** Makes chosen computations' gradients non-finite, as libtorch did (tests only). */
	private GradientFault fault = (epoch, step, attempt) -> false;

	public EspcnTrainer(TrainingConfig config, List<TrainingPair> train,
		List<TrainingPair> validation, TrainingRun run, TrainingListener listener)
	{
		config.validate();
		if (train.isEmpty()) throw new IllegalArgumentException("No training images");
		if (validation.isEmpty()) throw new IllegalArgumentException("No validation images");
		this.config = config;
		this.train = train;
		this.validation = validation;
		this.run = run;
		this.listener = listener == null ? new TrainingListener() {} : listener;
	}

	/** Which computations a test turns non-finite: (epoch, zero-based step, attempt). */
	interface GradientFault {

		boolean poisons(int epoch, int step, int attempt);
	}

	/** For tests: poisons the gradients of the computations {@code fault} picks. */
	EspcnTrainer withFault(GradientFault fault) {
		this.fault = fault;
		return this;
	}

	/** Trains from scratch, or from the run's checkpoint when {@code resume} is true. */
	public TrainingResult run(boolean resume) {
		return DjlRuntime.callWithThreads(config.threads, () -> train(resume));
	}

	private TrainingResult train(boolean resume) throws IOException {
		if (resume) {
			// the folder exists: lock it and check the recipe before the patches are cut (with a
			// teacher, a pass of its network over every training image)
			try (FolderLock lock = run.lock(true)) {
				run.readState(config);
				PatchSet patches = patches();
				return train(true, patches, steps(patches));
			}
		}
		// a new run makes its folder only once its patches are cut
		PatchSet patches = patches();
		int steps = steps(patches);
		try (FolderLock lock = run.lock(false)) {
			return train(false, patches, steps);
		}
	}

	/** The training patches and their targets (the images', or the teacher's blend). */
	PatchSet patches() {
		if (config.teacher == null) return new PatchSet(train, config.patchSize, config.stride,
			config.scale, TrainingPair::highRes, config.minContrast);
		try (Teacher.Targets taught = config.teacher.targets()) {
			return new PatchSet(train, config.patchSize, config.stride, config.scale, taught::of,
				config.minContrast);
		}
	}

	private int steps(PatchSet patches) {
		int steps = patches.size() / config.batchSize;
		if (steps == 0) throw new IllegalArgumentException("Only " + patches.size() +
			" patches: fewer than one batch of " + config.batchSize);
		return steps;
	}

	private TrainingResult train(boolean resume, PatchSet patches, int steps) throws IOException {
		EspcnSpec spec = config.spec();

		EspcnBlock block = new EspcnBlock(spec);
		MutableSchedule lr = new MutableSchedule(config);
		try (CheckpointableAdam adam = new CheckpointableAdam(lr);
			Model model = Model.newInstance("espcn", Device.cpu())) {
			model.setBlock(block);
			DefaultTrainingConfig tc = new DefaultTrainingConfig(new L2Loss()).optOptimizer(adam)
				.optDevices(new Device[] { Device.cpu() });
			try (Trainer trainer = model.newTrainer(tc)) {
				TrainingState state;
				Checkpoint cp = null;
				if (resume) {
					cp = run.readCheckpoint(config);
					block.useWeights(cp.weights);
					state = cp.state;
				}
				else {
					run.prepareFresh();
					block.useWeights(EspcnBlock.initialWeights(spec, config.seed));
					state = new TrainingState();
				}
				int p = config.patchSize;
				trainer.initialize(new Shape(config.batchSize, 1, p, p));
				Map<String, String> names = new HashMap<>();
				for (Map.Entry<String, Parameter> e : block.namedParameters().entrySet()) {
					names.put(e.getValue().getId(), e.getKey());
					parameters.add(e.getValue());
				}
				lr.lastLayer(block, spec);
				if (cp != null) adam.restore(cp.optimizer, names);

				int first = state.epochsDone + 1;
				run.noteMachine(cpu, first);
				listener.started(first, config.epochs, patches.size(), steps);
				long runStart = System.nanoTime();
				int epochsThisRun = 0;
				for (int epoch = first; epoch <= config.epochs; epoch++) {
					long start = System.nanoTime();
					lr.epoch(epoch - 1, state.plateau);
					double loss = trainEpoch(trainer, adam, patches, epoch, steps);
					if (Double.isNaN(loss)) break; // cancelled
					if (config.schedule == TrainingConfig.Schedule.PLATEAU) state.plateau.epochDone(loss,
						config);
					double psnr = validate(block, trainer.getManager(), spec.scale());
					state.epochsDone = epoch;
					if (psnr > state.bestPsnr) {
						state.bestPsnr = psnr;
						state.bestEpoch = epoch;
						run.saveBest(block.getWeights(), state, config);
					}
					double seconds = (System.nanoTime() - start) / 1e9;
					epochsThisRun++;
					double perEpoch = (System.nanoTime() - runStart) / 1e9 / epochsThisRun;
					EpochReport report = new EpochReport(epoch, config.epochs, loss, psnr,
						state.bestPsnr, state.bestEpoch, lr.base(), seconds, perEpoch * (config.epochs -
							epoch), 0, retriedSteps);
					// the log line first: a resume drops the lines of epochs after its checkpoint
					run.log(report);
					run.saveCheckpoint(block.getWeights(), adam.state(names), state, config);
					listener.epochDone(report);
				}
				boolean cancelled = state.epochsDone < config.epochs;
				return new TrainingResult(run.folder(), state.epochsDone, state.bestEpoch,
					state.bestPsnr, cancelled);
			}
		}
	}

	/**
	 * One pass over the patches; the mean loss, or NaN when cancelled part-way.
	 * <p>
	 * A step whose gradients are all finite is applied at once. libtorch's CPU convolution
	 * backward was seen, on some machines, to return non-finite gradients now and then (about one
	 * step in a hundred, in bursts; never on others: see docs/NONFINITE-GRADIENTS.md). Such a
	 * step is computed again, and applied only when two computations agree bit for bit, so that
	 * what is applied is what a machine without the fault computes: a run stays a pure function
	 * of its seed. A step is never dropped: when {@link #TRIES} computations give no such pair,
	 * the run stops with the last epoch's checkpoint in place, to be resumed.
	 */
	private double trainEpoch(Trainer trainer, CheckpointableAdam adam, PatchSet patches, int epoch, int steps) {
		int b = config.batchSize, p = config.patchSize, hp = p * config.scale;
		int[] order = patches.order(config.seed, epoch);
		Random augment = new Random(config.seed * 7_919L + epoch);
		int[] transforms = config.augment ? new int[b] : null;
		float[] x = new float[b * p * p], y = new float[b * hp * hp];
		// Tensors made from heap buffers may alias a direct copy that the GC can free while the
		// tensor lives; buffers owned here outlive every step's tensors.
		ByteBuffer xb = direct(x.length), yb = direct(y.length);
		double sum = 0;
		int retried = 0;
		for (int s = 0; s < steps; s++) {
			if (listener.cancelled()) return Double.NaN;
			if (transforms != null) for (int i = 0; i < b; i++)
				transforms[i] = augment.nextInt(8);
			patches.fill(order, s * b, b, transforms, x, y);
			float loss = Float.NaN;
			boolean applied = false;
			float[][] candidate = null; // a finite recomputation waiting for a second, equal one
			for (int attempt = 0; !applied; attempt++) {
				if (attempt == TRIES) throw new IllegalStateException("Training stopped at step " +
					(s + 1) + " of epoch " + epoch + ": its gradients came out non-finite or " +
					"differing in " + TRIES + " computations on " + cpu.describe() + " (a libtorch " +
					"fault, see docs/NONFINITE-GRADIENTS.md); " + (epoch > 1 ? "the checkpoint of " +
						"epoch " + (epoch - 1) + " is intact: resume the run" : "no checkpoint yet: " +
						"start the run again"));
				if (attempt > 0) retried++;
				try (NDManager step = trainer.getManager().newSubManager()) {
					NDArray in = step.create(fill(xb, x), new Shape(b, 1, p, p), DataType.FLOAT32);
					NDArray target = step.create(fill(yb, y), new Shape(b, 1, hp, hp),
						DataType.FLOAT32);
					try (GradientCollector gc = trainer.newGradientCollector()) {
						NDArray out = trainer.forward(new NDList(in)).singletonOrThrow();
						NDArray l = config.loss.of(out, target);
						gc.backward(l);
						loss = l.getFloat();
					}
					if (fault.poisons(epoch, s, attempt)) poisonGradients();
					if (gradientsFinite()) {
						if (attempt == 0) applied = true;
						else {
							float[][] g = gradients();
							applied = candidate != null && java.util.Arrays.deepEquals(candidate, g);
							candidate = g;
						}
					}
					if (applied) apply(adam);
					else clearGradients();
				}
			}
			sum += loss;
			listener.step(epoch, s + 1, steps, loss);
		}
		retriedSteps = retried;
		return sum / steps;
	}

	// getGradient() makes a new handle, attached to the parameter's manager, at every call: each
	// is closed here, or they pile up in that manager for the whole run (12 a step)

	private boolean gradientsFinite() {
		boolean finite = true;
		for (Parameter p : parameters) {
			try (NDArray grad = p.getArray().getGradient(); NDArray sum = grad.sum()) {
				finite &= Float.isFinite(sum.getFloat());
			}
		}
		return finite;
	}

	private float[][] gradients() {
		float[][] out = new float[parameters.size()][];
		for (int i = 0; i < out.length; i++) {
			try (NDArray grad = parameters.get(i).getArray().getGradient()) {
				out[i] = grad.toFloatArray();
			}
		}
		return out;
	}

	/** Applies Adam to every parameter, which also clears the gradients. */
	private void apply(CheckpointableAdam adam) {
		for (Parameter p : parameters) {
			NDArray weight = p.getArray();
			try (NDArray grad = weight.getGradient()) {
				adam.update(p.getId(), weight, grad);
			}
		}
	}

	private void clearGradients() {
		for (Parameter p : parameters) {
			try (NDArray grad = p.getArray().getGradient()) {
				grad.set(new NDIndex(":"), 0f);
			}
		}
	}

	private void poisonGradients() {
		try (NDArray grad = parameters.get(0).getArray().getGradient()) {
			grad.set(new NDIndex(":"), Float.NaN);
		}
	}

	private static ByteBuffer direct(int floats) {
		return ByteBuffer.allocateDirect(floats * 4).order(ByteOrder.nativeOrder());
	}

	private static ByteBuffer fill(ByteBuffer b, float[] values) {
		b.clear();
		b.asFloatBuffer().put(values);
		return b;
	}

	/** Mean PSNR (dB) over the validation images, output rounded to 8 bits as a saved image. */
	private double validate(EspcnBlock block, NDManager parent, int scale) {
		double sum = 0;
		for (TrainingPair pair : validation) {
			FloatPlane lr = pair.lowRes();
			float[] out;
			try (NDManager m = parent.newSubManager()) {
				NDArray x = m.create(FloatBuffer.wrap(lr.data()), new Shape(1, 1, lr.height(), lr
					.width()));
				out = block.forward(new ParameterStore(m, false), new NDList(x), false)
					.singletonOrThrow().toFloatArray();
			}
			float[] hr = pair.highRes().data();
			float[] sr = new float[out.length], ref = new float[hr.length];
			for (int i = 0; i < out.length; i++) {
				sr[i] = Quantize.roundClamp(out[i] * 255f, 0, 255);
				ref[i] = hr[i] * 255f;
			}
			int w = lr.width() * scale, h = lr.height() * scale;
			sum += Psnr.of(new FloatPlane(ref, w, h), new FloatPlane(sr, w, h), scale);
		}
		return sum / validation.size();
	}

	/** Learning rate per parameter: base x schedule(epoch), the last layer's x its factor. */
	private static final class MutableSchedule implements
		ai.djl.training.tracker.ParameterTracker
	{

		private final TrainingConfig config;
		private final Set<String> lastLayer = new HashSet<>();
		private volatile double base;

		MutableSchedule(TrainingConfig config) {
			this.config = config;
			this.base = config.learningRate;
		}

		void lastLayer(EspcnBlock block, EspcnSpec spec) {
			String key = spec.layerKey(spec.layers() - 1);
			for (Map.Entry<String, Parameter> e : block.namedParameters().entrySet())
				if (e.getKey().startsWith(key + ".")) lastLayer.add(e.getValue().getId());
		}

		void epoch(int zeroBased, Plateau plateau) {
			base = config.learningRate * (config.schedule == TrainingConfig.Schedule.PLATEAU ? plateau
				.factor() : config.schedule.factor(zeroBased, config.epochs));
		}

		double base() {
			return base;
		}

		@Override
		public float getNewValue(String parameterId, int numUpdate) {
			return (float) (lastLayer.contains(parameterId) ? base * config.lastLayerFactor : base);
		}
	}

	/** What a checkpoint holds. */
	static final class Checkpoint {

		final Map<String, Tensor> weights;
		final Map<String, Tensor> optimizer;
		final TrainingState state;

		Checkpoint(Map<String, Tensor> weights, Map<String, Tensor> optimizer,
			TrainingState state)
		{
			this.weights = weights;
			this.optimizer = optimizer;
			this.state = state;
		}
	}

	/** Progress that survives a restart. */
	static final class TrainingState {

		int epochsDone;
		int bestEpoch;
		double bestPsnr = Double.NEGATIVE_INFINITY;
		/** The plateau schedule's state (unused by the other schedules). */
		Plateau plateau = new Plateau();
		String configFingerprint = "";
		/** The checkpoint's array files and their SHA-256 (null in earlier versions' checkpoints). */
		Map<String, String> files;
	}
}
