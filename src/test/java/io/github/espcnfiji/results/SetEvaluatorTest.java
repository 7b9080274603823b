package io.github.espcnfiji.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.core.EvaluationProtocol;
import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.Scores;
import io.github.espcnfiji.io.ImageFiles;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.model.ModelFiles;
import io.github.espcnfiji.testing.TestModels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A set is scored image by image under the protocol, on one thread or several alike. */
class SetEvaluatorTest {

	@TempDir
	Path dir;

	/** A textured plane on 0-255. */
	static FloatPlane plane(int w, int h, int seed) {
		float[] v = new float[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				v[y * w + x] = (float) (127.5 + 90 * Math.sin((x + seed) * 0.45) * Math.cos((y - seed) *
					0.3) + 20 * Math.sin(x * y * 0.01));
		return new FloatPlane(v, w, h);
	}

	/** A folder of {@code count} RGB images (and one grey) of about 40 pixels. */
	static Path set(Path folder, int count) throws IOException {
		Files.createDirectories(folder);
		for (int i = 0; i < count; i++)
			ImageFiles.write(folder.resolve("img" + i + ".png"), new FloatPlane[] { plane(40 + i, 36,
				i), plane(40 + i, 36, i + 3), plane(40 + i, 36, i + 7) }, 24, false);
		ImageFiles.write(folder.resolve("grey.png"), new FloatPlane[] { plane(37, 41, 11) }, 8,
			false);
		return folder;
	}

	@Test
	void scoresEveryImageAsTheProtocolDoesAndAveragesThem() throws IOException {
		BenchmarkSet set = BenchmarkSet.of(set(dir.resolve("SetA"), 3));
		assertEquals("SetA", set.name());
		List<String> seen = new ArrayList<>();
		try (EspcnModel model = ModelFiles.load(TestModels.save(dir, 2))) {
			SetScores s = new SetEvaluator(1, (name, done, total, image) -> seen.add(name + " " + done +
				"/" + total + " " + image.name())).evaluate(set, 2, model);
			assertEquals(List.of("SetA 1/4 grey.png", "SetA 2/4 img0.png", "SetA 3/4 img1.png",
				"SetA 4/4 img2.png"), seen);
			double sum = 0;
			for (int i = 0; i < 4; i++) {
				ImageScore is = s.images().get(i);
				Scores expected = EvaluationProtocol.evaluate(ImageFiles.read(set.images().get(i))
					.planes(), 2, model);
				assertEquals(expected.modelPsnr().getAsDouble(), is.scores().modelPsnr().getAsDouble());
				assertEquals(expected.bicubicSsim(), is.scores().bicubicSsim());
				sum += expected.modelPsnr().getAsDouble();
			}
			assertEquals(sum / 4, s.mean().modelPsnr().getAsDouble(), 1e-12);
			assertEquals(37, s.images().get(0).width());
		}
	}

	@Test
	void severalThreadsGiveTheSameScoresInTheSameOrder() throws IOException {
		BenchmarkSet set = BenchmarkSet.of(set(dir.resolve("SetB"), 5));
		try (EspcnModel model = ModelFiles.load(TestModels.save(dir, 3))) {
			SetScores one = new SetEvaluator(1, null).evaluate(set, 3, model);
			int[] calls = { 0 };
			SetScores three = new SetEvaluator(3, (n, done, total, image) -> calls[0]++).evaluate(set,
				3, model);
			assertEquals(6, calls[0]);
			for (int i = 0; i < 6; i++) {
				assertEquals(one.images().get(i).name(), three.images().get(i).name());
				assertEquals(one.images().get(i).scores().modelPsnr().getAsDouble(), three.images().get(
					i).scores().modelPsnr().getAsDouble(), 1e-9);
				assertEquals(one.images().get(i).scores().bicubicPsnr(), three.images().get(i).scores()
					.bicubicPsnr());
			}
		}
	}

	@Test
	void withoutAModelOnlyBicubicIsScored() throws IOException {
		SetScores s = new SetEvaluator(2, null).evaluate(BenchmarkSet.of(set(dir.resolve("SetC"),
			2)), 4, null);
		assertFalse(s.mean().hasModel());
		assertTrue(s.mean().bicubicPsnr() > 10, s.mean().toString());
	}

	@Test
	void aStackIsRefusedWithItsName() throws IOException {
		Path folder = set(dir.resolve("SetD"), 1);
		ImageFiles.write(folder.resolve("deep.tif"), new FloatPlane[] { plane(30, 30, 1) }, 16,
			false);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> new SetEvaluator(2, null).evaluate(BenchmarkSet.of(folder), 2, null));
		assertTrue(e.getMessage().contains("deep.tif is not a single 8-bit gray or RGB image"), e
			.getMessage());
	}
}
