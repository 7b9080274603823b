package io.github.espcnfiji.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.SuperResolver;
import io.github.espcnfiji.core.Tiler;

import java.util.Random;

import net.imglib2.Cursor;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real network cut into tiles gives what it gives on the whole image. */
class EspcnTilingTest {

	private static EspcnModel model;

	@BeforeAll
	static void load() {
		model = TestNetworks.varied(3, 7);
	}

	@AfterAll
	static void close() {
		model.close();
	}

	private static FloatPlane random(int w, int h, long seed) {
		Random random = new Random(seed);
		FloatPlane p = FloatPlane.zeros(w, h);
		for (int i = 0; i < p.data().length; i++)
			p.data()[i] = random.nextFloat();
		return p;
	}

	private static float maxAbsDiff(float[] a, float[] b) {
		assertEquals(a.length, b.length);
		float max = 0;
		for (int i = 0; i < a.length; i++)
			max = Math.max(max, Math.abs(a[i] - b[i]));
		return max;
	}

	@Test
	void theNetworkHasAHaloOfFourAndVariedOutputs() {
		assertEquals(4, model.halo());
		float[] out = model.upscale(random(20, 20, 1)).data();
		float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
		for (float v : out) {
			min = Math.min(min, v);
			max = Math.max(max, v);
		}
		assertTrue(max - min > 0.05, "outputs span only " + (max - min));
	}

	/** Odd sizes, tiles smaller than the halo, sizes not multiples of the tile, a single tile. */
	@ParameterizedTest
	@CsvSource({ "67, 45, 16", "19, 14, 3", "31, 33, 7", "50, 50, 64", "101, 23, 25" })
	void tiledEqualsWholeImageWithin1e5(int w, int h, int tile) {
		FloatPlane in = random(w, h, w * 1000L + h);
		FloatPlane whole = model.upscale(in);
		FloatPlane tiled = new Tiler(model, tile).upscale(in);
		assertEquals(whole.width(), tiled.width());
		assertEquals(whole.height(), tiled.height());
		float diff = maxAbsDiff(whole.data(), tiled.data());
		System.out.println("tiled " + w + "x" + h + " in tiles of " + tile + ": max |diff| " + diff);
		assertTrue(diff <= 1e-5f, "max |tiled - whole| = " + diff);
	}

	@Test
	void superResolverTiledEqualsUntiledOnFloatImages() {
		ArrayImg<FloatType, FloatArray> img = ArrayImgs.floats(random(61, 47, 5).data(), 61, 47);
		Img<FloatType> tiled = new SuperResolver(model, SuperResolver.Options.defaults()
			.withTileSize(20)).upscale(img);
		Img<FloatType> whole = new SuperResolver(model, SuperResolver.Options.defaults()
			.withTileSize(1000)).upscale(img);
		assertArrayEquals(new long[] { 183, 141 }, tiled.dimensionsAsLongArray());
		float max = 0;
		Cursor<FloatType> w = whole.cursor();
		for (FloatType t : tiled)
			max = Math.max(max, Math.abs(t.get() - w.next().get()));
		assertTrue(max <= 1e-5f, "max |tiled - whole| = " + max);
	}

	/**
	 * 8-bit results are rounded, so a float difference of 1e-6 can flip a value sitting on .5:
	 * tiled and untiled agree everywhere to within 1, and exactly almost everywhere.
	 */
	@Test
	void superResolverTiledEqualsUntiledOnEightBitImagesUpToRareRounding() {
		ArrayImg<UnsignedByteType, ByteArray> img = ArrayImgs.unsignedBytes(71, 53);
		Random random = new Random(6);
		for (UnsignedByteType t : img)
			t.set(random.nextInt(256));
		// the network's outputs are about 0 +- 0.1; shift them into the visible range
		Img<UnsignedByteType> tiled = new SuperResolver(shifted(model, 0.5f), SuperResolver.Options
			.defaults().withTileSize(16)).upscale(img);
		Img<UnsignedByteType> whole = new SuperResolver(shifted(model, 0.5f)).upscale(img);
		int differing = 0, maxDiff = 0, total = 0;
		Cursor<UnsignedByteType> w = whole.cursor();
		for (UnsignedByteType t : tiled) {
			int d = Math.abs(t.get() - w.next().get());
			maxDiff = Math.max(maxDiff, d);
			if (d != 0) differing++;
			total++;
		}
		System.out.println("8-bit tiled vs whole: " + differing + " of " + total +
			" pixels differ, by at most " + maxDiff);
		assertTrue(maxDiff <= 1, "max diff " + maxDiff);
		assertTrue(differing <= total / 1000, differing + " of " + total + " differ");
	}

	/** The model's output plus a constant: keeps the network's locality and halo. */
	private static io.github.espcnfiji.core.PlaneUpscaler shifted(EspcnModel m, float offset) {
		return new io.github.espcnfiji.core.PlaneUpscaler() {

			@Override
			public int scale() {
				return m.scale();
			}

			@Override
			public int halo() {
				return m.halo();
			}

			@Override
			public FloatPlane upscale(FloatPlane lowRes) {
				FloatPlane out = m.upscale(lowRes);
				for (int i = 0; i < out.data().length; i++)
					out.data()[i] += offset;
				return out;
			}
		};
	}
}
