package io.github.espcnfiji.bioimageio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The pre- and postprocessing steps compute what bioimage.io defines, per whole sample. */
class ProcessingTest {

	@Test
	void scaleLinearThenClipThenEnsureDtype() throws Exception {
		Processing p = parse("- {id: scale_linear, kwargs: {gain: 2.0, offset: [1.0]}}\n" +
			"- {id: clip, kwargs: {min: 0, max: 10}}\n- {id: ensure_dtype, kwargs: {dtype: uint8}}\n",
			false);
		float[] v = { -3, 0.7f, 2.2f, 9 };
		p.bind(v).apply(v);
		assertArrayEquals(new float[] { 0, 2, 5, 10 }, v); // 2.4 -> 2, 5.4 -> 5 (a cast)
	}

	@Test
	void zeroMeanUnitVarianceUsesTheWholeSample() throws Exception {
		Processing p = parse("- {id: zero_mean_unit_variance, kwargs: {axes: [channel, y, x]}}\n",
			false);
		float[] sample = { 1, 2, 3, 4 };
		Processing.Bound b = p.bind(sample);
		float[] part = { 1, 4 }; // a tile of the sample: the sample's statistics, not its own
		b.apply(part);
		double std = Math.sqrt(1.25);
		assertEquals((1 - 2.5) / (std + 1e-6), part[0], 1e-6);
		assertEquals((4 - 2.5) / (std + 1e-6), part[1], 1e-6);
		assertArrayEquals(new float[] { 1, 2, 3, 4 }, sample, "the sample is not changed");
	}

	@Test
	void scaleRangeAndClipTakeNumpysLinearPercentiles() throws Exception {
		assertEquals(3.0, Processing.percentile(new float[] { 1, 2, 3, 4, 5 }, 50), 1e-12);
		assertEquals(1.4, Processing.percentile(new float[] { 1, 2, 3, 4, 5 }, 10), 1e-6);
		Processing p = parse("- {id: scale_range, kwargs: {min_percentile: 25, max_percentile: 75, " +
			"eps: 0}}\n", false);
		float[] v = { 1, 2, 3, 4, 5 };
		p.bind(v).apply(v);
		assertArrayEquals(new float[] { -0.5f, 0, 0.5f, 1, 1.5f }, v, 1e-6f);
		Processing c = parse("- {id: clip, kwargs: {min_percentile: 25, max_percentile: 75}}\n",
			false);
		float[] w = { 1, 2, 3, 4, 5 };
		c.bind(w).apply(w);
		assertArrayEquals(new float[] { 2, 2, 3, 4, 4 }, w);
	}

	@Test
	void fixedZeroMeanUnitVarianceNeedsNoStatistics() throws Exception {
		Processing p = parse("- {id: fixed_zero_mean_unit_variance, kwargs: {mean: 10, std: 2, " +
			"eps: 0}}\n", true);
		float[] v = { 10, 14 };
		p.bind(v).apply(v);
		assertArrayEquals(new float[] { 0, 2 }, v);
	}

	@Test
	void unsupportedStepsAreRefusedNamingTheField() {
		assertRefused("- {id: binarize, kwargs: {threshold: 0.5}}\n", false,
			"f.yaml: preprocessing[0].id is 'binarize', which is not supported here");
		assertRefused("- {id: zero_mean_unit_variance}\n", true,
			"preprocessing[0] is zero_mean_unit_variance, which needs statistics of the whole output");
		assertRefused("- {id: zero_mean_unit_variance, kwargs: {axes: [channel]}}\n", false,
			"preprocessing[0].kwargs.axes is [channel]; only statistics over the whole image");
		assertRefused("- {id: scale_linear, kwargs: {gain: [1.0, 2.0], axis: channel}}\n", false,
			"preprocessing[0].kwargs.gain gives 2 values; only one-channel tensors are supported");
	}

	private static void assertRefused(String yaml, boolean post, String expected) {
		InvalidPackageException e = assertThrows(InvalidPackageException.class, () -> parse(yaml,
			post));
		assertTrue(e.getMessage().contains(expected), e.getMessage());
	}

	private static Processing parse(String steps, boolean post) throws InvalidPackageException {
		RdfNode root = RdfNode.root("f.yaml", RdfYaml.read(("preprocessing:\n" + steps.replaceAll(
			"(?m)^", "  ")).getBytes(StandardCharsets.UTF_8), "f.yaml"));
		return Processing.parse(root.get("preprocessing"), post);
	}
}
