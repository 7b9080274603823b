package io.github.espcnfiji.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.core.FloatPlane;

import io.github.espcnfiji.core.Tensor;
import io.github.espcnfiji.testing.Python;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plugin's network computes what the reference PyTorch code computes, given the same
 * weights: fixtures made by {@code fixtures/make_pytorch_fixture.py} (reference module, random
 * weights and input, float32 CPU forward pass) are reproduced within 1e-5, and PyTorch runs the
 * weights the plugin exports to the plugin's output.
 */
class PyTorchEquivalenceTest {

	private static final double TOLERANCE = 1e-5;

	@TempDir
	Path dir;

	static Path fixture(String name) throws URISyntaxException {
		return Path.of(PyTorchEquivalenceTest.class.getResource("/fixtures/" + name).toURI());
	}

	static FloatPlane plane(Tensor t) {
		long[] s = t.shape();
		return new FloatPlane(t.data(), (int) s[3], (int) s[2]);
	}

	static double maxAbsDifference(float[] a, float[] b) {
		assertEquals(a.length, b.length);
		double max = 0;
		for (int i = 0; i < a.length; i++)
			max = Math.max(max, Math.abs((double) a[i] - b[i]));
		return max;
	}

	@ParameterizedTest
	@ValueSource(ints = { 2, 3 })
	void importedReferenceWeightsReproducePyTorchsOutput(int scale) throws Exception {
		Map<String, Tensor> io = Npz.read(fixture("espcn_x" + scale + "_io.npz"));
		Tensor input = io.get("input"), expected = io.get("output");
		try (EspcnModel model = ModelFiles.importPyTorch(fixture("espcn_x" + scale +
			"_state_dict.npz"), scale, Activation.TANH))
		{
			assertEquals(EspcnSpec.paper(scale), model.spec());
			FloatPlane out = model.upscale(plane(input));
			assertEquals(expected.shape()[3], out.width());
			assertEquals(expected.shape()[2], out.height());
			double diff = maxAbsDifference(expected.data(), out.data());
			System.out.printf("x%d: max |Java - PyTorch| = %.3g over %d pixels%n", scale, diff, out
				.data().length);
			assertTrue(diff <= TOLERANCE, "max abs difference " + diff);
		}
	}

	@Test
	void exportWritesBackTheImportedStateDictBitExactly() throws Exception {
		Path original = fixture("espcn_x3_state_dict.npz");
		Path exported = dir.resolve("out/exported.npz");
		try (EspcnModel model = ModelFiles.importPyTorch(original, 3, Activation.TANH)) {
			ModelFiles.exportPyTorch(model, exported);
		}
		Map<String, Tensor> a = Npz.read(original), b = Npz.read(exported);
		assertEquals(List.copyOf(a.keySet()), List.copyOf(b.keySet()));
		for (String k : a.keySet()) {
			assertArrayEquals(a.get(k).shape(), b.get(k).shape(), k);
			assertArrayEquals(a.get(k).data(), b.get(k).data(), k);
		}
	}

	@Test
	void importSaysWhichScaleTheWeightsAreFor() throws Exception {
		InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelFiles
			.importPyTorch(fixture("espcn_x3_state_dict.npz"), 2, Activation.TANH));
		assertTrue(e.getMessage().contains("fits x3") && e.getMessage().contains("not x2"), e
			.getMessage());
	}

	@Test
	void importDropsADataParallelPrefix() throws Exception {
		Map<String, Tensor> prefixed = new LinkedHashMap<>();
		Npz.read(fixture("espcn_x2_state_dict.npz")).forEach((k, v) -> prefixed.put("module." + k,
			v));
		Path file = dir.resolve("dp.npz");
		Npz.write(prefixed, file);
		try (EspcnModel model = ModelFiles.importPyTorch(file, 2, Activation.TANH)) {
			assertEquals(EspcnSpec.paper(2), model.spec());
		}
	}

	@Test
	void pyTorchLoadsOurExportAndReproducesOurOutput() throws Exception {
		String python = Python.with("torch, numpy").orElse(null);
		Assumptions.assumeTrue(python != null, "no Python with torch and numpy");
		EspcnSpec spec = EspcnSpec.paper(3);
		Map<String, Tensor> weights = EspcnBlock.initialWeights(spec, 7);
		Random random = new Random(11);
		for (Tensor t : weights.values()) // not the near-zero reference initialisation
			for (int i = 0; i < t.data().length; i++)
				t.data()[i] = t.shape().length == 1 ? (float) (random.nextDouble() * 0.2 - 0.1) : t
					.data()[i] * (t.shape()[0] == 9 ? 50 : 1);
		float[] pixels = new float[17 * 29];
		for (int i = 0; i < pixels.length; i++)
			pixels[i] = random.nextFloat();
		Path exported = dir.resolve("exported.npz"), input = dir.resolve("input.npz"), output = dir
			.resolve("output.npz");
		Npz.write(Map.of("input", new Tensor(new long[] { 1, 1, 17, 29 }, pixels)), input);
		FloatPlane java;
		try (EspcnModel model = EspcnModel.create(ModelCard.forSpec(spec), weights)) {
			ModelFiles.exportPyTorch(model, exported);
			java = model.upscale(new FloatPlane(pixels, 29, 17));
		}
		Python.Result r = Python.runScript(python, fixture("pytorch_run_exported.py"), exported
			.toString(), "3", input.toString(), output.toString());
		assertEquals(0, r.exitCode, r.output);
		Tensor torch = Npz.read(output).get("output");
		assertArrayEquals(new long[] { 1, 1, 51, 87 }, torch.shape());
		double diff = maxAbsDifference(torch.data(), java.data());
		System.out.printf("exported x3 in PyTorch: max |Java - PyTorch| = %.3g%n", diff);
		assertTrue(diff <= TOLERANCE, "max abs difference " + diff);
		assertTrue(maxAbsDifference(java.data(), new float[java.data().length]) > 0.05,
			"the output varies, so the comparison means something");
	}
}
