package io.github.espcnfiji.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.espcnfiji.testing.TestData;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** YUV4MPEG2 files: written and read back byte for byte, and bad files refused with a reason. */
class Y4mTest {

	@TempDir
	Path dir;

	private Path write(String name, VideoInfo info, List<Frame> frames) throws IOException {
		Path file = dir.resolve(name);
		try (Y4mWriter out = Y4mWriter.create(file, info, false)) {
			for (Frame f : frames)
				out.write(f);
			out.finish();
		}
		return file;
	}

	private static List<Frame> readAll(Path file) throws IOException {
		try (Y4mReader in = Y4mReader.open(file)) {
			List<Frame> frames = new java.util.ArrayList<>();
			for (Frame f = in.next(); f != null; f = in.next())
				frames.add(f);
			assertNull(in.next());
			return frames;
		}
	}

	@Test
	void everyLayoutRoundTripsByteForByte() throws IOException {
		for (Chroma chroma : Chroma.values()) {
			List<Frame> frames = TestFrames.yuvFrames(3, chroma, 6, 4);
			Path file = write(chroma.tag() + ".y4m", new VideoInfo(6, 4, 3, 30000, 1001, chroma,
				"128:117"), frames);
			try (Y4mReader in = Y4mReader.open(file)) {
				VideoInfo info = in.info();
				assertEquals(6, info.width());
				assertEquals(4, info.height());
				assertEquals(3, info.frames());
				assertEquals(30000, info.rateNumerator());
				assertEquals(1001, info.rateDenominator());
				assertEquals(chroma, info.chroma());
				assertEquals("128:117", info.aspect());
			}
			List<Frame> back = readAll(file);
			assertEquals(3, back.size());
			for (int i = 0; i < 3; i++) {
				YuvPicture a = frames.get(i).yuv(), b = back.get(i).yuv();
				assertEquals(i, back.get(i).index());
				assertArrayEquals(a.yBytes(), b.yBytes(), chroma.tag());
				assertArrayEquals(a.cbBytes(), b.cbBytes(), chroma.tag());
				assertArrayEquals(a.crBytes(), b.crBytes(), chroma.tag());
			}
		}
	}

	@Test
	void theHeaderIsTheStandardOne() throws IOException {
		Path file = write("h.y4m", new VideoInfo(6, 4, 1, 15, 1, Chroma.C420MPEG2, null), TestFrames
			.yuvFrames(1, Chroma.C420MPEG2, 6, 4));
		byte[] bytes = Files.readAllBytes(file);
		String header = "YUV4MPEG2 W6 H4 F15:1 Ip C420mpeg2\nFRAME\n";
		assertEquals(header, new String(bytes, 0, header.length(), StandardCharsets.US_ASCII));
		assertEquals(header.length() + 24 + 2 * 6, bytes.length);
	}

	@Test
	void oddSizesHaveChromaRoundedUp() throws IOException {
		// 5x3 in 4:2:0: chroma planes of 3x2, as the y4m convention (and ffmpeg) has it
		byte[] file = bytes("YUV4MPEG2 W5 H3 F25:1 Ip C420jpeg\n", "FRAME\n", 15 + 2 * 6);
		Path p = Files.write(dir.resolve("odd.y4m"), file);
		Frame f = readAll(p).get(0);
		assertEquals(5, f.width());
		assertEquals(3, f.height());
		assertEquals(6, f.yuv().cbBytes().length);
		Path again = write("odd-again.y4m", Y4mReader.open(p).info(), List.of(f));
		assertArrayEquals(file, Files.readAllBytes(again));
	}

	@Test
	void aHeaderWithoutChromaOrRateMeans420jpegAt25() throws IOException {
		Path p = Files.write(dir.resolve("plain.y4m"), bytes("YUV4MPEG2 W4 H2\n", "FRAME Ixyz\n", 8 +
			2 * 2));
		try (Y4mReader in = Y4mReader.open(p)) {
			assertEquals(Chroma.C420JPEG, in.info().chroma());
			assertEquals(25.0, in.info().fps());
			assertEquals(1, in.info().frames());
			assertEquals(4, in.next().width());
		}
	}

	@Test
	void readsTheXiphBusClip() throws IOException {
		Path bus = TestData.set("video").resolve("derf").resolve("bus_qcif_15fps.y4m");
		try (Y4mReader in = Y4mReader.open(bus)) {
			VideoInfo info = in.info();
			assertEquals("176x144, 75 frames, 15.0 fps, YUV C420jpeg", info.toString());
			assertEquals("128:117", info.aspect());
			Frame first = in.next();
			assertEquals(88 * 72, first.yuv().cbBytes().length);
		}
	}

	@Test
	void truncatedFilesAreRefusedBeforeAnyFrameIsRead() throws IOException {
		Path good = write("good.y4m", new VideoInfo(6, 4, 3, 25, 1, Chroma.C420JPEG, null),
			TestFrames.yuvFrames(3, Chroma.C420JPEG, 6, 4));
		byte[] all = Files.readAllBytes(good);
		Path cut = Files.write(dir.resolve("cut.y4m"), Arrays.copyOf(all, all.length - 5));
		IOException e = assertThrows(IOException.class, () -> Y4mReader.open(cut));
		assertEquals(cut + " is truncated: frame 3 has 31 of its 36 bytes", e.getMessage());
		Path midMarker = Files.write(dir.resolve("marker.y4m"), Arrays.copyOf(all, all.length - 36 -
			3));
		e = assertThrows(IOException.class, () -> Y4mReader.open(midMarker));
		assertTrue(e.getMessage().contains("is truncated: frame 3 has no complete FRAME line"), e
			.getMessage());
	}

	@Test
	void filesThatAreNotY4mVideoAreRefused() throws IOException {
		Path png = Files.write(dir.resolve("image.y4m"), new byte[] { (byte) 0x89, 'P', 'N', 'G', 13,
			10, 26, 10, 0, 0 });
		assertMessage(png, "cannot read " + png + ": it is not a YUV4MPEG2 video (it does not " +
			"start with 'YUV4MPEG2 ')");
		Path empty = Files.write(dir.resolve("empty.y4m"), new byte[0]);
		assertMessage(empty, "it is not a YUV4MPEG2 video");
		Path endless = Files.write(dir.resolve("endless.y4m"), ("YUV4MPEG2 W4 H2 " + "X".repeat(
			5000)).getBytes(StandardCharsets.US_ASCII));
		assertMessage(endless, "its header line does not end");
		assertThrows(java.nio.file.NoSuchFileException.class, () -> Y4mReader.open(dir.resolve(
			"missing.y4m")));
		assertThrows(IOException.class, () -> Y4mReader.open(dir));
	}

	@Test
	void unsupportedLayoutsAndInterlacingAreRefused() throws IOException {
		assertMessage(header("C422"), "chroma format C422 is not supported; supported are 8-bit " +
			"C420jpeg, C420paldv, C420mpeg2, C420, C444, Cmono");
		assertMessage(header("C420p10"), "chroma format C420p10 is not supported");
		assertMessage(header("It"), "it is interlaced (It), which is not supported");
		assertMessage(write("W4 H0"), "its frame height (H) is '0', not a positive whole number");
		assertMessage(write("H4"), "its header has no width (W)");
		assertMessage(write("W4 H4 Fx"), "its frame rate (F) is 'x', not N:D");
		assertMessage(write("W4 H4 F0:1"), "the frame rate F0:1 is not positive");
	}

	@Test
	void aVideoWithoutFramesIsRefused() throws IOException {
		Path p = Files.write(dir.resolve("none.y4m"), "YUV4MPEG2 W4 H2 F25:1\n".getBytes(
			StandardCharsets.US_ASCII));
		assertMessage(p, "cannot read " + p + ": it holds no frames");
	}

	@Test
	void aDamagedFrameMarkerIsNamed() throws IOException {
		byte[] one = bytes("YUV4MPEG2 W4 H2 C444\n", "FRAME\n", 24);
		byte[] two = Arrays.copyOf(one, one.length + 6 + 24);
		System.arraycopy("FRAMX\n".getBytes(StandardCharsets.US_ASCII), 0, two, one.length, 6);
		Path p = Files.write(dir.resolve("damaged.y4m"), two);
		assertMessage(p, "is damaged: frame 2 does not start with FRAME");
	}

	@Test
	void anExistingOutputIsKeptUnlessOverwritingIsAllowed() throws IOException {
		Path target = Files.writeString(dir.resolve("keep.y4m"), "precious");
		VideoInfo info = new VideoInfo(6, 4, 1, 25, 1, Chroma.C444, null);
		assertThrows(FileAlreadyExistsException.class, () -> Y4mWriter.create(target, info, false));
		assertEquals("precious", Files.readString(target));
		try (Y4mWriter out = Y4mWriter.create(target, info, true)) {
			out.write(Frame.of(0, TestFrames.yuv(Chroma.C444, 6, 4, 1)));
			assertEquals("precious", Files.readString(target), "replaced only when finished");
			out.finish();
		}
		assertEquals(1, readAll(target).size());
		assertEquals(List.of("keep.y4m"), files());
	}

	@Test
	void theOutputGetsThePermissionsOfAnyNewFile() throws IOException {
		assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
		Path file = write("shared.y4m", new VideoInfo(6, 4, 1, 25, 1, Chroma.C420, null), TestFrames
			.yuvFrames(1, Chroma.C420, 6, 4));
		Path plain = Files.createFile(dir.resolve("plain.txt"));
		assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(file));
	}

	@Test
	void anUnfinishedWriterLeavesNothing() throws IOException {
		Path target = dir.resolve("never.y4m");
		try (Y4mWriter out = Y4mWriter.create(target, new VideoInfo(6, 4, 2, 25, 1, Chroma.C420,
			null), false))
		{
			out.write(Frame.of(0, TestFrames.yuv(Chroma.C420, 6, 4, 1)));
			IOException e = assertThrows(IOException.class, () -> out.write(Frame.of(1, TestFrames
				.yuv(Chroma.C420, 8, 4, 1))));
			assertEquals("Frame 2 is 8x4, but never.y4m holds 6x4 frames", e.getMessage());
		}
		assertFalse(Files.exists(target));
		assertEquals(List.of(), files());
	}

	@Test
	void imageFramesAreConvertedToTheFileLayout() throws IOException {
		Frame rgb = TestFrames.rgb(0, 6, 4);
		Path file = write("rgb.y4m", new VideoInfo(6, 4, 1, 25, 1, null, null), List.of(rgb));
		YuvPicture back = readAll(file).get(0).yuv();
		assertEquals(Chroma.DEFAULT, back.chroma());
		int[] argb = FramePixels.argb(rgb);
		int c = argb[0];
		double luma = 16 + (65.481 * (c >> 16 & 0xff) + 128.553 * (c >> 8 & 0xff) + 24.966 * (c &
			0xff)) / 255;
		assertEquals(Math.round(luma), back.yBytes()[0] & 0xff);
	}

	private List<String> files() throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".txt")).sorted()
				.collect(java.util.stream.Collectors.toList());
		}
	}

	private Path header(String tag) throws IOException {
		return write("W4 H2 " + tag);
	}

	private Path write(String tags) throws IOException {
		return Files.write(dir.resolve("bad" + tags.hashCode() + ".y4m"), bytes("YUV4MPEG2 " + tags +
			"\n", "FRAME\n", 24));
	}

	@Test
	void openAtReadsFromAFrameOnWithTheFramesNumbersAsOpenDoes() throws IOException {
		List<Frame> frames = TestFrames.yuvFrames(5, Chroma.C420JPEG, 6, 4);
		Path file = write("range.y4m", new VideoInfo(6, 4, 5, 25, 1, Chroma.C420JPEG, "1:1"),
			frames);
		// frame lines with tags: frames are not records of one size, so it reads up to frame 3
		byte[] bare = Files.readAllBytes(file);
		String text = new String(bare, StandardCharsets.ISO_8859_1).replace("FRAME\n",
			"FRAME Ixyz\n");
		Path tagged = Files.write(dir.resolve("tagged.y4m"), text.getBytes(
			StandardCharsets.ISO_8859_1));
		for (Path f : List.of(file, tagged))
			for (int first = 0; first < 5; first++)
				try (Y4mReader in = Y4mReader.openAt(f, first)) {
					assertEquals(5, in.info().frames());
					for (int k = first; k < 5; k++) {
						Frame got = in.next();
						assertEquals(k, got.index());
						assertArrayEquals(frames.get(k).yuv().yBytes(), got.yuv().yBytes());
						assertArrayEquals(frames.get(k).yuv().crBytes(), got.yuv().crBytes());
					}
					assertNull(in.next());
				}
		IOException e = assertThrows(IOException.class, () -> Y4mReader.openAt(tagged, 6));
		assertTrue(e.getMessage().contains("has only 5 frames; it cannot be read from frame 7 on"), e
			.getMessage());
	}

	private static byte[] bytes(String header, String marker, int frameBytes) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
		out.writeBytes(marker.getBytes(StandardCharsets.US_ASCII));
		byte[] pixels = new byte[frameBytes];
		for (int i = 0; i < pixels.length; i++)
			pixels[i] = (byte) (i * 7);
		out.writeBytes(pixels);
		return out.toByteArray();
	}

	private static void assertMessage(Path file, String part) {
		IOException e = assertThrows(IOException.class, () -> Y4mReader.open(file));
		assertTrue(e.getMessage().contains(part), e.getMessage());
	}
}
