package io.github.espcnfiji.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.video.Chroma;
import io.github.espcnfiji.video.Frame;
import io.github.espcnfiji.video.FramePixels;
import io.github.espcnfiji.video.FrameSink;
import io.github.espcnfiji.video.FrameSource;
import io.github.espcnfiji.video.VideoInfo;
import io.github.espcnfiji.video.Y4mWriter;
import io.github.espcnfiji.video.YuvPicture;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folders of frames in and out, and opening videos by what their files are. */
class FrameFolderTest {

	@TempDir
	Path dir;

	private static FloatPlane plane(int w, int h, int seed) {
		float[] v = new float[w * h];
		for (int i = 0; i < v.length; i++)
			v[i] = (i * 13 + seed * 29) % 256;
		return new FloatPlane(v, w, h);
	}

	private Path frames(String name, int... sizes) throws IOException {
		Path folder = Files.createDirectories(dir.resolve(name));
		for (int i = 0; i < sizes.length / 2; i++) {
			int w = sizes[2 * i], h = sizes[2 * i + 1];
			ImageFiles.write(folder.resolve(String.format("f%02d.png", i + 1)), new FloatPlane[] {
				plane(w, h, i), plane(w, h, i + 1), plane(w, h, i + 2) }, 24, false);
		}
		return folder;
	}

	@Test
	void aPartKeepsTheFramesNumbersAndChecksItsFramesAgainstTheSeriesFirstFrame()
		throws IOException
	{
		Path folder = frames("parts", 6, 4, 6, 4, 6, 4);
		// the third frame made 8-bit gray: the part holding only it must still refuse it
		ImageFiles.write(folder.resolve("f03.png"), new FloatPlane[] { plane(6, 4, 9) }, 8, true);
		List<Path> files;
		VideoInfo info;
		try (FrameFolder whole = FrameFolder.open(folder, 25)) {
			files = whole.files();
			info = whole.info();
		}
		try (FrameFolder part = FrameFolder.part(folder, files.subList(1, 2), 1, files.get(0),
			info))
		{
			assertEquals(1, part.next().index());
			assertNull(part.next());
		}
		try (FrameFolder part = FrameFolder.part(folder, files.subList(2, 3), 2, files.get(0),
			info))
		{
			IOException e = assertThrows(IOException.class, part::next);
			assertTrue(e.getMessage().contains("f03.png is 6x4 8-bit, but the first frame f01.png " +
				"is 6x4 RGB"), e.getMessage());
		}
	}

	@Test
	void framesAreReadInNameOrder() throws IOException {
		Path folder = frames("in", 6, 4, 6, 4, 6, 4);
		try (FrameSource in = VideoFiles.open(folder, 30)) {
			assertEquals("6x4, 3 frames, 30.0 fps", in.info().toString());
			for (int i = 0; i < 3; i++) {
				Frame f = in.next();
				assertEquals(i, f.index());
				assertEquals(ImageFiles.read(folder.resolve(String.format("f%02d.png", i + 1)))
					.planes()[1].data()[5], FramePixels.argb(f)[5] >> 8 & 0xff);
			}
			assertNull(in.next());
		}
	}

	@Test
	void aFrameOfAnotherSizeIsNamedBeforeAnyIsRead() throws IOException {
		Path folder = frames("odd", 6, 4, 6, 4, 8, 4, 6, 4);
		IOException e = assertThrows(IOException.class, () -> FrameFolder.open(folder, 25));
		assertEquals("Frame f03.png is 8x4, but the first frame f01.png is 6x4; every frame of " +
			folder + " must have the same size and type", e.getMessage());
	}

	@Test
	void aFrameOfAnotherTypeIsNamedWhenRead() throws IOException {
		Path folder = frames("mixed", 6, 4, 6, 4);
		ImageFiles.write(folder.resolve("f03.png"), new FloatPlane[] { plane(6, 4, 0) }, 8, false);
		try (FrameFolder in = FrameFolder.open(folder, 25)) {
			in.next();
			in.next();
			IOException e = assertThrows(IOException.class, in::next);
			assertTrue(e.getMessage().startsWith("Frame f03.png is 6x4 8-bit, but the first frame " +
				"f01.png is 6x4 RGB"), e.getMessage());
		}
	}

	@Test
	void aFolderWithoutImagesIsRefused() throws IOException {
		Path empty = Files.createDirectories(dir.resolve("empty"));
		IOException e = assertThrows(IOException.class, () -> VideoFiles.open(empty, 25));
		assertTrue(e.getMessage().startsWith("No image files in " + empty), e.getMessage());
	}

	@Test
	void theFolderSinkWritesNumberedFramesOnlyWhenFinished() throws IOException {
		Path out = dir.resolve("out");
		Frame yuv = Frame.of(0, YuvPicture.fromRgb(plane(6, 4, 0), plane(6, 4, 1), plane(6, 4, 2),
			Chroma.C444));
		try (FrameSink sink = VideoFiles.create(out, new VideoInfo(6, 4, 2, 25, 1, null, null),
			null, false))
		{
			sink.write(yuv);
			sink.write(Frame.of(1, yuv.yuv()));
			assertFalse(Files.exists(out));
			sink.finish();
		}
		assertEquals(List.of("000001.png", "000002.png"), names(out));
		if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			Path plain = Files.createFile(dir.resolve("plain"));
			assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(out
				.resolve("000001.png")), "frames are readable as any new file");
			Files.delete(plain);
		}
		assertArrayEquals(FramePixels.argb(yuv), FramePixels.argb(VideoFiles.open(out, 25).next()));
		assertEquals(List.of("out"), names(dir), "no hidden folder left");
		assertThrows(FileAlreadyExistsException.class, () -> VideoFiles.create(out, new VideoInfo(6,
			4, 2, 25, 1, null, null), null, false));
		try (FrameSink sink = VideoFiles.create(out, new VideoInfo(6, 4, 2, 25, 1, null, null),
			null, true))
		{
			sink.write(Frame.of(0, yuv.yuv()));
		}
		assertEquals(List.of("000001.png", "000002.png"), names(out), "unfinished: nothing moved");
		assertEquals(List.of("out"), names(dir));
	}

	@Test
	void videosAreOpenedForWhatTheyAre() throws IOException {
		Path y4m = dir.resolve("clip.avi"); // misnamed: a y4m file
		try (Y4mWriter w = Y4mWriter.create(y4m, new VideoInfo(4, 2, 1, 25, 1, Chroma.C420, null),
			false))
		{
			w.write(Frame.of(0, YuvPicture.fromRgb(plane(4, 2, 0), plane(4, 2, 0), plane(4, 2, 0),
				Chroma.C420)));
			w.finish();
		}
		try (FrameSource in = VideoFiles.open(y4m, 25)) {
			assertEquals(Chroma.C420, in.info().chroma());
		}
		Path png = dir.resolve("image.png");
		ImageFiles.write(png, new FloatPlane[] { plane(4, 2, 0) }, 8, false);
		IOException e = assertThrows(IOException.class, () -> VideoFiles.open(png, 25));
		assertTrue(e.getMessage().startsWith("cannot read " + png + " as a video: it is neither a " +
			"YUV4MPEG2 (.y4m) nor an AVI file"), e.getMessage());
		IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> VideoFiles
			.create(dir.resolve("out.mp4"), new VideoInfo(4, 2, 1, 25, 1, null, null), null, false));
		assertEquals("Cannot write 'out.mp4': give a .y4m or .avi file, or a folder for frames", bad
			.getMessage());
	}

	@Test
	void theOutputMayNotBeTheInput() throws IOException {
		Path folder = frames("same", 6, 4);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VideoFiles
			.checkOutput(folder, dir.resolve("x/../same")));
		assertTrue(e.getMessage().endsWith("is the input; choose another name (inputs are never " +
			"overwritten)"), e.getMessage());
		VideoFiles.checkOutput(folder, dir.resolve("other"));
	}

	private static List<String> names(Path folder) throws IOException {
		try (Stream<Path> s = Files.list(folder)) {
			return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
		}
	}
}
