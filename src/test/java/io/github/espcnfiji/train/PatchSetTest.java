package io.github.espcnfiji.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PatchSetTest {

	@Test
	void cutsPatchesAsTheReferenceCodeDoes() {
		// 63x63 HR at x3 gives a 21x21 LR; LR patches of 7 every 5 pixels start at 0, 5 and 10
		List<TrainingPair> pairs = EspcnTrainerTest.images(1, 63, 1, 3);
		PatchSet set = new PatchSet(pairs, 7, 5, 3);
		int per = (21 - 7) / 5 + 1;
		assertEquals(per * per, set.size());
		float[] lr = new float[49], hr = new float[49 * 9];
		int[] order = new int[set.size()];
		for (int i = 0; i < order.length; i++)
			order[i] = i;
		set.fill(order, per + 1, 1, null, lr, hr); // row 1, column 1: LR (5, 5), HR (15, 15)
		assertEquals(pairs.get(0).lowRes().get(5, 5), lr[0]);
		assertEquals(pairs.get(0).lowRes().get(11, 11), lr[48]);
		assertEquals(pairs.get(0).highRes().get(15, 15), hr[0]);
		assertEquals(pairs.get(0).highRes().get(35, 35), hr[hr.length - 1]);
	}

	@Test
	void targetsMadeFromEachPairAreCutWhereItsHighResPatchesWouldBe() {
		List<TrainingPair> pairs = EspcnTrainerTest.images(2, 63, 1, 3);
		// each pair's target: its HR image mirrored left-right, plus the pair's number
		PatchSet set = new PatchSet(pairs, 7, 5, 3, p -> {
			float[] out = new float[63 * 63];
			for (int y = 0; y < 63; y++)
				for (int x = 0; x < 63; x++)
					out[y * 63 + x] = p.highRes().get(62 - x, y) + pairs.indexOf(p);
			return new io.github.espcnfiji.core.FloatPlane(out, 63, 63);
		}, 0);
		assertEquals(18, set.size());
		float[] lr = new float[49], hr = new float[49 * 9];
		int[] order = new int[set.size()];
		for (int i = 0; i < order.length; i++)
			order[i] = i;
		set.fill(order, 9 + 4, 1, null, lr, hr); // second image, row 1, column 1: HR (15, 15)
		assertEquals(pairs.get(1).lowRes().get(5, 5), lr[0], "inputs stay the low-res image");
		assertEquals(pairs.get(1).highRes().get(62 - 15, 15) + 1, hr[0]);
		assertEquals(pairs.get(1).highRes().get(62 - 35, 35) + 1, hr[hr.length - 1]);
	}

	/** A 63x63 image: flat grey on the left 30 columns, a 20-level checkerboard on the right. */
	private static TrainingPair halfFlat() {
		float[] g = new float[63 * 63];
		for (int y = 0; y < 63; y++)
			for (int x = 0; x < 63; x++)
				g[y * 63 + x] = x < 30 ? 100 : 100 + ((x + y) % 2 == 0 ? 10 : -10);
		return TrainingPair.of(new io.github.espcnfiji.core.FloatPlane[] {
			new io.github.espcnfiji.core.FloatPlane(g, 63, 63) }, 3);
	}

	@Test
	void aLeastContrastLeavesOutTheFlatPatchesOnly() {
		List<TrainingPair> pairs = List.of(halfFlat());
		// LR patches of 7 every 5 start at columns 0, 5, 10: HR columns 0-20, 15-35, 30-50
		assertEquals(9, PatchSet.count(pairs, 7, 5, 3, 0));
		assertEquals(6, PatchSet.count(pairs, 7, 5, 3, 2), "the flat column of patches is left out");
		assertEquals(3, PatchSet.count(pairs, 7, 5, 3, 9.5), "the half-flat column has std 7.1");
		assertEquals(0, PatchSet.count(pairs, 7, 5, 3, 10.5));
		PatchSet set = new PatchSet(pairs, 7, 5, 3, TrainingPair::highRes, 9.5);
		assertEquals(3, set.size());
		float[] lr = new float[49], hr = new float[49 * 9];
		for (int i = 0; i < 3; i++) {
			set.fill(new int[] { i }, 0, 1, null, lr, hr);
			assertEquals(pairs.get(0).highRes().get(30, 15 * i), hr[0], "patch " + i +
				" is from the third column");
		}
		IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
			IllegalArgumentException.class, () -> new PatchSet(pairs, 7, 5, 3, TrainingPair::highRes,
				10.5));
		assertEquals("No training patch varies by 10.5 grey levels or more", e.getMessage());
		TrainingConfig c = EspcnTrainerTest.smallConfig(1);
		c.batchSize = 2;
		c.minContrast = 2;
		assertEquals(3, c.stepsPerEpoch(pairs), "the steps count the patches kept");
	}

	@Test
	void orderIsAPermutationFixedBySeedAndEpoch() {
		PatchSet set = new PatchSet(EspcnTrainerTest.images(3, 63, 1, 3), 7, 5, 3);
		int[] a = set.order(7, 1), b = set.order(7, 1), c = set.order(7, 2);
		assertArrayEquals(a, b);
		assertNotEquals(Arrays.toString(a), Arrays.toString(c));
		Set<Integer> seen = new HashSet<>();
		for (int i : a)
			seen.add(i);
		assertEquals(set.size(), seen.size());
	}

	@Test
	void theEightTransformsAreTheSymmetriesOfTheSquare() {
		float[] src = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
		Set<String> results = new HashSet<>();
		for (int t = 0; t < 8; t++) {
			float[] dst = new float[9];
			PatchSet.transform(src, 0, 3, t, dst, 0);
			assertEquals(5f, dst[4]); // the centre stays
			float[] sorted = dst.clone();
			Arrays.sort(sorted);
			assertArrayEquals(src, sorted); // a permutation
			results.add(Arrays.toString(dst));
		}
		assertEquals(8, results.size());
		float[] rot = new float[9];
		PatchSet.transform(src, 0, 3, 5, rot, 0);
		assertArrayEquals(new float[] { 7, 4, 1, 8, 5, 2, 9, 6, 3 }, rot); // 90 degrees clockwise
	}
}
