package io.github.espcnfiji.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.espcnfiji.core.EvaluationProtocol;
import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.Scores;
import io.github.espcnfiji.io.ImageFiles;
import io.github.espcnfiji.testing.TestData;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The evaluation protocol reproduces the published bicubic baselines (ESPCN paper, Table 1/2)
 * and, more tightly, the independent Python reference /work/shared/tools/sr_metrics.py, whose
 * per-set means (printed to 6 decimals by running its {@code bicubic_psnr}) are the expected
 * values below.
 */
class BicubicCalibrationTest {

	private static final Map<String, List<FloatPlane[]>> CACHE = new HashMap<>();

	private static synchronized List<FloatPlane[]> images(String set) throws IOException {
		List<FloatPlane[]> images = CACHE.get(set);
		if (images == null) {
			Path dir = TestData.set(set);
			images = new ArrayList<>();
			for (Path p : ImageFiles.list(dir))
				images.add(ImageFiles.read(p).planes());
			CACHE.put(set, images);
		}
		return images;
	}

	private static double meanBicubicPsnr(String set, int scale) throws IOException {
		double sum = 0;
		List<FloatPlane[]> images = images(set);
		for (FloatPlane[] hr : images)
			sum += EvaluationProtocol.evaluate(hr, scale).bicubicPsnr();
		return sum / images.size();
	}

	@ParameterizedTest(name = "{0} x3 bicubic = {1} dB")
	@CsvSource({ "Set5, 30.39", "Set14, 27.55" })
	void matchesThePapersBicubicBaseline(String set, double paper) throws IOException {
		assertEquals(paper, meanBicubicPsnr(set, 3), 0.03);
	}

	@Tag("slow")
	@Test
	void matchesThePapersBicubicBaselineOnBsd100() throws IOException {
		assertEquals(27.21, meanBicubicPsnr("BSD100", 3), 0.03);
	}

	@ParameterizedTest(name = "{0} x{1} bicubic = {2} dB (sr_metrics.py)")
	@CsvSource({ "Set5, 2, 33.681835", "Set5, 3, 30.404666", "Set5, 4, 28.431410",
		"Set14, 2, 30.235653", "Set14, 3, 27.539670", "Set14, 4, 25.997336" })
	void matchesThePythonReference(String set, int scale, double reference) throws IOException {
		assertEquals(reference, meanBicubicPsnr(set, scale), 0.005);
	}

	/** Per image PSNR and SSIM (x3) from make-fixtures.py: sr_metrics plus ssim_index. */
	@ParameterizedTest(name = "{0}/{1} x3")
	@CsvSource({ "Set5, butterfly.png, 24.0383147740, 0.822235786218",
		"Set14, bridge.png, 24.4023040463, 0.648263972074",
		"Set5, woman.png, 28.5671825424, 0.890351239763" })
	void perImageScoresMatchThePythonReference(String set, String file, double psnr, double ssim)
		throws IOException
	{
		Scores s = EvaluationProtocol.evaluate(ImageFiles.read(TestData.set(set).resolve(file))
			.planes(), 3);
		assertEquals(psnr, s.bicubicPsnr(), 1e-5);
		assertEquals(ssim, s.bicubicSsim(), 1e-6);
	}
}
