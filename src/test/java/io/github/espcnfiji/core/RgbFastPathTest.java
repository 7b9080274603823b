package io.github.espcnfiji.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.testing.PlainRgb;
import io.github.espcnfiji.testing.TestData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.view.Views;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The RGB path of {@link SuperResolver#upscaleRgb} (chroma enlarged row by row from tables of
 * four taps, packed as it goes, arrays reused from tile to tile) gives exactly the pixels of the
 * plain steps ({@link PlainRgb}: the path before December 2026), on photographs of Set5 and
 * Set14 and on odd and tiny sizes, for scales 2, 3 and 4, in tiles of several sizes, one after
 * another or side by side. The network is a stand-in that overshoots [0, 1], so that the
 * clamping is exercised; the shipped models' own plumbing is tested in the model package.
 */
class RgbFastPathTest {

	private static final ExecutorService POOL = Executors.newFixedThreadPool(2);

	@AfterAll
	static void stopPool() {
		POOL.shutdownNow();
	}

	@ParameterizedTest(name = "x{0}")
	@ValueSource(ints = { 2, 3, 4 })
	void photographsOfSet5AndSet14GiveThePlainPathsPixels(int scale) throws IOException {
		List<Path> files = Stream.concat(list("Set5").stream(), list("Set14").stream().limit(6))
			.collect(Collectors.toList());
		for (Path file : files) {
			int[] size = new int[2];
			int[] argb = PlainRgb.read(file, size);
			assertSame(new Sharpening(scale, true), 96, argb, size[0], size[1], file.getFileName()
				.toString());
		}
	}

	@ParameterizedTest(name = "x{0} {1}x{2} tiles of {3}")
	@CsvSource({ "2, 97, 61, 30", "3, 97, 61, 25", "4, 97, 61, 17", "3, 1, 7, 4", "2, 2, 2, 256",
		"4, 5, 1, 2", "3, 33, 2, 9", "3, 250, 161, 64", "2, 129, 67, 1000", "4, 131, 77, 40" })
	void oddAndTinyCropsGiveThePlainPathsPixels(int scale, int w, int h, int tile)
		throws IOException
	{
		int[] size = new int[2];
		Path file = list("Set14").get(0);
		int[] photo = PlainRgb.read(file, size);
		int[] argb = PlainRgb.crop(photo, size[0], size[0] - w, size[1] / 3, w, h);
		assertSame(new Sharpening(scale, true), tile, argb, w, h, w + "x" + h + " of " + file);
		assertSame(new Sharpening(scale, false), tile, argb, w, h, w + "x" + h + " of " + file +
			", one tile at a time");
	}

	@Test
	void randomColoursAndEveryPlaneOfAStack() {
		Random random = new Random(16);
		int w = 71, h = 45, planes = 3;
		int[] all = new int[w * h * planes];
		for (int i = 0; i < all.length; i++)
			all[i] = random.nextInt();
		Sharpening net = new Sharpening(3, true);
		Img<ARGBType> out = new SuperResolver(net, SuperResolver.Options.defaults().withTileSize(
			20)).upscaleRgb(ArrayImgs.argbs(all.clone(), w, h, planes));
		for (int p = 0; p < planes; p++) {
			int[] plane = new int[w * h];
			System.arraycopy(all, p * w * h, plane, 0, w * h);
			int[] expected = PlainRgb.upscale(net, 20, plane, w, h);
			assertArrayEquals(expected, Planes.readArgb(Views.hyperSlice(out, 2, p), 0), "plane " + p);
		}
	}

	@Test
	void aViewOfAnImageIsReadThroughItsCursor() throws IOException {
		int[] size = new int[2];
		int[] photo = PlainRgb.read(list("Set5").get(0), size);
		int x = 37, y = 21, w = 83, h = 59;
		Sharpening net = new Sharpening(3, true);
		int[] expected = PlainRgb.upscale(net, 30, PlainRgb.crop(photo, size[0], x, y, w, h), w, h);
		Img<ARGBType> out = new SuperResolver(net, SuperResolver.Options.defaults().withTileSize(30))
			.upscaleRgb(Views.interval(PlainRgb.image(photo, size[0], size[1]), new long[] { x, y },
				new long[] { x + w - 1, y + h - 1 }));
		assertArrayEquals(expected, PlainRgb.pixels(out));
	}

	/** The fast path's pixels equal the plain path's, and the result is not trivial. */
	private static void assertSame(PlaneUpscaler net, int tile, int[] argb, int w, int h,
		String what)
	{
		int[] expected = PlainRgb.upscale(net, tile, argb, w, h);
		Img<ARGBType> out = new SuperResolver(net, SuperResolver.Options.defaults().withTileSize(
			tile)).upscaleRgb(PlainRgb.image(argb, w, h));
		int s = net.scale();
		assertEquals(w * s, out.dimension(0));
		assertEquals(h * s, out.dimension(1));
		int[] got = PlainRgb.pixels(out);
		for (int i = 0; i < expected.length; i++)
			if (expected[i] != got[i]) assertEquals(Integer.toHexString(expected[i]), Integer
				.toHexString(got[i]), what + ": pixel " + i % (w * s) + ", " + i / (w * s));
		long clamped = 0;
		for (int p : got)
			if ((p & 0xff) == 0 || (p & 0xff) == 255) clamped++;
		assertTrue(w * h < 100 || clamped > 0, what + ": nothing reached the clamp");
	}

	private static List<Path> list(String set) throws IOException {
		try (Stream<Path> s = Files.list(TestData.set(set))) {
			return s.filter(p -> p.toString().endsWith(".png")).sorted().collect(Collectors.toList());
		}
	}

	/**
	 * A stand-in network, halo 1: each pixel pushed away from its 3x3 mean (so that it leaves
	 * [0, 1] at edges), then enlarged with a different slope per sub-pixel.
	 */
	private static final class Sharpening implements PlaneUpscaler {

		private final int scale;
		private final boolean parallel;

		Sharpening(int scale, boolean parallel) {
			this.scale = scale;
			this.parallel = parallel;
		}

		@Override
		public int scale() {
			return scale;
		}

		@Override
		public int halo() {
			return 1;
		}

		@Override
		public Optional<Executor> tileExecutor() {
			return parallel ? Optional.of(POOL) : Optional.empty();
		}

		@Override
		public FloatPlane upscale(FloatPlane in) {
			int w = in.width(), h = in.height();
			FloatPlane out = FloatPlane.zeros(w * scale, h * scale);
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					float sum = 0;
					for (int dy = -1; dy <= 1; dy++)
						for (int dx = -1; dx <= 1; dx++) {
							int u = x + dx, v = y + dy;
							if (u >= 0 && v >= 0 && u < w && v < h) sum += in.get(u, v);
						}
					float centre = in.get(x, y), detail = centre - sum / 9;
					for (int j = 0; j < scale; j++)
						for (int i = 0; i < scale; i++)
							out.set(x * scale + i, y * scale + j, centre + detail * (1.5f + 0.25f * (i - j)));
				}
			return out;
		}
	}
}
