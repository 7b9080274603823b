package io.github.espcnfiji.model;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.espcnfiji.core.EvaluationProtocol;
import io.github.espcnfiji.core.Scores;
import io.github.espcnfiji.io.ImageFiles;
import io.github.espcnfiji.testing.TestData;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shipped models keep their quality under the paper's protocol (Y, border = scale, MATLAB
 * bicubic LR), so a retrained or damaged model that falls below it fails here. The floors are the
 * figures of the models trained on corpus v1 (issue 18), a few hundredths below what they measure:
 * x2 Set5 36.69 and Set14 32.39 (floors 36.6, 32.3), x3 32.64 and 29.16 (32.6, 29.1), x4 30.43
 * and 27.41 (30.4, 27.3); the named variant ESPCN-wide must do at least as well as the T91 x3
 * was asked to (32.5, 29.0); the named variant ESPCN-deep, issue 18's, must reach that issue's
 * targets, the paper's ImageNet-trained figures (x3: it measures 33.21, 29.49 and 28.58; x2: Set5
 * 37.19 against the target 36.80, and Set14 32.70, floored a few hundredths below; x4: Set5
 * 30.93 against the target 30.90, Set14 27.74).
 */
class ShippedModelsTest {

	@ParameterizedTest(name = "{0} on {1} >= {2} dB")
	@CsvSource({ "x2, Set5, 36.6", "x2, Set14, 32.3", "x3, Set5, 32.6", "x3, Set14, 29.1",
		"x4, Set5, 30.4", "x4, Set14, 27.3",
		"wide-x3, Set5, 32.5", "wide-x3, Set14, 29.0",
		"deep-x3, Set5, 33.13", "deep-x3, Set14, 29.42", "deep-x3, BSD100, 28.52",
		"deep-x2, Set5, 36.80", "deep-x2, Set14, 32.65",
		"deep-x4, Set5, 30.90", "deep-x4, Set14, 27.70" })
	void meetsItsPsnrFloor(String name, String set, double floor) throws IOException {
		BundledModels shipped = BundledModels.shipped();
		assumeTrue(shipped.has(name), "model " + name + " is not bundled in this build");
		Path data = TestData.set(set);
		double sum = 0;
		int n = 0;
		try (EspcnModel model = shipped.load(name)) {
			assertTrue(name.endsWith("x" + model.scale()), name + " upscales x" + model.scale());
			for (Path f : ImageFiles.list(data)) {
				Scores s = EvaluationProtocol.evaluate(ImageFiles.read(f).planes(), model.scale(), model);
				assertTrue(s.modelPsnr().getAsDouble() > s.bicubicPsnr(), f + " is worse than bicubic");
				sum += s.modelPsnr().getAsDouble();
				n++;
			}
		}
		double mean = sum / n;
		assertTrue(mean >= floor, String.format("%s on %s: %.3f dB < %.2f dB", name, set, mean,
			floor));
	}
}
