package io.github.espcnfiji.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.io.ImageFiles;
import io.github.espcnfiji.io.LoadedImage;
import io.github.espcnfiji.train.TrainingPair;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import net.imglib2.img.array.ArrayImgs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One rule turns files and in-memory images of every depth into the same training pairs. */
class TrainingImagesTest {

	@TempDir
	Path dir;

	private static float[] values(int n, long seed, int lo, int range) {
		Random r = new Random(seed);
		float[] v = new float[n];
		for (int i = 0; i < n; i++)
			v[i] = lo + r.nextInt(range);
		return v;
	}

	private static void assertSamePairs(List<TrainingPair> expected, List<TrainingPair> actual) {
		assertEquals(expected.size(), actual.size());
		for (int i = 0; i < expected.size(); i++) {
			assertArrayEquals(expected.get(i).lowRes().data(), actual.get(i).lowRes().data(), 1e-4f);
			assertArrayEquals(expected.get(i).highRes().data(), actual.get(i).highRes().data(), 1e-6f);
		}
	}

	@Test
	void aSixteenBitImageTrainsAsItsMinMaxMappingOntoTheEightBitScale() throws Exception {
		int w = 30, h = 24;
		float[] raw = values(w * h, 1, 1000, 2001); // 1000..3000
		raw[0] = 1000;
		raw[1] = 3000;
		float[] mapped = new float[raw.length];
		for (int i = 0; i < raw.length; i++)
			mapped[i] = (raw[i] - 1000) / 2000f * 255f;
		List<TrainingPair> expected = TrainingImages.of(new LoadedImage("m", 32, List.of(
			new FloatPlane[][] { { new FloatPlane(mapped, w, h) } })), "m", 3, new double[0]);
		Path tif = dir.resolve("deep.tif");
		ImageFiles.write(tif, new FloatPlane[] { new FloatPlane(raw, w, h) }, 16, false);
		assertSamePairs(expected, TrainingImages.fromFiles(List.of(tif), 3, new double[0]));
		short[] px = new short[raw.length];
		for (int i = 0; i < raw.length; i++)
			px[i] = (short) raw[i];
		assertSamePairs(expected, TrainingImages.of(ArrayImgs.unsignedShorts(px, w, h), "image",
			3, new double[0]));
	}

	@Test
	void eightBitImagesKeepTheirScaleAndRescalesAddShrunkCopies() throws Exception {
		int w = 40, h = 40;
		float[] v = values(w * h, 2, 0, 256);
		byte[] px = new byte[v.length];
		for (int i = 0; i < v.length; i++)
			px[i] = (byte) v[i];
		List<TrainingPair> fromImage = TrainingImages.of(ArrayImgs.unsignedBytes(px, w, h), "i", 2,
			new double[] { 0.5 });
		assertEquals(2, fromImage.size());
		assertSamePairs(TrainingPair.withRescales(new FloatPlane[] { new FloatPlane(v, w, h) }, 2,
			new double[] { 0.5 }), fromImage);
	}

	@Test
	void floatImagesWithNaNAreRefusedByName() {
		float[] v = values(100, 3, 0, 10);
		v[5] = Float.NaN;
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> TrainingImages.of(ArrayImgs.floats(v, 10, 10), "the image", 2, new double[0]));
		assertEquals("the image holds NaN or infinite pixels, which have no intensity to train on; " +
			"replace them first", e.getMessage());
	}
}
