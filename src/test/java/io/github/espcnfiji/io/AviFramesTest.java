package io.github.espcnfiji.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.video.AviWriter;
import io.github.espcnfiji.video.Frame;
import io.github.espcnfiji.video.FramePixels;
import io.github.espcnfiji.video.VideoInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.ARGBType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AVI files written frame by frame read back through ImageJ's AVI reader. */
class AviFramesTest {

	private static final int W = 7, H = 5;

	@TempDir
	Path dir;

	private static Frame rgb(int i) {
		int[] px = new int[W * H];
		for (int k = 0; k < px.length; k++)
			px[k] = 0xff000000 | (k * 5 + i) << 16 | (k * 3) << 8 | (255 - k * 2);
		return Frame.of(i, ArrayImgs.argbs(px, W, H));
	}

	private static Frame gray(int i) {
		byte[] px = new byte[W * H];
		for (int k = 0; k < px.length; k++)
			px[k] = (byte) (k * 7 + i);
		return Frame.of(i, ArrayImgs.unsignedBytes(px, W, H));
	}

	private Path write(String name, AviWriter.Compression c, List<Frame> frames)
		throws IOException
	{
		Path file = dir.resolve(name);
		try (AviWriter out = AviWriter.create(file, new VideoInfo(W, H, frames.size(), 15, 1, null,
			null), c, false))
		{
			for (Frame f : frames)
				out.write(f);
			out.finish();
		}
		return file;
	}

	private static List<Frame> read(Path file) throws IOException {
		List<Frame> out = new ArrayList<>();
		try (AviFrames in = AviFrames.open(file)) {
			assertEquals(15.0, in.info().fps(), 1e-9);
			for (Frame f = in.next(); f != null; f = in.next())
				out.add(f);
			assertNull(in.next());
		}
		return out;
	}

	@Test
	void uncompressedAndPngFramesComeBackExactly() throws IOException {
		for (AviWriter.Compression c : new AviWriter.Compression[] { AviWriter.Compression.NONE,
			AviWriter.Compression.PNG })
		{
			List<Frame> colour = List.of(rgb(0), rgb(1), rgb(2));
			List<Frame> back = read(write(c.id() + "-rgb.avi", c, colour));
			assertEquals(3, back.size());
			for (int i = 0; i < 3; i++) {
				assertTrue(back.get(i).image().getType() instanceof ARGBType);
				assertArrayEquals(FramePixels.argb(colour.get(i)), FramePixels.argb(back.get(i)), c +
					" frame " + i);
			}
			List<Frame> grays = List.of(gray(0), gray(1));
			back = read(write(c.id() + "-gray.avi", c, grays));
			for (int i = 0; i < 2; i++) {
				assertTrue(FramePixels.isGray8(back.get(i)), c + " keeps gray frames 8-bit");
				assertArrayEquals(FramePixels.gray8(grays.get(i)), FramePixels.gray8(back.get(i)));
			}
		}
	}

	@Test
	void jpegFramesComeBackClose() throws IOException {
		List<Frame> back = read(write("jpeg.avi", AviWriter.Compression.JPEG, List.of(rgb(0), rgb(
			1))));
		int[] a = FramePixels.argb(rgb(1)), b = FramePixels.argb(back.get(1));
		double sum = 0;
		for (int i = 0; i < a.length; i++)
			for (int shift = 0; shift < 24; shift += 8)
				sum += Math.abs((a[i] >> shift & 0xff) - (b[i] >> shift & 0xff));
		assertTrue(sum / (3 * a.length) < 12, "mean error " + sum / (3 * a.length));
	}

	@Test
	void anUnfinishedAviLeavesNothing() throws IOException {
		Path file = dir.resolve("never.avi");
		try (AviWriter out = AviWriter.create(file, new VideoInfo(W, H, 2, 25, 1, null, null),
			AviWriter.Compression.PNG, false))
		{
			out.write(rgb(0));
		}
		assertFalse(Files.exists(file));
		try (var s = Files.list(dir)) {
			assertEquals(0, s.count());
		}
	}

	@Test
	void uncompressedVideosTooLargeForAviAreRefusedBeforeAnyWork() {
		IOException e = assertThrows(IOException.class, () -> AviWriter.create(dir.resolve(
			"huge.avi"), new VideoInfo(3840, 2160, 100, 25, 1, null, null), AviWriter.Compression.NONE,
			false));
		assertTrue(e.getMessage().startsWith("Cannot write huge.avi: 100 uncompressed 3840x2160 " +
			"frames take 2.3 GiB, and AVI files are limited to 2 GiB here"), e.getMessage());
	}

	@Test
	void anAviWithoutFramesIsRefused() throws IOException {
		Path empty = write("empty.avi", AviWriter.Compression.NONE, List.of());
		IOException e = assertThrows(IOException.class, () -> AviFrames.open(empty));
		assertTrue(e.getMessage().startsWith("cannot read " + empty), e.getMessage());
		assertTrue(e.getMessage().endsWith(": it holds no frames"), e
			.getMessage());
	}

	@Test
	void filesThatAreNotAviAreRefused() throws IOException {
		Path text = Files.writeString(dir.resolve("notes.avi"), "not a video at all");
		IOException e = assertThrows(IOException.class, () -> AviFrames.open(text));
		assertEquals("cannot read " + text + " as an AVI video: An error occurred reading the AVI " +
			"file. Not an AVI file.", e.getMessage());
	}
}
