package io.github.espcnfiji.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.espcnfiji.model.DjlRuntime;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.model.ModelCard;
import io.github.espcnfiji.model.ModelFiles;
import io.github.espcnfiji.train.TrainingConfig.Loss;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What training minimises: {@code --loss l2|l1|charbonnier}. */
class LossTest {

	@TempDir
	Path tmp;

	@Test
	void eachLossIsItsFormulaOverTheBatch() {
		float[] out = { 0.5f, 0.2f, 0.9f, 0.0f }, target = { 0.4f, 0.5f, 0.9f, 0.25f };
		double l2 = 0, l1 = 0, ch = 0, e = Loss.CHARBONNIER_EPS;
		for (int i = 0; i < out.length; i++) {
			double d = out[i] - target[i];
			l2 += d * d / out.length;
			l1 += Math.abs(d) / out.length;
			ch += Math.sqrt(d * d + e * e) / out.length;
		}
		DjlRuntime.goOffline();
		try (NDManager m = NDManager.newBaseManager("PyTorch")) {
			NDArray o = m.create(out), t = m.create(target);
			assertEquals(l2, Loss.L2.of(o, t).getFloat(), 1e-7);
			assertEquals(l1, Loss.L1.of(o, t).getFloat(), 1e-7);
			assertEquals(ch, Loss.CHARBONNIER.of(o, t).getFloat(), 1e-7);
		}
	}

	@Test
	void namesAreTheCommandLinesAndAnUnknownOneSaysWhatToUse() {
		assertEquals(Loss.CHARBONNIER, Loss.parse("Charbonnier"));
		assertEquals(Loss.L1, Loss.parse("l1"));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Loss.parse(
			"huber"));
		assertTrue(e.getMessage().contains("l2, l1 or charbonnier"), e.getMessage());
	}

	@Test
	void aRunWithAnotherLossLearnsSaysSoInItsCardAndCannotResumeAnotherLoss() throws Exception {
		Path folder = tmp.resolve("l1");
		TrainingConfig c = EspcnTrainerTest.smallConfig(3);
		c.loss = Loss.L1;
		List<EpochReport> reports = new ArrayList<>();
		List<TrainingPair> train = EspcnTrainerTest.images(6, 63, 1, 3), val = EspcnTrainerTest
			.images(2, 48, 2, 3);
		TrainingResult r = new EspcnTrainer(c, train, val, new TrainingRun(folder, new ModelCard()),
			new TrainingListener() {

				@Override
				public void epochDone(EpochReport report) {
					reports.add(report);
				}
			}).run(false);
		assertFalse(r.cancelled);
		assertTrue(reports.get(2).loss < reports.get(0).loss, "the L1 loss falls: " + reports.get(
			0).loss + " -> " + reports.get(2).loss);
		try (EspcnModel m = ModelFiles.load(folder)) {
			assertEquals("l1", m.card().training.loss);
		}
		TrainingConfig l2 = EspcnTrainerTest.smallConfig(3);
		assertThrows(IllegalArgumentException.class, () -> new EspcnTrainer(l2, train, val,
			new TrainingRun(folder, new ModelCard()), null).run(true));
	}

	/**
	 * Runs started before the loss could be chosen resume: an L2 run's fingerprint is the one they
	 * wrote (this string is from a corpus-v1 run's checkpoint of session 5).
	 */
	@Test
	void anL2RunKeepsTheFingerprintOfRunsStartedBeforeTheChoice() {
		TrainingConfig c = new TrainingConfig();
		c.scale = 2;
		c.epochs = 52;
		c.augment = true;
		c.rescales = new double[] { 0.9, 0.8, 0.7, 0.6 };
		assertEquals("x2 tanh f[64, 32] k[5, 3, 3] e52 b16 p17 s13 lr0.00100000 ll0.100000 " +
			"STEP_AT_80_PERCENT augtrue rs[0.9, 0.8, 0.7, 0.6] seed1", TrainingRun.fingerprint(c));
		c.loss = Loss.CHARBONNIER;
		assertTrue(TrainingRun.fingerprint(c).endsWith(" loss charbonnier"));
		c.minContrast = 4;
		assertTrue(TrainingRun.fingerprint(c).endsWith(" loss charbonnier contrast 4.0"),
			TrainingRun.fingerprint(c));
	}
}
