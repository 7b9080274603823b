package io.github.espcnfiji.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What decoders patch up quietly (a missing part filled with black, a second page of another
 * size dropped) or fail on with a stack trace is refused before decoding, with one line that
 * names the file; sound files of every checked format still open.
 */
class ImageFileCheckTest {

	@TempDir
	Path dir;

	/** Opening fails with one line naming the file; the file is left as it was. */
	private static String refused(Path file) throws IOException {
		return refused(file, ImageFiles.DEFAULT_MAX_PIXELS);
	}

	private static String refused(Path file, long maxPixels) throws IOException {
		byte[] before = Files.readAllBytes(file);
		IOException e = assertThrows(IOException.class, () -> ImageFiles.open(file, maxPixels)
			.close());
		String m = e.getMessage();
		assertTrue(m.startsWith(file.getFileName().toString()), m);
		assertFalse(m.contains("\n"), m);
		assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(file)), "input changed");
		return m;
	}

	private static void opens(Path file, int w, int h, int slices) throws IOException {
		ImagePlus imp = ImageFiles.open(file);
		try {
			assertEquals(w, imp.getWidth());
			assertEquals(h, imp.getHeight());
			assertEquals(slices, imp.getStackSize());
		}
		finally {
			imp.close();
		}
	}

	@Test
	void soundFilesOfEveryCheckedFormatOpen() throws IOException {
		opens(BrokenImages.png(dir.resolve("a.png"), 40, 30), 40, 30, 1);
		opens(BrokenImages.jpeg(dir.resolve("a.jpg"), 40, 30), 40, 30, 1);
		opens(BrokenImages.tiff(dir.resolve("a.tif"), new int[][] { { 40, 30 } }, null), 40, 30, 1);
		opens(BrokenImages.tiff(dir.resolve("stack.tif"), new int[][] { { 40, 30 }, { 40, 30 }, {
			40, 30 } }, null), 40, 30, 3);
	}

	@Test
	void aPngCutInItsImageDataIsRefused() throws IOException {
		Path f = BrokenImages.truncate(BrokenImages.png(dir.resolve("cut.png"), 64, 48), 400);
		assertTrue(refused(f).startsWith("cut.png is truncated: its IDAT chunk"));
	}

	@Test
	void aPngWithoutItsEndChunkIsRefused() throws IOException {
		Path f = BrokenImages.truncate(BrokenImages.png(dir.resolve("noend.png"), 64, 48), -12);
		assertEquals("noend.png is truncated: it ends without its IEND chunk", refused(f));
	}

	@Test
	void aTruncatedTiffIsRefusedInsteadOfFilledWithBlack() throws IOException {
		Path f = BrokenImages.truncate(BrokenImages.tiff(dir.resolve("cut.tif"), new int[][] { {
			64, 48 } }, null), 1500);
		assertTrue(refused(f).startsWith("cut.tif is truncated: the image data of page 1 runs to " +
			"byte"));
	}

	@Test
	void aTruncatedImageJTiffIsRefused() throws IOException {
		Path f = dir.resolve("ij.tif");
		ImageFiles.write(f, new io.github.espcnfiji.core.FloatPlane[] { new io.github.espcnfiji.core.FloatPlane(
			new float[64 * 48], 64, 48) }, 8, false);
		BrokenImages.truncate(f, (int) Files.size(f) / 2);
		assertTrue(refused(f).startsWith("ij.tif is truncated"));
	}

	@Test
	void aTruncatedJpegIsRefusedNotJustWarnedAbout() throws IOException {
		Path f = BrokenImages.jpeg(dir.resolve("cut.jpg"), 64, 48);
		BrokenImages.truncate(f, (int) Files.size(f) * 2 / 3);
		assertEquals("cut.jpg is truncated: it ends before its end-of-image marker", refused(f));
	}

	@Test
	void aMultiPageTiffWithPagesOfDifferentSizesIsRefusedNotCutToItsFirstPage()
		throws IOException
	{
		Path f = BrokenImages.tiff(dir.resolve("pages.tif"), new int[][] { { 40, 30 }, { 20, 10 } },
			null);
		assertEquals("pages.tif holds pages of different sizes (page 1 is 40x30, page 2 is 20x10); " +
			"only a multi-page TIFF of one size can be read (as a stack): save its pages as " +
			"separate files", refused(f));
	}

	@Test
	void aTinyTiffClaimingAHugeSizeIsRefusedAsDamaged() throws IOException {
		Path f = BrokenImages.tiff(dir.resolve("liar.tif"), new int[][] { { 8, 8 } }, new int[] {
			100000, 100000 });
		assertTrue(Files.size(f) < 300);
		assertEquals("liar.tif claims 100000x100000 pixels, more than its 64 bytes of image data " +
			"could hold: the file is damaged or truncated", refused(f));
	}

	@Test
	void aPngClaimingAHugeSizeIsRefusedAsDamaged() throws IOException {
		Path f = BrokenImages.pngClaiming(BrokenImages.png(dir.resolve("liar.png"), 16, 16), 100000,
			100000);
		assertTrue(refused(f).startsWith("liar.png claims 100000x100000 pixels, more than its "));
	}

	@Test
	void aJpegHeaderClaiming65535SquaredIsRefusedAsDamaged() throws IOException {
		Path f = BrokenImages.jpegClaiming(BrokenImages.jpeg(dir.resolve("liar.jpg"), 32, 32), 65535,
			65535);
		assertTrue(refused(f).startsWith("liar.jpg claims 65535x65535 pixels, more than its "));
	}

	@Test
	void aCmykJpegIsRefusedWithWhatToDo() throws IOException {
		Path f = BrokenImages.cmykJpeg(dir.resolve("print.jpg"), 32, 24);
		assertEquals("print.jpg is a CMYK JPEG (4 colour channels), which cannot be read here; " +
			"convert it to RGB first", refused(f));
	}

	@Test
	void moreThanMaxPixelsIsRefusedUnlessTheLimitIsRaised() throws IOException {
		Path f = BrokenImages.png(dir.resolve("big.png"), 64, 48);
		assertEquals("big.png is 64x48 = 3072 pixels, more than the limit of 1000 pixels that " +
			"guards against damaged or hostile files; raise it with --max-pixels N if the image is " +
			"real", refused(f, 1000));
		opens(f, 64, 48, 1);
		ImageFiles.open(f, 64 * 48).close();
	}

	@Test
	void bmpGifAndPgmAreCheckedToo() throws IOException {
		java.awt.image.BufferedImage picture = BrokenImages.picture(40, 30);
		Path bmp = dir.resolve("a.bmp"), gif = dir.resolve("a.gif"), pgm = dir.resolve("a.pgm");
		javax.imageio.ImageIO.write(picture, "bmp", bmp.toFile());
		javax.imageio.ImageIO.write(picture, "gif", gif.toFile());
		byte[] header = "P5\n# made by a test\n40 30\n255\n".getBytes(java.nio.charset.StandardCharsets
			.US_ASCII);
		byte[] pixels = new byte[40 * 30];
		Files.write(pgm, java.nio.ByteBuffer.allocate(header.length + pixels.length).put(header).put(
			pixels).array());
		opens(bmp, 40, 30, 1);
		opens(gif, 40, 30, 1);
		opens(pgm, 40, 30, 1);
		assertTrue(refused(BrokenImages.truncate(bmp, (int) Files.size(bmp) - 100)).startsWith(
			"a.bmp is truncated: its 30 rows need 3600 bytes"));
		assertEquals("a.gif is truncated: it ends inside a data block", refused(BrokenImages.truncate(
			gif, (int) Files.size(gif) / 2)));
		assertEquals("a.pgm is truncated: its 40x30 samples need 1200 bytes, and 1100 follow the " +
			"header", refused(BrokenImages.truncate(pgm, -100)));
	}

	@Test
	void aBmpClaimingAHugeSizeIsRefused() throws IOException {
		Path bmp = dir.resolve("liar.bmp");
		javax.imageio.ImageIO.write(BrokenImages.picture(8, 8), "bmp", bmp.toFile());
		byte[] b = Files.readAllBytes(bmp);
		java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(18, 100000)
			.putInt(22, 100000);
		Files.write(bmp, b);
		assertTrue(refused(bmp).startsWith("liar.bmp is truncated: its 100000 rows need"));
	}

	@Test
	void aNameThatIsNotValidInTheCharacterSetIsNamedAsTheReason() throws Exception {
		java.io.File sh = new java.io.File("/bin/sh");
		org.junit.jupiter.api.Assumptions.assumeTrue(sh.canExecute(), "needs /bin/sh");
		BrokenImages.png(dir.resolve("plain.png"), 24, 24);
		// a Latin-1 name (byte E9), which Java cannot make itself under a UTF-8 locale
		Process p = new ProcessBuilder("/bin/sh", "-c", "cp plain.png \"$(printf 'caf\\351.png')\"")
			.directory(dir.toFile()).start();
		assertEquals(0, p.waitFor());
		org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.charset.Charset.forName(System
			.getProperty("sun.jnu.encoding")).equals(java.nio.charset.StandardCharsets.UTF_8),
			"a UTF-8 file-name character set");
		Path odd = null;
		for (Path f : ImageFiles.list(dir))
			if (!f.getFileName().toString().equals("plain.png")) odd = f;
		Path found = odd;
		IOException e = assertThrows(IOException.class, () -> ImageFiles.open(found).close());
		assertTrue(e.getMessage().endsWith(": its name is not valid in this system's character " +
			"set (UTF-8), so ImageJ cannot open it by name; rename the file"), e.getMessage());
		ImageFiles.open(dir.resolve("plain.png")).close();
	}
}
