package io.github.espcnfiji.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.espcnfiji.core.PlaneUpscaler;
import io.github.espcnfiji.core.SuperResolver;
import io.github.espcnfiji.testing.PlainRgb;
import io.github.espcnfiji.testing.TestData;

import java.io.IOException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RGB super-resolution through the shipped models, as the command line and the plugin run it
 * (tiles of 192 on the inference workers, fp32 and bf16), gives exactly the pixels of the plain
 * RGB steps ({@link PlainRgb}) fed by the same network: the fast RGB path changes nothing but
 * the time. The crops are of odd sizes, cut into several tiles.
 */
class ShippedRgbTest {

	@ParameterizedTest(name = "x{0} {1} {2}x{3}")
	@CsvSource({ "2, fp32, 301, 203", "3, fp32, 301, 203", "4, fp32, 205, 197", "2, bf16, 301, 203",
		"3, bf16, 389, 211", "4, bf16, 205, 197" })
	void rgbThroughAShippedModelGivesThePlainPathsPixels(int scale, String precision, int w, int h)
		throws IOException
	{
		BundledModels shipped = BundledModels.shipped();
		assumeTrue(shipped.has("x" + scale), "model x" + scale + " is not bundled in this build");
		int[] size = new int[2];
		int[] photo = PlainRgb.read(TestData.set("Set14").resolve("baboon.png"), size);
		assumeTrue(size[0] >= w && size[1] >= h, "baboon.png is smaller than expected");
		int[] argb = PlainRgb.crop(photo, size[0], size[0] - w, size[1] - h, w, h);
		try (EspcnModel model = shipped.load("x" + scale)) {
			PlaneUpscaler up;
			try {
				up = model.upscaler(InferenceMode.precision(precision));
			}
			catch (IllegalStateException e) {
				assumeTrue(false, e.getMessage());
				return;
			}
			int[] expected = PlainRgb.upscale(up, 192, argb, w, h);
			int[] got = PlainRgb.pixels(new SuperResolver(up, SuperResolver.Options.defaults()
				.withTileSize(192)).upscaleRgb(PlainRgb.image(argb, w, h)));
			assertArrayEquals(expected, got);
		}
	}
}
