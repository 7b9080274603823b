package io.github.espcnfiji.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.PlaneUpscaler;
import io.github.espcnfiji.core.SuperResolver;
import io.github.espcnfiji.core.Tensor;
import io.github.espcnfiji.core.Tiler;

import java.util.Map;
import java.util.Random;

import net.imglib2.Cursor;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.real.FloatType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every float32 fast path gives what the straightforward one gives: the channels-last operator
 * path with tanh through the sigmoid ({@code fp32-ops}) and the fused TorchScript path
 * ({@code fp32}, the default of {@link EspcnModel#upscale}, weights reordered for oneDNN once;
 * {@code fp32-reorder}, reordered in every call; {@code fp32-blocked}, PyTorch's
 * optimize_for_inference layout), whole planes and tiles of sizes other than the one the
 * weights were reordered for, on worker
 * threads, for every scale and activation; at most 1e-5 apart on outputs that span about 0.2.
 */
class FastInferenceTest {

	static FloatPlane random(int w, int h, long seed) {
		Random random = new Random(seed);
		FloatPlane p = FloatPlane.zeros(w, h);
		for (int i = 0; i < p.data().length; i++)
			p.data()[i] = random.nextFloat();
		return p;
	}

	static float maxAbsDiff(FloatPlane a, FloatPlane b) {
		assertEquals(a.width(), b.width());
		assertEquals(a.height(), b.height());
		float max = 0;
		for (int i = 0; i < a.data().length; i++)
			max = Math.max(max, Math.abs(a.data()[i] - b.data()[i]));
		return max;
	}

	private static EspcnModel model(int scale, Activation activation, long seed) {
		EspcnSpec spec = EspcnSpec.paper(scale, activation);
		Map<String, Tensor> w = EspcnBlock.initialWeights(spec, seed);
		for (float[] last = w.get("last_part.0.weight").data(); seed >= 0; seed = -1)
			for (int i = 0; i < last.length; i++)
				last[i] *= 100; // outputs vary by about +-0.1, not +-0.001
		return EspcnModel.create(ModelCard.forSpec(spec), w);
	}

	@ParameterizedTest(name = "x{0} {1} {2}: {3}x{4}")
	@CsvSource({ "3, TANH, fp32, 301, 157", "3, TANH, fp32-ops, 301, 157", "2, TANH, fp32, 64, 200",
		"2, TANH, fp32-ops, 64, 200", "4, TANH, fp32, 131, 129", "4, TANH, fp32-ops, 131, 129",
		"3, RELU, fp32, 150, 140", "3, RELU, fp32-ops, 150, 140", "3, GELU, fp32, 140, 150",
		"3, GELU, fp32-ops, 140, 150", "3, TANH, fp32, 1, 1", "3, TANH, fp32-ops, 5, 3",
		"3, TANH, fp32-reorder, 301, 157", "3, GELU, fp32-reorder, 140, 150",
		"3, TANH, fp32-blocked, 301, 157", "2, TANH, fp32-blocked, 64, 200",
		"4, TANH, fp32-blocked, 131, 129", "3, RELU, fp32-blocked, 150, 140",
		"3, TANH, fp32-blocked, 1, 1" })
	void equalsThePlainPath(int scale, Activation activation, String mode, int w, int h) {
		try (EspcnModel model = model(scale, activation, scale * 10L + activation.ordinal())) {
			FloatPlane in = random(w, h, w * 7L + h);
			FloatPlane plain = model.upscalePlain(in);
			PlaneUpscaler fast = model.upscaler(InferenceMode.parse(mode));
			float whole = maxAbsDiff(plain, fast.upscale(in));
			float tiled = maxAbsDiff(plain, new Tiler(fast, 40).upscale(in));
			System.out.printf("x%d %s %s %dx%d: max |fast - plain| %.2e whole, %.2e tiled%n", scale,
				activation, mode, w, h, whole, tiled);
			assertTrue(whole <= 1e-5f && tiled <= 1e-5f, "whole " + whole + ", tiled " + tiled);
		}
	}

	@Test
	void theDefaultUpscaleIsTheFusedPathAndEqualsThePlainPath() {
		try (EspcnModel model = model(3, Activation.TANH, 5)) {
			assertSame(model, model.upscaler(InferenceMode.FP32));
			if (System.getProperty("os.name").startsWith("Linux") && System.getProperty("os.arch")
				.equals("amd64")) {
				assertTrue(model.runsFused(), "fell back to the operator path");
				assertTrue(model.runsPrepacked(), "weights are reordered in every call");
			}
			int t = model.preferredTileSize();
			FloatPlane in = random(2 * t + 77, t + 9, 3); // 3 x 2 tiles of the preferred size
			assertEquals(6, new Tiler(model, 100000).tileCount(in.width(), in.height()));
			float d = maxAbsDiff(model.upscalePlain(in), model.upscale(in));
			assertTrue(d <= 1e-5f, "max |upscale - plain| = " + d);
			float spread = 0;
			for (float v : model.upscale(in).data())
				spread = Math.max(spread, Math.abs(v - 0.5f));
			assertTrue(spread > 0.05f, "outputs hardly vary: " + spread);
		}
	}

	@Test
	void superResolverThroughTheModelEqualsThePlainPath() {
		try (EspcnModel model = model(2, Activation.TANH, 9)) {
			FloatPlane in = random(97, 61, 4);
			Img<FloatType> fast = new SuperResolver(model, SuperResolver.Options.defaults()
				.withTileSize(30)).upscale(ArrayImgs.floats(in.data().clone(), 97, 61));
			Img<FloatType> plain = new SuperResolver(model.upscaler(InferenceMode.PLAIN),
				SuperResolver.Options.defaults().withTileSize(1000)).upscale(ArrayImgs.floats(in.data()
					.clone(), 97, 61));
			float max = 0;
			Cursor<FloatType> p = plain.cursor();
			for (FloatType t : fast)
				max = Math.max(max, Math.abs(t.get() - p.next().get()));
			assertTrue(max <= 1e-5f, "max |fast - plain| = " + max);
		}
	}

	@Test
	void rgbThroughTheModelInTilesEqualsThePlainPathWholeUpToRounding() {
		try (EspcnModel model = model(3, Activation.TANH, 12)) {
			ArrayImg<ARGBType, IntArray> rgb = ArrayImgs.argbs(230, 170);
			Random random = new Random(6);
			for (ARGBType t : rgb)
				t.set(random.nextInt());
			Img<ARGBType> fast = new SuperResolver(model, SuperResolver.Options.defaults()
				.withTileSize(64)).upscaleRgb(rgb);
			Img<ARGBType> plain = new SuperResolver(model.upscaler(InferenceMode.PLAIN),
				SuperResolver.Options.defaults().withTileSize(1000)).upscaleRgb(rgb);
			int worst = 0, differing = 0;
			Cursor<ARGBType> p = plain.cursor();
			for (ARGBType t : fast) {
				int a = t.get(), b = p.next().get(), d = 0;
				for (int shift = 0; shift <= 16; shift += 8)
					d = Math.max(d, Math.abs((a >> shift & 0xff) - (b >> shift & 0xff)));
				worst = Math.max(worst, d);
				if (d > 0) differing++;
			}
			System.out.printf("rgb: %d of %d pixels differ, by at most %d%n", differing, 690 * 510,
				worst);
			assertTrue(worst <= 1 && differing < 690 * 510 / 1000, differing + " differ, by " + worst);
		}
	}

	@Test
	void planesFromSeveralThreadsAtOnceGiveTheirOwnResults() throws Exception {
		try (EspcnModel model = model(3, Activation.TANH, 11)) {
			FloatPlane a = random(150, 90, 1), b = random(90, 150, 2);
			FloatPlane[] got = new FloatPlane[2];
			Thread t = new Thread(() -> got[1] = model.upscale(b));
			t.start();
			got[0] = model.upscale(a);
			t.join();
			assertTrue(maxAbsDiff(model.upscalePlain(a), got[0]) <= 1e-5f);
			assertTrue(maxAbsDiff(model.upscalePlain(b), got[1]) <= 1e-5f);
		}
	}

	@Test
	void aTilerInsideATileDoesNotWaitForever() throws Exception {
		try (EspcnModel model = model(3, Activation.TANH, 14)) {
			FloatPlane in = random(300, 200, 7);
			FloatPlane expected = model.upscale(in);
			// every worker runs a whole upscale that itself cuts tiles for the workers
			java.util.concurrent.CompletableFuture<?>[] nested =
				new java.util.concurrent.CompletableFuture<?>[InferenceThreads.shared().count() + 1];
			for (int i = 0; i < nested.length; i++)
				nested[i] = java.util.concurrent.CompletableFuture.runAsync(() -> assertTrue(maxAbsDiff(
					expected, model.upscale(in)) <= 1e-5f), InferenceThreads.shared().executor());
			java.util.concurrent.CompletableFuture.allOf(nested).get(60,
				java.util.concurrent.TimeUnit.SECONDS);
		}
	}

	@Test
	void bfloat16IsCloseButNotExact() {
		try (EspcnModel model = model(3, Activation.TANH, 13)) {
			FloatPlane in = random(200, 150, 5);
			FloatPlane plain = model.upscalePlain(in);
			PlaneUpscaler bf16;
			try {
				bf16 = model.upscaler(InferenceMode.BF16);
			}
			catch (IllegalStateException e) {
				org.junit.jupiter.api.Assumptions.assumeTrue(false, e.getMessage());
				return;
			}
			float d = maxAbsDiff(plain, bf16.upscale(in));
			System.out.printf("bf16: max |bf16 - plain| %.2e%n", d);
			assertTrue(d > 0 && d < 0.03f, "max |bf16 - plain| = " + d);
		}
	}
}
