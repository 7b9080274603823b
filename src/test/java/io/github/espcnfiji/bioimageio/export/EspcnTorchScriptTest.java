package io.github.espcnfiji.bioimageio.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import io.github.espcnfiji.bioimageio.Npy;
import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.Tensor;
import io.github.espcnfiji.model.BundledModels;
import io.github.espcnfiji.model.DjlRuntime;
import io.github.espcnfiji.model.EspcnModel;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The exported TorchScript run by PyTorch 2.7.1 (DJL's engine, the one the plugin uses), one
 * call for the whole network: it must give what the plugin gives. (PyTorch 1.13 runs it in
 * {@code PythonReproductionTest}.)
 */
class EspcnTorchScriptTest {

	@Test
	void lumaModuleIsTheNetworkWithItsPixelShuffle() throws IOException {
		try (EspcnModel model = BundledModels.shipped().load("x3")) {
			Map<String, byte[]> files = PackageExport.files(model, false, Instant.EPOCH);
			Tensor in = Npy.read(files.get(FileNames.TEST_INPUT), "in");
			long[] s = in.shape();
			float[] scaled = in.data().clone();
			for (int i = 0; i < scaled.length; i++)
				scaled[i] /= 255f;
			float[] expected = model.upscalePlain(new FloatPlane(scaled, (int) s[3], (int) s[2]))
				.data();
			Tensor out = run(files.get(FileNames.TORCHSCRIPT), new Tensor(s, scaled));
			assertArrayEquals(new long[] { 1, 1, 3 * s[2], 3 * s[3] }, out.shape());
			assertArrayEquals(expected, out.data(), 1e-5f);
		}
	}

	@Test
	void rgbModuleIsThePluginsColourPathInFloat() throws IOException {
		try (EspcnModel model = BundledModels.shipped().load("x2")) {
			Map<String, byte[]> files = PackageExport.files(model, true, Instant.EPOCH);
			Tensor in = Npy.read(files.get(FileNames.TEST_INPUT), "in");
			Tensor expected = Npy.read(files.get(FileNames.TEST_OUTPUT), "out");
			Tensor out = run(files.get(FileNames.TORCHSCRIPT), in);
			assertArrayEquals(expected.shape(), out.shape());
			assertArrayEquals(expected.data(), out.data(), 2e-3f);
		}
	}

	/** The chroma kernel is MATLAB's bicubic: each phase's weights sum to one. */
	@Test
	void chromaKernelPhasesSumToOne() {
		for (int r = 2; r <= 4; r++) {
			Tensor k = EspcnTorchScript.chromaKernel(r);
			assertArrayEquals(new long[] { 2L * r * r, 1, 5, 5 }, k.shape());
			for (int phase = 0; phase < 2 * r * r; phase++) {
				double sum = 0;
				for (int i = 0; i < 25; i++)
					sum += k.data()[phase * 25 + i];
				assertEquals(1.0, sum, 1e-6, "x" + r + " phase " + phase);
			}
		}
	}

	private static Tensor run(byte[] archive, Tensor input) {
		return DjlRuntime.call(() -> {
			try (NDManager manager = NDManager.newBaseManager()) {
				PtSymbolBlock module = JniUtils.loadModule((PtNDManager) manager,
					new ByteArrayInputStream(archive), false, false);
				NDArray x = manager.create(FloatBuffer.wrap(input.data()), new Shape(input.shape()));
				try (IValue in = IValue.from((PtNDArray) x); IValue out = IValueUtils.forward(module, new IValue[] {
					in }))
				{
					NDArray y = out.toTensor((PtNDManager) manager);
					return new Tensor(y.getShape().getShape(), y.toFloatArray());
				}
			}
		});
	}
}
