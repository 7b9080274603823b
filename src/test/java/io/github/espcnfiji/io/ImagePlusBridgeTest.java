package io.github.espcnfiji.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;

import net.imglib2.RandomAccess;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.junit.jupiter.api.Test;

class ImagePlusBridgeTest {

	private static <T> T at(RandomAccess<T> ra, long... pos) {
		ra.setPosition(pos);
		return ra.get();
	}

	@Test
	void bytesAreWrappedWithoutCopying() {
		ImagePlus imp = new ImagePlus("b", new ByteProcessor(4, 3));
		imp.getProcessor().set(2, 1, 200);
		PlanarImg<UnsignedByteType, ByteArray> img = ImagePlusBridge.wrapBytes(imp);
		assertArrayEquals(new long[] { 4, 3 }, img.dimensionsAsLongArray());
		RandomAccess<UnsignedByteType> ra = img.randomAccess();
		assertEquals(200, at(ra, 2, 1).get(), "unsigned, not -56");
		at(ra, 3, 2).set(77);
		assertEquals(77, imp.getProcessor().get(3, 2), "the ImagePlus sees the Img's write");
		imp.getProcessor().set(0, 0, 9);
		assertEquals(9, at(ra, 0, 0).get(), "and the Img sees the ImagePlus's");
	}

	@Test
	void shortsAreWrappedWithoutCopying() {
		ImagePlus imp = new ImagePlus("s", new ShortProcessor(4, 3));
		imp.getProcessor().set(1, 2, 60000);
		PlanarImg<UnsignedShortType, ShortArray> img = ImagePlusBridge.wrapShorts(imp);
		RandomAccess<UnsignedShortType> ra = img.randomAccess();
		assertEquals(60000, at(ra, 1, 2).get());
		at(ra, 0, 1).set(65535);
		assertEquals(65535, imp.getProcessor().get(0, 1));
	}

	@Test
	void floatsAreWrappedWithoutCopying() {
		ImagePlus imp = new ImagePlus("f", new FloatProcessor(4, 3));
		PlanarImg<FloatType, FloatArray> img = ImagePlusBridge.wrapFloats(imp);
		at(img.randomAccess(), 3, 0).set(-1.5f);
		assertEquals(-1.5f, imp.getProcessor().getf(3, 0));
	}

	@Test
	void rgbIsWrappedAsArgbWithoutCopying() {
		ImagePlus imp = new ImagePlus("c", new ColorProcessor(4, 3));
		imp.getProcessor().putPixel(1, 1, new int[] { 10, 20, 30 });
		PlanarImg<ARGBType, IntArray> img = ImagePlusBridge.wrapRgb(imp);
		RandomAccess<ARGBType> ra = img.randomAccess();
		int v = at(ra, 1, 1).get();
		assertEquals(10, ARGBType.red(v));
		assertEquals(20, ARGBType.green(v));
		assertEquals(30, ARGBType.blue(v));
		at(ra, 2, 2).set(ARGBType.rgba(1, 2, 3, 255));
		assertArrayEquals(new int[] { 1, 2, 3 }, imp.getProcessor().getPixel(2, 2, null));
	}

	@Test
	void aHyperstackIsXYNInImageJOrderAndCanBeRebuilt() {
		ImageStack stack = new ImageStack(2, 2);
		for (int i = 0; i < 6; i++) {
			ByteProcessor bp = new ByteProcessor(2, 2);
			bp.set(0, 0, i);
			stack.addSlice(bp);
		}
		ImagePlus imp = new ImagePlus("h", stack);
		imp.setDimensions(2, 3, 1);
		PlanarImg<UnsignedByteType, ByteArray> img = ImagePlusBridge.wrapBytes(imp);
		assertArrayEquals(new long[] { 2, 2, 6 }, img.dimensionsAsLongArray());
		// channel 2, slice 3 is stack index 6, plane 5
		assertEquals(imp.getStackIndex(2, 3, 1) - 1, at(img.randomAccess(), 0, 0, 5).get());
		ImagePlus back = ImagePlusBridge.toImagePlus("back", img, 2, 3, 1);
		assertEquals(2, back.getNChannels());
		assertEquals(3, back.getNSlices());
		assertEquals(1, back.getNFrames());
		assertSame(stack.getPixels(4), back.getStack().getPixels(4));
		assertThrows(IllegalArgumentException.class, () -> ImagePlusBridge.toImagePlus("x", img,
			2, 2, 2));
	}

	@Test
	void wrappedImagesGoBackSharingTheirArrays() {
		ImagePlus[] images = { new ImagePlus("8", new ByteProcessor(3, 2)), new ImagePlus("16",
			new ShortProcessor(3, 2)), new ImagePlus("32", new FloatProcessor(3, 2)),
			new ImagePlus("rgb", new ColorProcessor(3, 2)) };
		for (ImagePlus imp : images) {
			ImagePlus back = ImagePlusBridge.toImagePlus("back", ImagePlusBridge.wrap(imp));
			assertEquals(imp.getBitDepth(), back.getBitDepth(), imp.getTitle());
			assertEquals(3, back.getWidth());
			assertEquals(2, back.getHeight());
			assertSame(imp.getProcessor().getPixels(), back.getProcessor().getPixels(), imp
				.getTitle());
		}
	}

	@Test
	void aTwoDimensionalArrayImgIsShared() {
		float[] data = { 1, 2, 3, 4, 5, 6 };
		ImagePlus imp = ImagePlusBridge.toImagePlus("a", ArrayImgs.floats(data, 3, 2));
		assertEquals(32, imp.getBitDepth());
		assertSame(data, imp.getProcessor().getPixels());
		assertEquals(6f, imp.getProcessor().getf(2, 1));
	}

	@Test
	void otherImagesAreCopiedPlaneByPlane() {
		ArrayImg<UnsignedByteType, ByteArray> volume = ArrayImgs.unsignedBytes(new byte[] { 1, 2, 3,
			4, 5, 6, 7, 8, 9, 10, 11, (byte) 255 }, 2, 3, 2);
		ImagePlus imp = ImagePlusBridge.toImagePlus("v", volume);
		assertEquals(8, imp.getBitDepth());
		assertEquals(2, imp.getStackSize());
		assertEquals(7, imp.getStack().getProcessor(2).get(0, 0));
		assertEquals(255, imp.getStack().getProcessor(2).get(1, 2));

		ImagePlus sub = ImagePlusBridge.toImagePlus("crop", Views.interval(volume, new long[] { 1,
			1, 1 }, new long[] { 1, 2, 1 }));
		assertEquals(1, sub.getWidth());
		assertEquals(2, sub.getHeight());
		assertArrayEquals(new byte[] { 10, (byte) 255 }, (byte[]) sub.getProcessor().getPixels());
	}

	@Test
	void otherRealTypesBecome32Bit() {
		ImagePlus imp = ImagePlusBridge.toImagePlus("d", ArrayImgs.doubles(new double[] { 0.25,
			-7, 1e3, 2 }, 2, 2));
		assertEquals(32, imp.getBitDepth());
		assertEquals(1e3f, imp.getProcessor().getf(0, 1));
	}

	@Test
	void refusesTheWrongTypeAndTooFewDimensions() {
		ImagePlus imp = new ImagePlus("b", new ByteProcessor(2, 2));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> ImagePlusBridge.wrapFloats(imp));
		assertTrue(e.getMessage().contains("8-bit"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> ImagePlusBridge.toImagePlus("1d",
			ArrayImgs.floats(4)));
		assertThrows(IllegalArgumentException.class, () -> ImagePlusBridge.toImagePlus("t",
			ArrayImgs.doubles(2, 2), 2, 1, 1));
	}
}
