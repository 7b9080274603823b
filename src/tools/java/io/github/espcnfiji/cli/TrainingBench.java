package io.github.espcnfiji.cli;

import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.io.ImageFiles;
import io.github.espcnfiji.model.ModelCard;
import io.github.espcnfiji.train.EpochReport;
import io.github.espcnfiji.train.EspcnTrainer;
import io.github.espcnfiji.train.TrainingConfig;
import io.github.espcnfiji.train.TrainingListener;
import io.github.espcnfiji.train.TrainingPair;
import io.github.espcnfiji.train.TrainingRun;
import io.github.espcnfiji.train.ValidationSplit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Training speed through {@link EspcnTrainer}: the reference recipe (batch 16, LR patches of 17
 * pixels, stride 13, Adam) for a few epochs on T91 with a tenth of it held out for validation
 * (as {@code train --validation-fraction 0.1}), or on synthetic images when T91 is not found.
 * The first epoch is warm-up; the steps of the others give the step time (median and spread),
 * and their reports the epoch time (training, validation and checkpoint).
 */
final class TrainingBench {

	/** What one run measured. */
	static final class Result {

		final Timings steps;
		final Timings epochs;
		final int stepsPerEpoch;
		final boolean t91;

		Result(Timings steps, Timings epochs, int stepsPerEpoch, boolean t91) {
			this.steps = steps;
			this.epochs = epochs;
			this.stepsPerEpoch = stepsPerEpoch;
			this.t91 = t91;
		}
	}

	private TrainingBench() {}

	/**
	 * Trains x{@code scale} for {@code epochs} epochs (at least 2) with {@code threads} PyTorch
	 * threads, on T91 in {@code t91} when given, else on synthetic images.
	 */
	static Result run(int scale, int epochs, int threads, Path t91) throws IOException {
		TrainingConfig c = new TrainingConfig();
		c.scale = scale;
		c.epochs = Math.max(2, epochs);
		c.threads = threads;
		List<TrainingPair> train = new ArrayList<>(), validation = new ArrayList<>();
		if (t91 != null) {
			ValidationSplit split = ValidationSplit.holdOut(ImageFiles.list(t91), 0.1);
			for (Path f : split.train())
				train.add(TrainingPair.of(ImageFiles.read(f).planes(), scale));
			for (Path f : split.validation())
				validation.add(TrainingPair.of(ImageFiles.read(f).planes(), scale));
		}
		else {
			Random random = new Random(1);
			for (int i = 0; i < 40; i++)
				train.add(TrainingPair.of(new FloatPlane[] { smooth(180, 180, random) }, scale));
			validation.add(TrainingPair.of(new FloatPlane[] { smooth(120, 120, random) }, scale));
		}
		Path out = Files.createTempDirectory("espcn-bench-train-");
		try {
			StepClock clock = new StepClock();
			ModelCard card = new ModelCard();
			card.name = "bench";
			new EspcnTrainer(c, train, validation, new TrainingRun(out.resolve("run"), card), clock)
				.run(false);
			return new Result(new Timings(clock.stepMillis()), new Timings(clock.epochSeconds()),
				clock.stepsPerEpoch, t91 != null);
		}
		finally {
			try (Stream<Path> files = Files.walk(out)) {
				for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator)
					Files.deleteIfExists(p);
			}
		}
	}

	/** A random smooth 0-255 plane: sums of a few sinusoids. */
	private static FloatPlane smooth(int w, int h, Random random) {
		FloatPlane p = FloatPlane.zeros(w, h);
		double a = random.nextDouble() * 0.2, b = random.nextDouble() * 0.2, c = random
			.nextDouble() * 6;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				p.set(x, y, (float) Math.round(127.5 + 60 * Math.sin(a * x + c) + 60 * Math.cos(b * y)));
		return p;
	}

	/** Times the steps of every epoch but the first, and the epochs after the first. */
	private static final class StepClock implements TrainingListener {

		final List<Double> steps = new ArrayList<>(), epochs = new ArrayList<>();
		int stepsPerEpoch;
		long last;

		@Override
		public void started(int firstEpoch, int epochs, int patches, int stepsPerEpoch) {
			this.stepsPerEpoch = stepsPerEpoch;
		}

		@Override
		public void step(int epoch, int step, int total, double loss) {
			long now = System.nanoTime();
			if (epoch > 1 && step > 1) steps.add((now - last) / 1e6);
			last = now;
		}

		@Override
		public void epochDone(EpochReport report) {
			if (report.epoch > 1) epochs.add(report.seconds);
		}

		double[] stepMillis() {
			return steps.stream().mapToDouble(Double::doubleValue).toArray();
		}

		double[] epochSeconds() {
			return epochs.stream().mapToDouble(Double::doubleValue).toArray();
		}
	}
}
