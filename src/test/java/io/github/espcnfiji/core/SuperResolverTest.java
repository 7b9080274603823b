package io.github.espcnfiji.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.testing.BoxUpscaler;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.cell.CellImgFactory;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.junit.jupiter.api.Test;

class SuperResolverTest {

	private static final int SCALE = 2;

	/** Box mean of radius 1 and nearest-neighbour x2: easy to predict by hand. */
	private static SuperResolver box(int tile) {
		return new SuperResolver(new BoxUpscaler(SCALE, 1), SuperResolver.Options.defaults()
			.withTileSize(tile));
	}

	private static ArrayImg<UnsignedByteType, ByteArray> randomBytes(long seed, long... dims) {
		ArrayImg<UnsignedByteType, ByteArray> img = ArrayImgs.unsignedBytes(dims);
		Random random = new Random(seed);
		for (UnsignedByteType t : img)
			t.set(random.nextInt(256));
		return img;
	}

	private static <T extends RealType<T>> float[] values(RandomAccessibleInterval<T> img) {
		List<Float> out = new ArrayList<>();
		for (T t : Views.flatIterable(img))
			out.add(t.getRealFloat());
		float[] a = new float[out.size()];
		for (int i = 0; i < a.length; i++)
			a[i] = out.get(i);
		return a;
	}

	@Test
	void eightBitConstantImageKeepsItsValueInsideAndDarkensAtTheZeroPaddedEdges() {
		Img<UnsignedByteType> out = box(256).upscale(ArrayImgs.unsignedBytes(new byte[] { 90, 90,
			90, 90, 90, 90, 90, 90, 90 }, 3, 3));
		assertArrayEquals(new long[] { 6, 6 }, out.dimensionsAsLongArray());
		// corners see 4 of 9 pixels: 90 * 4 / 9 = 40; edges 6 of 9: 60; the centre 90
		assertArrayEquals(new float[] {
			40, 40, 60, 60, 40, 40,
			40, 40, 60, 60, 40, 40,
			60, 60, 90, 90, 60, 60,
			60, 60, 90, 90, 60, 60,
			40, 40, 60, 60, 40, 40,
			40, 40, 60, 60, 40, 40 }, values(out));
	}

	@Test
	void eightBitRoundsToNearest() {
		// the corner of 10, 0 / 0, 0 is 10/9 = 1.11 -> 1; of 14 it is 1.56 -> 2
		assertEquals(1f, values(box(256).upscale(ArrayImgs.unsignedBytes(new byte[] { 10, 0, 0, 0 },
			2, 2)))[0]);
		assertEquals(2f, values(box(256).upscale(ArrayImgs.unsignedBytes(new byte[] { 14, 0, 0, 0 },
			2, 2)))[0]);
	}

	@Test
	void sixteenBitStackSharesOneRangeSoAConstantSliceStillFeelsTheEdges() {
		// slice 0 is constant 1500, slice 1 spans 1000..2000: the range is [1000, 2000], so slice 0
		// is 0.5 everywhere and its corner becomes 1000 + 1000 * 0.5 * 4/9 = 1222.2 -> 1222
		ArrayImg<UnsignedShortType, ShortArray> stack = ArrayImgs.unsignedShorts(new short[] { 1500,
			1500, 1500, 1500, 1000, 2000, 2000, 1000 }, 2, 2, 2);
		Img<UnsignedShortType> out = box(256).upscale(stack);
		assertArrayEquals(new long[] { 4, 4, 2 }, out.dimensionsAsLongArray());
		float[] slice0 = values(Views.hyperSlice(out, 2, 0));
		for (float v : slice0)
			assertEquals(1222f, v);
		// a lone constant slice maps to 0 and comes back exactly
		for (float v : values(box(256).upscale(Views.hyperSlice(stack, 2, 0))))
			assertEquals(1500f, v);
	}

	@Test
	void floatIsMappedByMinMaxAndBackUnrounded() {
		// range [-1, 2] maps -1, 0, 0.5, 2 to 0, 1/3, 1/2, 1; every pixel of a 2x2 image sees all
		// four of the 9 pixels in its box, so each output is -1 + 3 * (0 + 1/3 + 1/2 + 1) / 9
		Img<FloatType> out = box(256).upscale(ArrayImgs.floats(new float[] { -1f, 0f, 0.5f, 2f }, 2,
			2));
		float corner = (float) (-1 + 3 * ((0 + 1 / 3.0 + 0.5 + 1) / 9));
		for (float v : values(out))
			assertEquals(corner, v, 1e-6f);
		assertEquals(FloatType.class, out.getType().getClass());
	}

	@Test
	void eachPlaneOfAStackComesOutAsIfAlone() {
		ArrayImg<UnsignedByteType, ByteArray> stack = randomBytes(1, 13, 9, 3);
		Img<UnsignedByteType> out = box(5).upscale(stack);
		assertArrayEquals(new long[] { 26, 18, 3 }, out.dimensionsAsLongArray());
		for (int z = 0; z < 3; z++) {
			Img<UnsignedByteType> alone = box(256).upscale(copy(Views.hyperSlice(stack, 2, z)));
			assertArrayEquals(values(alone), values(Views.hyperSlice(out, 2, z)), "plane " + z);
		}
	}

	@Test
	void aFiveDimensionalImageKeepsItsExtraDimensionsAndPlaneOrder() {
		// X, Y, C, Z, T
		ArrayImg<UnsignedByteType, ByteArray> img = randomBytes(2, 7, 5, 2, 3, 2);
		Img<UnsignedByteType> out = box(4).upscale(img);
		assertArrayEquals(new long[] { 14, 10, 2, 3, 2 }, out.dimensionsAsLongArray());
		assertEquals(UnsignedByteType.class, out.getType().getClass());
		// the plane at c = 1, z = 2, t = 1
		RandomAccessibleInterval<UnsignedByteType> in = Views.hyperSlice(Views.hyperSlice(Views
			.hyperSlice(img, 4, 1), 3, 2), 2, 1);
		RandomAccessibleInterval<UnsignedByteType> got = Views.hyperSlice(Views.hyperSlice(Views
			.hyperSlice(out, 4, 1), 3, 2), 2, 1);
		assertArrayEquals(values(box(256).upscale(copy(in))), values(got));
	}

	@Test
	void viewsAndCellImagesGiveWhatArrayImagesGive() {
		ArrayImg<UnsignedShortType, ShortArray> img = ArrayImgs.unsignedShorts(9, 8, 2);
		Random random = new Random(3);
		for (UnsignedShortType t : img)
			t.set(random.nextInt(65536));
		float[] expected = values(box(4).upscale(img));
		Img<UnsignedShortType> cells = new CellImgFactory<>(new UnsignedShortType(), 3).create(9, 8,
			2);
		copyInto(img, cells);
		assertArrayEquals(expected, values(box(4).upscale(cells)));
		// a translated view: its min is not zero
		assertArrayEquals(expected, values(box(4).upscale(Views.translate(img, 5, -3, 7))));
		// a PlanarImg
		PlanarImg<UnsignedShortType, ?> planar = new net.imglib2.img.planar.PlanarImgFactory<>(
			new UnsignedShortType()).create(9, 8, 2);
		copyInto(img, planar);
		assertArrayEquals(expected, values(box(4).upscale(planar)));
	}

	@Test
	void rgbLumaGoesThroughTheUpscalerAndChromaThroughBicubic() {
		int w = 12, h = 10;
		ArrayImg<ARGBType, IntArray> rgb = ArrayImgs.argbs(w, h);
		Random random = new Random(4);
		for (ARGBType t : rgb) // muted colours, so that nothing clips
			t.set(ARGBType.rgba(60 + random.nextInt(120), 60 + random.nextInt(120), 60 + random
				.nextInt(120), 17));
		Img<ARGBType> out = box(5).upscaleRgb(rgb);
		assertArrayEquals(new long[] { 24, 20 }, out.dimensionsAsLongArray());

		FloatPlane[] channels = channels(rgb, w, h);
		FloatPlane[] ycc = YCbCr.fromRgb(channels[0], channels[1], channels[2]);
		FloatPlane y01 = ycc[0].copy();
		for (int i = 0; i < y01.data().length; i++)
			y01.data()[i] /= 255f;
		float[] ySr = new BoxUpscaler(SCALE, 1).upscale(y01).data();
		for (int i = 0; i < ySr.length; i++)
			ySr[i] *= 255f;
		FloatPlane[] expected = YCbCr.toRgb(new FloatPlane(ySr, 2 * w, 2 * h), MatlabResize.upscale(
			ycc[1], SCALE), MatlabResize.upscale(ycc[2], SCALE));

		FloatPlane[] got = channels(out, 2 * w, 2 * h);
		FloatPlane gotY = YCbCr.lumaOf(got[0], got[1], got[2]);
		int unclipped = 0;
		for (int i = 0; i < ySr.length; i++) {
			boolean clipped = false;
			for (int c = 0; c < 3; c++) {
				float e = expected[c].data()[i];
				assertEquals(Quantize.roundClamp(e, 0, 255), got[c].data()[i], "channel " + c + " at " +
					i);
				clipped |= e < 0 || e > 255;
			}
			// where no channel clips, rounding R, G and B by up to 0.5 moves Y by up to
			// 219 / 255 * 0.5 = 0.43 from what the upscaler made
			if (!clipped) {
				unclipped++;
				assertEquals(ySr[i], gotY.data()[i], 0.43f, "Y at " + i);
			}
		}
		// only the dark zero-padded rim clips
		assertTrue(unclipped >= (2 * w - 2) * (2 * h - 2), "unclipped: " + unclipped);
		for (ARGBType t : out)
			assertEquals(255, ARGBType.alpha(t.get()));
	}

	@Test
	void rgbStacksArePlaneByPlane() {
		ArrayImg<ARGBType, IntArray> stack = ArrayImgs.argbs(6, 5, 2);
		Random random = new Random(5);
		for (ARGBType t : stack)
			t.set(random.nextInt() | 0xff000000);
		Img<ARGBType> out = box(3).upscaleRgb(stack);
		assertArrayEquals(new long[] { 12, 10, 2 }, out.dimensionsAsLongArray());
		for (int z = 0; z < 2; z++) {
			ArrayImg<ARGBType, IntArray> plane = ArrayImgs.argbs(6, 5);
			copyInto(Views.hyperSlice(stack, 2, z), plane);
			Img<ARGBType> alone = box(256).upscaleRgb(plane);
			Cursor<ARGBType> a = Views.flatIterable(alone).cursor();
			for (ARGBType t : Views.flatIterable(Views.hyperSlice(out, 2, z)))
				assertEquals(a.next().get(), t.get());
		}
	}

	@Test
	void reportsPlanesAndTilesAndStopsWhenCancelled() {
		List<String> seen = new ArrayList<>();
		new SuperResolver(new BoxUpscaler(2, 1), SuperResolver.Options.defaults().withTileSize(4)
			.withProgress((plane, planes, done, tiles) -> seen.add(plane + "/" + planes + ":" + done +
				"/" + tiles))).upscale(randomBytes(6, 8, 4, 2));
		assertEquals(List.of("0/2:1/2", "0/2:2/2", "1/2:1/2", "1/2:2/2"), seen);

		int[] tiles = { 0 };
		SuperResolver cancelling = new SuperResolver(new BoxUpscaler(2, 1), SuperResolver.Options
			.defaults().withTileSize(4).withProgress((plane, planes, done, total) -> tiles[0]++)
			.withCancellation(() -> tiles[0] >= 3));
		assertThrows(CancellationException.class, () -> cancelling.upscale(randomBytes(6, 8, 4,
			2)));
		assertEquals(3, tiles[0]);
	}

	@Test
	void otherPixelTypesAreRejectedWithAClearMessage() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> box(4)
			.upscale(ArrayImgs.doubles(4, 4)));
		assertEquals("Pixel type DoubleType is not supported: convert the image to 8-bit, 16-bit " +
			"or 32-bit gray, or to RGB color", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> box(4).upscale(ArrayImgs.bytes(4,
			4)));
		assertTrue(e.getMessage().startsWith("Pixel type ByteType is not supported"));
		e = assertThrows(IllegalArgumentException.class, () -> box(4).upscale(ArrayImgs
			.unsignedBytes(4)));
		assertEquals("Super-resolution needs an image with X and Y, got 1 dimension(s)", e
			.getMessage());
	}

	@Test
	void floatImagesWithNaNAreRejected() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> box(4)
			.upscale(ArrayImgs.floats(new float[] { 0, Float.NaN, 1, 2 }, 2, 2)));
		assertTrue(e.getMessage().startsWith("The image contains NaN pixels"), e.getMessage());
	}

	private static Img<UnsignedByteType> copy(RandomAccessibleInterval<UnsignedByteType> in) {
		ArrayImg<UnsignedByteType, ByteArray> out = ArrayImgs.unsignedBytes(in
			.dimensionsAsLongArray());
		copyInto(in, out);
		return out;
	}

	private static <T extends net.imglib2.type.Type<T>> void copyInto(RandomAccessibleInterval<T> from,
		RandomAccessibleInterval<T> to)
	{
		Cursor<T> c = Views.flatIterable(to).cursor();
		for (T t : Views.flatIterable(from))
			c.next().set(t);
	}

	private static FloatPlane[] channels(RandomAccessibleInterval<ARGBType> img, int w, int h) {
		FloatPlane[] p = { FloatPlane.zeros(w, h), FloatPlane.zeros(w, h), FloatPlane.zeros(w, h) };
		int i = 0;
		for (ARGBType t : Views.flatIterable(img)) {
			p[0].data()[i] = ARGBType.red(t.get());
			p[1].data()[i] = ARGBType.green(t.get());
			p[2].data()[i] = ARGBType.blue(t.get());
			i++;
		}
		return p;
	}
}
