package io.github.espcnfiji.model;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.espcnfiji.core.EvaluationProtocol;
import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.io.ImageFiles;
import io.github.espcnfiji.testing.TestData;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The opt-in bfloat16 inference costs at most 0.05 dB of mean PSNR on Set5 under the paper's
 * protocol against float32, for each shipped model.
 */
class ReducedPrecisionTest {

	@ParameterizedTest(name = "x{0}")
	@ValueSource(ints = { 2, 3, 4 })
	void bfloat16LosesAtMostFiveHundredthsOfADecibelOnSet5(int scale) throws IOException {
		BundledModels shipped = BundledModels.shipped();
		assumeTrue(shipped.has("x" + scale), "model x" + scale + " is not bundled in this build");
		List<FloatPlane[]> images = new ArrayList<>();
		for (Path f : ImageFiles.list(TestData.set("Set5")))
			images.add(ImageFiles.read(f).planes());
		try (EspcnModel model = shipped.load("x" + scale)) {
			double fp32 = 0, bf16 = 0;
			try {
				model.upscaler(InferenceMode.BF16);
			}
			catch (IllegalStateException e) {
				assumeTrue(false, e.getMessage());
			}
			for (FloatPlane[] img : images) {
				fp32 += EvaluationProtocol.evaluate(img, scale, model).modelPsnr().getAsDouble();
				bf16 += EvaluationProtocol.evaluate(img, scale, model.upscaler(InferenceMode.BF16))
					.modelPsnr().getAsDouble();
			}
			double loss = (fp32 - bf16) / images.size();
			System.out.printf("x%d Set5: fp32 %.4f dB, bf16 %.4f dB, loss %.4f dB%n", scale, fp32 /
				images.size(), bf16 / images.size(), loss);
			assertTrue(loss <= 0.05, String.format("bf16 loses %.4f dB", loss));
		}
	}
}
