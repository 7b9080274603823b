package io.github.espcnfiji.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.Tensor;
import io.github.espcnfiji.model.Activation;
import io.github.espcnfiji.model.EspcnBlock;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.model.EspcnSpec;
import io.github.espcnfiji.model.ModelCard;
import io.github.espcnfiji.model.ModelFiles;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Knowledge distillation ({@code train --teacher MODEL --teacher-share F}): each target is F
 * times the teacher's output plus 1 - F times the image.
 */
class DistillationTest {

	@TempDir
	Path tmp;

	/** A x3 network whose output is {@code value} everywhere: zero weights, last biases value. */
	static Teacher constant(float value, double share) {
		EspcnSpec spec = new EspcnSpec(3, 1, Activation.TANH, new int[] { 4, 4 }, new int[] { 3, 3,
			3 });
		Map<String, Tensor> w = new LinkedHashMap<>();
		for (Map.Entry<String, Tensor> e : EspcnBlock.initialWeights(spec, 1).entrySet()) {
			float[] data = new float[e.getValue().data().length];
			if (e.getKey().equals(spec.layerKey(spec.layers() - 1) + ".bias")) Arrays.fill(data, value);
			w.put(e.getKey(), new Tensor(e.getValue().shape(), data));
		}
		return new Teacher(spec, w, "constant " + value, share);
	}

	/**
	 * The mean output of the last epoch's network (the checkpoint's: the model kept is the epoch
	 * closest to the images, which validation measures).
	 */
	private double meanOutput(Path folder, TrainingConfig c, List<TrainingPair> images)
		throws Exception
	{
		double sum = 0;
		int n = 0;
		try (EspcnModel m = EspcnModel.create(ModelCard.forSpec(c.spec()), new TrainingRun(folder,
			new ModelCard()).readCheckpoint(c).weights))
		{
			for (TrainingPair p : images) {
				FloatPlane out = m.upscale(p.lowRes());
				for (float v : out.data())
					sum += v;
				n += out.data().length;
			}
		}
		return sum / n;
	}

	private static double meanHighRes(List<TrainingPair> images) {
		double sum = 0;
		int n = 0;
		for (TrainingPair p : images) {
			for (float v : p.highRes().data())
				sum += v;
			n += p.highRes().data().length;
		}
		return sum / n;
	}

	/** The mean output after training with this teacher (or none). */
	private double train(String name, Teacher teacher, List<TrainingPair> train,
		List<TrainingPair> val) throws Exception
	{
		TrainingConfig c = EspcnTrainerTest.smallConfig(4);
		c.learningRate = 0.01;
		c.lastLayerFactor = 1;
		c.teacher = teacher;
		Path folder = tmp.resolve(name);
		TrainingResult r = new EspcnTrainer(c, train, val, new TrainingRun(folder, new ModelCard()),
			null).run(false);
		assertFalse(r.cancelled);
		return meanOutput(folder, c, val);
	}

	@Test
	void theStudentLearnsTheBlendOfTheTeachersOutputAndTheImage() throws Exception {
		List<TrainingPair> train = EspcnTrainerTest.images(6, 63, 1, 3), val = EspcnTrainerTest
			.images(2, 48, 2, 3);
		double image = meanHighRes(val), teacher = 0.1;
		assertTrue(image > 0.4, "the images are mid-grey on average: " + image);
		double alone = train("alone", null, train, val);
		double taught = train("taught", constant((float) teacher, 1), train, val);
		double half = train("half", constant((float) teacher, 0.5), train, val);
		assertEquals(image, alone, 0.05, "without a teacher the output follows the images");
		assertEquals(teacher, taught, 0.05, "with share 1 it follows the teacher alone");
		assertEquals(0.5 * teacher + 0.5 * image, half, 0.05, "with share 0.5, halfway");
	}

	@Test
	void theCardNamesTheTeacherAndARunResumesOnlyWithTheSameOne() throws Exception {
		List<TrainingPair> train = EspcnTrainerTest.images(6, 63, 1, 3), val = EspcnTrainerTest
			.images(2, 48, 2, 3);
		Teacher teacher = constant(0.3f, 0.25);
		TrainingConfig c = EspcnTrainerTest.smallConfig(1);
		c.teacher = teacher;
		Path folder = tmp.resolve("run");
		new EspcnTrainer(c, train, val, new TrainingRun(folder, new ModelCard()), null).run(false);
		try (EspcnModel m = ModelFiles.load(folder)) {
			assertEquals(teacher.describe(), m.card().training.teacher);
			assertEquals(0.25, m.card().training.teacherShare);
			assertTrue(m.card().training.teacher.startsWith("constant 0.3 (ESPCN x3 tanh"));
			assertTrue(m.card().training.teacher.endsWith(", weights digest " + teacher.digest() + ")"));
		}
		for (Teacher other : new Teacher[] { null, constant(0.4f, 0.25), constant(0.3f, 0.5) }) {
			TrainingConfig more = EspcnTrainerTest.smallConfig(1);
			more.teacher = other;
			assertThrows(IllegalArgumentException.class, () -> new EspcnTrainer(more, train, val,
				new TrainingRun(folder, new ModelCard()), null).run(true), "resumed with " + other);
		}
		TrainingConfig same = EspcnTrainerTest.smallConfig(1);
		same.teacher = constant(0.3f, 0.25);
		assertFalse(new EspcnTrainer(same, train, val, new TrainingRun(folder, new ModelCard()), null)
			.run(true).cancelled);
	}

	/**
	 * The trainer runs the teacher on whole images, as at inference: a patch's target is the
	 * teacher's output on the whole image there, not on the patch zero-padded (which differs
	 * within the teacher's reach of the patch's edges).
	 */
	@Test
	void theTrainerTeachesOnWholeImagesNotOnPatches() throws Exception {
		EspcnSpec spec = new EspcnSpec(3, 1, Activation.RELU, new int[] { 8, 8, 8 }, new int[] { 5, 3,
			3, 3 });
		Map<String, Tensor> w = speaking(spec, 3);
		List<TrainingPair> pairs = EspcnTrainerTest.images(1, 63, 1, 3);
		TrainingConfig c = EspcnTrainerTest.smallConfig(1);
		c.teacher = new Teacher(spec, w, "deep", 1);
		PatchSet set = new EspcnTrainer(c, pairs, pairs, new TrainingRun(tmp.resolve("unused"),
			new ModelCard()), null).patches();
		float[] whole, padded;
		try (EspcnModel m = EspcnModel.create(ModelCard.forSpec(spec), w)) {
			whole = m.upscalePlain(pairs.get(0).lowRes()).data();
			padded = m.upscalePlain(crop(pairs.get(0).lowRes(), 5, 5, 7)).data();
		}
		float[] lr = new float[49], hr = new float[49 * 9];
		set.fill(new int[] { 4 }, 0, 1, null, lr, hr); // row 1, column 1: LR (5, 5), HR (15, 15)
		double far = 0;
		for (int y = 0; y < 21; y++)
			for (int x = 0; x < 21; x++) {
				float v = Math.min(1f, Math.max(0f, whole[(15 + y) * 63 + 15 + x]));
				assertEquals(v, hr[y * 21 + x], 1e-6, "the target is the whole image's output");
				far = Math.max(far, Math.abs(hr[y * 21 + x] - Math.min(1f, Math.max(0f, padded[y * 21 +
					x]))));
			}
		assertTrue(far > 0.01, "on the padded patch it would differ: " + far);
	}

	/** Reference weights with the last layer scaled up, so that the output varies visibly. */
	private static Map<String, Tensor> speaking(EspcnSpec spec, long seed) {
		Map<String, Tensor> w = new LinkedHashMap<>(EspcnBlock.initialWeights(spec, seed));
		String last = spec.layerKey(spec.layers() - 1) + ".weight";
		float[] big = w.get(last).data().clone();
		for (int i = 0; i < big.length; i++)
			big[i] *= 300; // the reference initialisation's last layer is near zero
		w.put(last, new Tensor(w.get(last).shape(), big));
		return w;
	}

	/** A resumed run checks its recipe before it cuts patches (with a teacher, a long pass). */
	@Test
	void aResumeWithAnotherRecipeFailsBeforeThePatchesAreCut() throws Exception {
		List<TrainingPair> train = EspcnTrainerTest.images(6, 63, 1, 3), val = EspcnTrainerTest
			.images(2, 48, 2, 3);
		Path folder = tmp.resolve("plain");
		new EspcnTrainer(EspcnTrainerTest.smallConfig(1), train, val, new TrainingRun(folder,
			new ModelCard()), null).run(false);
		TrainingConfig flat = EspcnTrainerTest.smallConfig(1);
		flat.minContrast = 255; // cutting patches would fail: no patch varies that much
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
			new EspcnTrainer(flat, train, val, new TrainingRun(folder, new ModelCard()), null).run(
				true));
		assertTrue(e.getMessage().contains("was made with another recipe"), e.getMessage());
	}

	/** A training image larger than a tile is taught in tiles, with the result of the whole. */
	@Test
	void aLargeImageIsTaughtInTilesAsIfWhole() throws Exception {
		EspcnSpec spec = new EspcnSpec(3, 1, Activation.RELU, new int[] { 8, 8 }, new int[] { 5, 3,
			3 });
		Map<String, Tensor> w = speaking(spec, 5);
		int side = 3 * (Teacher.Targets.TILE + 40);
		TrainingPair pair = EspcnTrainerTest.images(1, side, 4, 3).get(0);
		float[] tiled, whole;
		try (Teacher.Targets t = new Teacher(spec, w, "t", 1).targets(); EspcnModel m = EspcnModel
			.create(ModelCard.forSpec(spec), w))
		{
			tiled = t.of(pair).data();
			whole = m.upscalePlain(pair.lowRes()).data();
		}
		double worst = 0;
		int moving = 0;
		for (int i = 0; i < whole.length; i++) {
			float v = Math.min(1f, Math.max(0f, whole[i]));
			worst = Math.max(worst, Math.abs(v - tiled[i]));
			if (v > 0 && v < 1) moving++;
		}
		assertTrue(moving > whole.length / 2, "the teacher's output is mostly inside [0, 1]");
		assertTrue(worst < 1e-5, "tiles differ from the whole by " + worst);
	}

	private static FloatPlane crop(FloatPlane p, int x0, int y0, int size) {
		float[] out = new float[size * size];
		for (int y = 0; y < size; y++)
			for (int x = 0; x < size; x++)
				out[y * size + x] = p.get(x0 + x, y0 + y);
		return new FloatPlane(out, size, size);
	}

	@Test
	void aTeacherIsAnotherNetworkOfTheSameScaleNamedByItsWeights() {
		assertEquals(constant(0.3f, 1).digest(), constant(0.3f, 0.5).digest());
		assertNotEquals(constant(0.3f, 1).digest(), constant(0.31f, 1).digest());
		TrainingConfig x2 = EspcnTrainerTest.smallConfig(1);
		x2.scale = 2;
		x2.teacher = constant(0.3f, 1);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, x2::validate);
		assertEquals("The teacher constant 0.3 is a x3 model; the student is x2", e.getMessage());
		for (double share : new double[] { 0, -0.5, 1.5, Double.NaN })
			assertThrows(IllegalArgumentException.class, () -> constant(0.3f, share));
		TrainingConfig none = EspcnTrainerTest.smallConfig(1);
		String plain = TrainingRun.fingerprint(none);
		none.teacher = constant(0.3f, 0.5);
		assertEquals(plain + " teacher " + none.teacher.digest() + " share 0.5", TrainingRun
			.fingerprint(none));
		TrainingConfig close = EspcnTrainerTest.smallConfig(1);
		close.teacher = constant(0.3f, 0.5000001);
		assertNotEquals(TrainingRun.fingerprint(none), TrainingRun.fingerprint(close),
			"every share is its own recipe");
	}
}
