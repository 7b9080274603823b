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
		});
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
