package io.github.espcnfiji.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.espcnfiji.core.Tensor;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EspcnSpecTest {

	@Test
	void thePapersNetworkHasTheReferenceCodesParameterNamesAndShapes() {
		EspcnSpec s = EspcnSpec.paper(3);
		assertEquals(List.of("first_part.0.weight", "first_part.0.bias", "first_part.2.weight",
			"first_part.2.bias", "last_part.0.weight", "last_part.0.bias"), s.parameterKeys());
		assertArrayEquals(new long[] { 64, 1, 5, 5 }, s.shapeOf("first_part.0.weight"));
		assertArrayEquals(new long[] { 32, 64, 3, 3 }, s.shapeOf("first_part.2.weight"));
		assertArrayEquals(new long[] { 9, 32, 3, 3 }, s.shapeOf("last_part.0.weight"));
		assertArrayEquals(new long[] { 16 }, EspcnSpec.paper(4).shapeOf("last_part.0.bias"));
		assertEquals(4, s.receptiveRadius()); // 2 + 1 + 1
	}

	@Test
	void rejectsScalesOutside2To4AndEvenKernels() {
		assertThrows(IllegalArgumentException.class, () -> EspcnSpec.paper(5));
		assertThrows(IllegalArgumentException.class, () -> EspcnSpec.paper(1));
		assertThrows(IllegalArgumentException.class, () -> new EspcnSpec(3, 1, Activation.TANH,
			new int[] { 64, 32 }, new int[] { 4, 3, 3 }));
		assertThrows(IllegalArgumentException.class, () -> new EspcnSpec(3, 1, Activation.TANH,
			new int[] { 64, 32 }, new int[] { 5, 3 }));
	}

	@Test
	void deeperVariantsNameTheirHiddenLayersAsAnNnSequentialWouldWithActivationsBetween() {
		EspcnSpec s = new EspcnSpec(2, 1, Activation.GELU, new int[] { 64, 64, 32 }, new int[] { 5,
			3, 3, 3 });
		assertEquals("first_part.4", s.layerKey(2));
		assertEquals("last_part.0", s.layerKey(3));
		assertEquals(5, s.receptiveRadius());
	}

	@Test
	void initialisationFollowsTheReferenceCodeAndTheSeed() {
		EspcnSpec s = EspcnSpec.paper(3);
		Map<String, Tensor> a = EspcnBlock.initialWeights(s, 7), b = EspcnBlock.initialWeights(s,
			7);
		assertArrayEquals(a.get("first_part.2.weight").data(), b.get("first_part.2.weight").data());
		assertEquals(Math.sqrt(2.0 / (64 * 25)), std(a.get("first_part.0.weight").data()), 0.003);
		assertEquals(Math.sqrt(2.0 / (32 * 9)), std(a.get("first_part.2.weight").data()), 0.003);
		assertEquals(0.001, std(a.get("last_part.0.weight").data()), 0.0001);
		for (String bias : List.of("first_part.0.bias", "first_part.2.bias", "last_part.0.bias"))
			for (float v : a.get(bias).data())
				assertEquals(0f, v);
	}

	@Test
	void activationsParseFromTheirNames() {
		assertEquals(Activation.GELU, Activation.parse(" GeLU "));
		assertEquals("tanh", Activation.TANH.id());
		assertThrows(IllegalArgumentException.class, () -> Activation.parse("sigmoid"));
	}

	private static double std(float[] v) {
		double m = 0, q = 0;
		for (float f : v)
			m += f;
		m /= v.length;
		for (float f : v)
			q += (f - m) * (f - m);
		return Math.sqrt(q / v.length);
	}
}
