package io.github.espcnfiji.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.LUT;

import java.awt.Color;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Which 8-bit images hold palette indexes rather than intensities. */
class IndexedColourTest {

	private static LUT palette() {
		byte[] r = new byte[256], g = new byte[256], b = new byte[256];
		new Random(1).nextBytes(r);
		new Random(2).nextBytes(g);
		new Random(3).nextBytes(b);
		return new LUT(r, g, b);
	}

	@Test
	void aPaletteIsIndexedColourAGreyOrPseudoColourRampIsNot() {
		ByteProcessor grey = new ByteProcessor(4, 4);
		assertFalse(IndexedColour.is(new ImagePlus("grey", grey)));
		ByteProcessor fire = new ByteProcessor(4, 4);
		fire.setLut(LUT.createLutFromColor(Color.RED));
		assertFalse(IndexedColour.is(new ImagePlus("red ramp", fire)));
		ByteProcessor inverted = new ByteProcessor(4, 4);
		inverted.invertLut();
		assertFalse(IndexedColour.is(inverted));
		ByteProcessor indexed = new ByteProcessor(4, 4);
		indexed.setLut(palette());
		assertTrue(IndexedColour.is(new ImagePlus("palette", indexed)));
		assertTrue(IndexedColour.is(indexed));
	}

	@Test
	void aCompositeWithAColourPerChannelIsNotIndexedColour() {
		ImageStack stack = new ImageStack(4, 4);
		stack.addSlice(new ByteProcessor(4, 4));
		stack.addSlice(new ByteProcessor(4, 4));
		ImagePlus imp = new ImagePlus("two channels", stack);
		imp.setDimensions(2, 1, 1);
		CompositeImage composite = new CompositeImage(imp, CompositeImage.COMPOSITE);
		composite.setChannelLut(palette(), 1);
		assertFalse(IndexedColour.is(composite));
	}
}
