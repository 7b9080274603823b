package io.github.espcnfiji.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.core.FloatPlane;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ByteProcessor;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageFilesTest {

	@TempDir
	Path dir;

	/** A 5x4 plane whose value at (x, y) is offset + 10y + x. */
	private static FloatPlane ramp(float offset) {
		FloatPlane p = FloatPlane.zeros(5, 4);
		for (int y = 0; y < 4; y++)
			for (int x = 0; x < 5; x++)
				p.set(x, y, offset + 10 * y + x);
		return p;
	}

	private List<String> filesInDir() throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
		}
	}

	@ParameterizedTest(name = "{1}-bit as {0}")
	@CsvSource({ "a.png, 8, 100", "a.png, 16, 40000", "a.tif, 8, 3", "a.tiff, 16, 1000",
		"a.tif, 32, -2.5" })
	void greyPlanesRoundTripOnTheirNativeScale(String name, int bitDepth, float offset)
		throws IOException
	{
		Path file = dir.resolve(name);
		ImageFiles.write(file, new FloatPlane[] { ramp(offset) }, bitDepth, false);
		LoadedImage img = ImageFiles.read(file);
		assertEquals(bitDepth, img.bitDepth());
		assertEquals(1, img.channels());
		assertEquals(1, img.slices());
		assertEquals(5, img.width());
		assertEquals(4, img.height());
		assertArrayEquals(ramp(offset).data(), img.planes()[0].data());
		assertEquals(List.of(name), filesInDir(), "no temporary file may be left behind");
	}

	@ParameterizedTest
	@CsvSource({ "c.png", "c.tif" })
	void rgbRoundTripsAsThreePlanes(String name) throws IOException {
		Path file = dir.resolve(name);
		FloatPlane[] rgb = { ramp(0), ramp(100), ramp(200) };
		ImageFiles.write(file, rgb, 24, false);
		LoadedImage img = ImageFiles.read(file);
		assertTrue(img.isRgb());
		assertEquals(24, img.bitDepth());
		assertEquals(name, img.title());
		for (int c = 0; c < 3; c++)
			assertArrayEquals(rgb[c].data(), img.planes()[c].data(), "channel " + c);
	}

	@Test
	void writtenImagesGetThePermissionsOfAnyNewFileThere() throws IOException {
		Path file = dir.resolve("shared.png");
		ImageFiles.write(file, new FloatPlane[] { new FloatPlane(new float[4], 2, 2) }, 8, false);
		Path plain = Files.createFile(dir.resolve("plain.txt"));
		assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(file));
		try (Stream<Path> left = Files.list(dir)) {
			assertEquals(List.of("plain.txt", "shared.png"), left.map(f -> f.getFileName().toString())
				.sorted().collect(Collectors.toList()), "no temporary file is left");
		}
	}

	@Test
	void writingRoundsAndClampsToTheType() throws IOException {
		Path file = dir.resolve("q.png");
		FloatPlane p = new FloatPlane(new float[] { -3, 2.5f, 2.4f, 300 }, 2, 2);
		ImageFiles.write(file, new FloatPlane[] { p }, 8, false);
		assertArrayEquals(new float[] { 0, 3, 2, 255 }, ImageFiles.read(file).planes()[0]
			.data());
	}

	@Test
	void refusesToOverwriteUnlessAsked() throws IOException {
		Path file = dir.resolve("o.png");
		ImageFiles.write(file, new FloatPlane[] { ramp(1) }, 8, false);
		FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
			() -> ImageFiles.write(file, new FloatPlane[] { ramp(50) }, 8, false));
		assertTrue(e.getMessage().contains("overwrit"), e.getMessage());
		assertEquals(1f, ImageFiles.read(file).planes()[0].get(0, 0), "the old file is intact");
		ImageFiles.write(file, new FloatPlane[] { ramp(50) }, 8, true);
		assertEquals(50f, ImageFiles.read(file).planes()[0].get(0, 0));
		assertEquals(List.of("o.png"), filesInDir());
	}

	@Test
	void refusesFormatsThatCannotHoldTheImage() {
		FloatPlane[] one = { ramp(0) };
		assertThrows(IllegalArgumentException.class, () -> ImageFiles.write(dir.resolve("f.png"),
			one, 32, false));
		assertThrows(IllegalArgumentException.class, () -> ImageFiles.write(dir.resolve("f.jpg"),
			one, 8, false));
		assertThrows(IllegalArgumentException.class, () -> ImageFiles.write(dir.resolve("f.tif"),
			one, 24, false));
		assertThrows(NoSuchFileException.class, () -> ImageFiles.write(dir.resolve("no/f.tif"),
			one, 8, false));
	}

	@Test
	void aMissingFileIsNamedInTheError() {
		Path missing = dir.resolve("missing.png");
		NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> ImageFiles.read(
			missing));
		assertTrue(e.getMessage().contains("missing.png"), e.getMessage());
	}

	@Test
	void aTextFileIsNotAnImage() throws IOException {
		Path text = Files.writeString(dir.resolve("notes.txt"), "hello\nworld\n",
			StandardCharsets.UTF_8);
		IOException e = assertThrows(IOException.class, () -> ImageFiles.read(text));
		assertTrue(e.getMessage().contains("cannot read"), e.getMessage());
		Path fake = Files.writeString(dir.resolve("fake.png"), "not really a png",
			StandardCharsets.UTF_8);
		assertThrows(IOException.class, () -> ImageFiles.read(fake));
		assertThrows(IOException.class, () -> ImageFiles.read(dir));
	}

	@Test
	void aOneByOneImageIsRefused() throws IOException {
		Path file = dir.resolve("dot.png");
		ImageFiles.write(file, new FloatPlane[] { FloatPlane.zeros(1, 1) }, 8, false);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> ImageFiles.read(file));
		assertTrue(e.getMessage().contains("at least 2x2"), e.getMessage());
	}

	@Test
	void greyWithAnInvertedLutKeepsItsRawValues() throws IOException {
		ByteProcessor bp = new ByteProcessor(3, 2, new byte[] { 0, 10, 20, 30, 40, (byte) 250 });
		bp.invertLut();
		Path file = dir.resolve("lut.tif");
		assertTrue(new FileSaver(new ImagePlus("lut", bp)).saveAsTiff(file.toString()));
		assertArrayEquals(new float[] { 0, 10, 20, 30, 40, 250 }, ImageFiles.read(file)
			.planes()[0].data());
	}

	@Test
	void indexedColourBecomesRgb() throws IOException {
		byte[] r = { 0, (byte) 255, 0, 0 }, g = { 0, 0, (byte) 255, 0 }, b = { 0, 0, 0,
			(byte) 255 };
		BufferedImage bi = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_INDEXED,
			new IndexColorModel(2, 4, r, g, b));
		bi.getRaster().setDataElements(0, 0, 2, 2, new byte[] { 0, 1, 2, 3 });
		Path file = dir.resolve("palette.png");
		assertTrue(ImageIO.write(bi, "png", file.toFile()));
		LoadedImage img = ImageFiles.read(file);
		assertTrue(img.isRgb(), img.toString());
		assertArrayEquals(new float[] { 0, 255, 0, 0 }, img.planes()[0].data());
		assertArrayEquals(new float[] { 0, 0, 255, 0 }, img.planes()[1].data());
		assertArrayEquals(new float[] { 0, 0, 0, 255 }, img.planes()[2].data());
	}

	@Test
	void readsJpegAndBmp() throws IOException {
		BufferedImage bi = new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < 6; y++)
			for (int x = 0; x < 8; x++)
				bi.setRGB(x, y, 0x808080);
		for (String format : new String[] { "jpg", "bmp" }) {
			Path file = dir.resolve("grey." + format);
			assertTrue(ImageIO.write(bi, format, file.toFile()));
			LoadedImage img = ImageFiles.read(file);
			assertEquals(8, img.width(), format);
			float v = img.planes()[0].get(3, 3);
			assertTrue(Math.abs(v - 128) <= 2, format + " gave " + v);
		}
	}

	@Test
	void stacksGiveOneEntryPerSlice() throws IOException {
		ImageStack stack = new ImageStack(3, 2);
		stack.addSlice(new ByteProcessor(3, 2, new byte[] { 1, 2, 3, 4, 5, 6 }));
		stack.addSlice(new ByteProcessor(3, 2, new byte[] { 7, 8, 9, 10, 11, 12 }));
		Path file = dir.resolve("stack.tif");
		assertTrue(new FileSaver(new ImagePlus("stack", stack)).saveAsTiffStack(file
			.toString()));
		LoadedImage img = ImageFiles.read(file);
		assertEquals(2, img.slices());
		assertEquals(7f, img.slice(1)[0].get(0, 0));
	}

	@Test
	void listsImageFilesByNameAndNothingElse() throws IOException {
		for (String name : new String[] { "b.PNG", "a.tif", "c.jpg", "notes.txt", ".hidden.png" })
			Files.writeString(dir.resolve(name), "x");
		Files.createDirectory(dir.resolve("d.png"));
		List<Path> files = ImageFiles.list(dir);
		assertEquals(Arrays.asList("a.tif", "b.PNG", "c.jpg"), files.stream().map(p -> p
			.getFileName().toString()).collect(Collectors.toList()));
	}

	@Test
	void listingAFolderWithoutImagesIsAnError() throws IOException {
		Files.writeString(dir.resolve("readme.md"), "x");
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> ImageFiles.list(dir));
		assertTrue(e.getMessage().contains("No image files"), e.getMessage());
		assertThrows(NoSuchFileException.class, () -> ImageFiles.list(dir.resolve("nope")));
		assertThrows(NotDirectoryException.class, () -> ImageFiles.list(dir.resolve(
			"readme.md")));
	}
}
