package io.github.espcnfiji.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.Tensor;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.model.ModelCard;
import io.github.espcnfiji.model.ModelFiles;
import io.github.espcnfiji.model.Npz;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EspcnTrainerTest {

	@TempDir
	Path tmp;

	/** Smooth random RGB-like images: sums of a few sinusoids, on 0-255. */
	static List<TrainingPair> images(int count, int size, long seed, int scale) {
		Random r = new Random(seed);
		List<TrainingPair> out = new ArrayList<>();
		for (int n = 0; n < count; n++) {
			double fx = 0.05 + 0.3 * r.nextDouble(), fy = 0.05 + 0.3 * r.nextDouble(), ph = r
				.nextDouble() * 6;
			float[] g = new float[size * size];
			for (int y = 0; y < size; y++)
				for (int x = 0; x < size; x++)
					g[y * size + x] = (float) (128 + 60 * Math.sin(fx * x + ph) * Math.cos(fy * y) + 40 *
						Math.sin(0.5 * (x + y) * fx));
			out.add(TrainingPair.of(new FloatPlane[] { new FloatPlane(g, size, size) }, scale));
		}
		return out;
	}

	static TrainingConfig smallConfig(int epochs) {
		TrainingConfig c = new TrainingConfig();
		c.scale = 3;
		c.epochs = epochs;
		c.patchSize = 7;
		c.stride = 5;
		c.batchSize = 8;
		c.filters = new int[] { 8, 4 };
		c.augment = true;
		c.seed = 42;
		return c;
	}

	private TrainingRun run(Path folder) {
		return new TrainingRun(folder, new ModelCard());
	}

	@Test
	void trainsKeepsTheBestModelAndLogsEveryEpoch() throws Exception {
		List<EpochReport> reports = new ArrayList<>();
		TrainingResult r = new EspcnTrainer(smallConfig(4), images(6, 63, 1, 3), images(2, 48, 2,
			3), run(tmp.resolve("m")), new TrainingListener() {

				@Override
				public void epochDone(EpochReport report) {
					reports.add(report);
				}
			}).run(false);
		assertEquals(4, r.epochsDone);
		assertFalse(r.cancelled);
		assertEquals(4, reports.size());
		assertTrue(reports.get(3).loss < reports.get(0).loss, "loss falls: " + reports.get(0).loss +
			" -> " + reports.get(3).loss);
		double best = reports.stream().mapToDouble(e -> e.validationPsnr).max().getAsDouble();
		assertEquals(best, r.bestValidationPsnr, 1e-9);
		// 1 header + 4 epochs
		assertEquals(5, Files.readAllLines(tmp.resolve("m/training-log.csv")).size());
		try (EspcnModel m = ModelFiles.load(tmp.resolve("m"))) {
			assertEquals(3, m.scale());
			assertEquals(r.bestEpoch, m.card().training.bestEpoch);
			assertEquals(4, m.card().training.epochs);
		}
	}

	@Test
	void resumesWhereItStoppedAndRefusesToStartOverAnExistingRun() throws Exception {
		Path folder = tmp.resolve("run");
		List<TrainingPair> train = images(4, 63, 3, 3), val = images(1, 48, 4, 3);
		int[] stopAfter = { 1 };
		List<Integer> epochs = new ArrayList<>();
		TrainingListener stopper = new TrainingListener() {

			@Override
			public void epochDone(EpochReport report) {
				epochs.add(report.epoch);
			}

			@Override
			public boolean cancelled() {
				return epochs.size() >= stopAfter[0];
			}
		};
		TrainingResult first = new EspcnTrainer(smallConfig(3), train, val, run(folder), stopper)
			.run(false);
		assertTrue(first.cancelled);
		assertEquals(1, first.epochsDone);
		// The best model so far is usable at once.
		try (EspcnModel m = ModelFiles.load(folder)) {
			assertEquals(1, m.card().training.epochsCompleted);
		}

		assertThrows(IllegalArgumentException.class, () -> new EspcnTrainer(smallConfig(3), train,
			val, run(folder), null).run(false));
		TrainingConfig other = smallConfig(3);
		other.learningRate = 5e-3;
		assertThrows(IllegalArgumentException.class, () -> new EspcnTrainer(other, train, val, run(
			folder), null).run(true));

		stopAfter[0] = Integer.MAX_VALUE;
		TrainingResult second = new EspcnTrainer(smallConfig(3), train, val, run(folder), stopper)
			.run(true);
		assertFalse(second.cancelled);
		assertEquals(3, second.epochsDone);
		assertEquals(List.of(1, 2, 3), epochs);
		assertEquals(4, Files.readAllLines(folder.resolve("training-log.csv")).size());
	}

	/** Training is a pure function of the seed: two runs give the same weights bit for bit. */
	@Test
	void theSameSeedGivesTheSameModelBitForBit() throws Exception {
		List<TrainingPair> train = images(4, 63, 5, 3), val = images(1, 48, 6, 3);
		for (String name : List.of("a", "b"))
			new EspcnTrainer(smallConfig(2), train, val, run(tmp.resolve(name)), null).run(false);
		Path logA = tmp.resolve("a/training-log.csv"), logB = tmp.resolve("b/training-log.csv");
		String logs = Files.readString(logA) + "\n---\n" + Files.readString(logB);
		assertSameWeights(tmp.resolve("a/weights.npz"), tmp.resolve("b/weights.npz"), logs);
		TrainingConfig other = smallConfig(2);
		other.seed = 43;
		new EspcnTrainer(other, train, val, run(tmp.resolve("c")), null).run(false);
		Map<String, Tensor> a = Npz.read(tmp.resolve("a/weights.npz")), c = Npz.read(tmp.resolve(
			"c/weights.npz"));
		assertFalse(java.util.Arrays.equals(a.get("first_part.0.weight").data(), c.get(
			"first_part.0.weight").data()));
	}

	private static void assertSameWeights(Path a, Path b, String context) throws Exception {
		Map<String, Tensor> x = Npz.read(a), y = Npz.read(b);
		assertEquals(x.keySet(), y.keySet());
		for (String k : x.keySet())
			assertArrayEquals(x.get(k).data(), y.get(k).data(), k + "\n" + context);
	}

	/**
	 * Non-finite gradients, as libtorch gave on some machines, never change what is learnt: the
	 * step is computed again until two computations agree, however many failures come first
	 * (here 5 in a row, where the trainer used to drop the step after 3), so the model is the
	 * clean run's bit for bit, and the log counts the recomputations.
	 */
	@Test
	void nonFiniteGradientsAreComputedAgainAndLeaveTheModelBitForBitTheSame() throws Exception {
		List<TrainingPair> train = images(4, 63, 5, 3), val = images(1, 48, 6, 3);
		new EspcnTrainer(smallConfig(2), train, val, run(tmp.resolve("clean")), null).run(false);
		// epoch 1, step 2: 5 failures in a row; epoch 2, step 1: failures between finite ones
		new EspcnTrainer(smallConfig(2), train, val, run(tmp.resolve("faulty")), null).withFault((
			epoch, step, attempt) -> epoch == 1 && step == 1 && attempt < 5 || epoch == 2 &&
				step == 0 && (attempt == 0 || attempt == 2)).run(false);
		String log = Files.readString(tmp.resolve("faulty/training-log.csv"));
		assertSameWeights(tmp.resolve("clean/weights.npz"), tmp.resolve("faulty/weights.npz"), log);
		assertEquals(List.of(0, 0), column(tmp.resolve("faulty/training-log.csv"), "skipped_steps"));
		// epoch 1: 5 failures, then 2 equal finite computations; epoch 2: fail, finite, fail, finite
		assertEquals(List.of(6, 3), column(tmp.resolve("faulty/training-log.csv"),
			"retried_steps"));
	}

	/**
	 * A step that never computes finite stops the run, without applying or dropping it, and
	 * names the step; the last epoch's checkpoint resumes to the clean run's model.
	 */
	@Test
	void aStepThatStaysNonFiniteStopsTheRunWhichResumesToTheSameModel() throws Exception {
		List<TrainingPair> train = images(4, 63, 5, 3), val = images(1, 48, 6, 3);
		new EspcnTrainer(smallConfig(2), train, val, run(tmp.resolve("clean")), null).run(false);
		Path folder = tmp.resolve("stopped");
		IllegalStateException e = assertThrows(IllegalStateException.class, () -> new EspcnTrainer(
			smallConfig(2), train, val, run(folder), null).withFault((epoch, step,
				attempt) -> epoch == 2 && step == 1).run(false));
		assertTrue(e.getMessage().startsWith("Training stopped at step 2 of epoch 2"), e
			.getMessage());
		assertTrue(e.getMessage().contains("is intact: resume the run"), e.getMessage());
		assertEquals(1, Files.readAllLines(folder.resolve("training-log.csv")).size() - 1);
		new EspcnTrainer(smallConfig(2), train, val, run(folder), null).run(true);
		assertSameWeights(tmp.resolve("clean/weights.npz"), folder.resolve("weights.npz"), "");
	}

	/**
	 * The guard against libtorch's non-finite gradients must have nothing to do on this machine:
	 * a few hundred steps of the paper's network at x3 and x2 (the shapes that had them about
	 * once per hundred steps on the AMD EPYC machines they were seen on) with none recomputed.
	 * The run folder records the processor and oneDNN's ISA, and so does the card.
	 */
	@Test
	void thePapersNetworkTrainsWithoutNonFiniteGradientsOnThisMachine() throws Exception {
		for (int scale : new int[] { 3, 2 }) {
			TrainingConfig c = new TrainingConfig();
			c.scale = scale;
			c.epochs = 4;
			c.stride = 4; // 36 patches of 17 per 40x40 LR image
			c.augment = true;
			Path folder = tmp.resolve("paper-x" + scale);
			new EspcnTrainer(c, images(16, 40 * scale, 9, scale), images(1, 16 * scale, 10, scale),
				run(folder), null).run(false);
			Path log = folder.resolve("training-log.csv");
			assertEquals(4, column(log, "retried_steps").size());
			assertEquals(List.of(0, 0, 0, 0), column(log, "retried_steps"), "x" + scale + " on " +
				io.github.espcnfiji.model.CpuInfo.current() + ":\n" + Files.readString(log));
			List<String> machines = Files.readAllLines(folder.resolve("training-machines.csv"));
			assertEquals(2, machines.size(), machines.toString());
			assertTrue(machines.get(1).endsWith(",1,\"" + io.github.espcnfiji.model.CpuInfo
				.current().describe() + "\""), machines.get(1));
			try (EspcnModel m = ModelFiles.load(folder)) {
				assertEquals(List.of(io.github.espcnfiji.model.CpuInfo.current().describe()), m.card()
					.training.machines);
			}
		}
	}

	/** A training log's column, one number per epoch. */
	private static List<Integer> column(Path log, String name) throws java.io.IOException {
		List<String> lines = Files.readAllLines(log);
		int column = java.util.Arrays.asList(lines.get(0).split(",")).indexOf(name);
		assertTrue(column >= 0, lines.get(0));
		List<Integer> out = new ArrayList<>();
		for (String line : lines.subList(1, lines.size()))
			out.add(Integer.parseInt(line.split(",")[column]));
		return out;
	}

	@Test
	void thePlateauScheduleLowersTheRateWhenTheLossStallsAndResumesWithItsState() throws Exception {
		List<TrainingPair> train = images(4, 63, 7, 3), val = images(1, 48, 8, 3);
		TrainingConfig c = smallConfig(4);
		c.schedule = TrainingConfig.Schedule.PLATEAU;
		c.learningRate = 1e-2;
		// No epoch can beat the best by 99%: every epoch after the first stalls and halves the rate.
		c.plateauThreshold = 0.99;
		c.plateauPatience = 1;
		c.plateauFloor = 0.3;
		List<Double> rates = new ArrayList<>();
		new EspcnTrainer(c, train, val, run(tmp.resolve("whole")), rates(rates, 0)).run(false);
		// 1e-2, then 1e-2 (the first epoch improved on nothing), 5e-3, then the floor 3e-3.
		assertEquals(List.of(1e-2, 1e-2, 5e-3, 3e-3), rates);

		List<Double> resumed = new ArrayList<>();
		new EspcnTrainer(c, train, val, run(tmp.resolve("split")), rates(resumed, 2)).run(false);
		new EspcnTrainer(c, train, val, run(tmp.resolve("split")), rates(resumed, 0)).run(true);
		assertEquals(rates, resumed);
		Map<String, Tensor> a = Npz.read(run(tmp.resolve("whole")).checkpointWeights()), b = Npz
			.read(run(tmp.resolve("split")).checkpointWeights());
		for (String k : a.keySet())
			assertArrayEquals(a.get(k).data(), b.get(k).data(), k);
		try (EspcnModel m = ModelFiles.load(tmp.resolve("whole"))) {
			assertTrue(m.card().training.schedule.startsWith("plateau: x0.5 after 1 epochs"), m
				.card().training.schedule);
		}
	}

	/** Collects each epoch's learning rate; cancels once {@code stopAt} are collected (0: never). */
	private static TrainingListener rates(List<Double> into, int stopAt) {
		return new TrainingListener() {

			@Override
			public void epochDone(EpochReport report) {
				into.add(report.learningRate);
			}

			@Override
			public boolean cancelled() {
				return stopAt > 0 && into.size() == stopAt;
			}
		};
	}

	@Test
	void stepsPerEpochAreWholeBatchesOfThePatches() {
		TrainingConfig c = smallConfig(1);
		// 63x63 HR at x3 is 21x21 LR: patches of 7 every 5 pixels (at 0, 5, 10) give 3 x 3 per
		// image; 54 patches make 6 whole batches of 8.
		assertEquals(6, c.stepsPerEpoch(images(6, 63, 1, 3)));
		c.batchSize = 4;
		assertEquals(13, c.stepsPerEpoch(images(6, 63, 1, 3)));
	}

	@Test
	void rejectsImagesTooSmallForOnePatch() {
		assertThrows(IllegalArgumentException.class, () -> new EspcnTrainer(smallConfig(1), images(
			1, 12, 1, 3), images(1, 48, 2, 3), run(tmp.resolve("x")), null).run(false));
	}

	@Test
	void resumeWithoutCheckpointSaysSo() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> new EspcnTrainer(smallConfig(1), images(2, 63, 1, 3), images(1, 48, 2, 3), run(tmp
				.resolve("none")), null).run(true));
		assertTrue(e.getMessage().contains("No checkpoint"), e.getMessage());
	}
}
