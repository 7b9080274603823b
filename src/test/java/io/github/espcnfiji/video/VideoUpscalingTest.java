package io.github.espcnfiji.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.MatlabResize;
import io.github.espcnfiji.core.Planes;
import io.github.espcnfiji.core.Quantize;
import io.github.espcnfiji.core.SuperResolver;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.testing.TestModels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.integer.UnsignedByteType;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A video through the pipeline equals its frames super-resolved one by one, and a cancelled or
 * failed run leaves a valid shorter file or none.
 */
class VideoUpscalingTest {

	private static final int SCALE = 3;
	private static EspcnModel model;

	@TempDir
	Path dir;

	@BeforeAll
	static void load() {
		model = TestModels.tiny(SCALE, 5);
	}

	@AfterAll
	static void free() {
		model.close();
	}

	/** Small tiles, so that frames are cut into several. */
	private static SuperResolver superResolver() {
		return new SuperResolver(model, SuperResolver.Options.defaults().withTileSize(5));
	}

	private Path y4m(String name, List<Frame> frames) throws IOException {
		Path file = dir.resolve(name);
		Frame first = frames.get(0);
		try (Y4mWriter out = Y4mWriter.create(file, new VideoInfo(first.width(), first.height(),
			frames.size(), 25, 1, first.yuv().chroma(), null), false))
		{
			for (Frame f : frames)
				out.write(f);
			out.finish();
		}
		return file;
	}

	private VideoPipeline.Result upscale(Path in, Path out, VideoPipeline.Options options)
		throws IOException
	{
		try (Y4mReader source = Y4mReader.open(in); Y4mWriter sink = Y4mWriter.create(out, source
			.info().scaled(SCALE), false))
		{
			return VideoUpscaling.run(source, new FrameUpscaler(superResolver()), sink, options);
		}
	}

	@Test
	void aY4mVideoEqualsItsFramesSuperResolvedOneByOne() throws IOException {
		List<Frame> frames = TestFrames.yuvFrames(4, Chroma.C420JPEG, 14, 9);
		Path out = dir.resolve("out.y4m");
		VideoPipeline.Result r = upscale(y4m("in.y4m", frames), out, VideoPipeline.Options.defaults()
			.withInFlight(2));
		assertEquals(4, r.frames());
		List<Frame> result = readAll(out);
		assertEquals(4, result.size());
		for (int i = 0; i < 4; i++) {
			YuvPicture in = frames.get(i).yuv(), sr = result.get(i).yuv();
			assertEquals(42, sr.width());
			assertEquals(27, sr.height());
			Img<UnsignedByteType> y = superResolver().upscale(ArrayImgs.unsignedBytes(in.yBytes(), 14,
				9));
			assertArrayEquals(Planes.readReal(y, 0), sr.luma().data(), "luma of frame " + i);
			// chroma: 7x5 -> 21x14 (the chroma size of 42x27), bicubic, rounded
			FloatPlane cb = Quantize.toUnsignedByteRange(MatlabResize.resize(in.cb(), 21, 14));
			assertArrayEquals(cb.data(), sr.cb().data(), "Cb of frame " + i);
			FloatPlane cr = Quantize.toUnsignedByteRange(MatlabResize.resize(in.cr(), 21, 14));
			assertArrayEquals(cr.data(), sr.cr().data(), "Cr of frame " + i);
		}
	}

	@Test
	void rgbFramesEqualTheSuperResolversRgbResult() throws IOException {
		List<Frame> frames = new ArrayList<>();
		for (int i = 0; i < 3; i++)
			frames.add(TestFrames.rgb(i, 11, 8));
		List<Frame> out = new ArrayList<>();
		VideoPipeline.run(new TestFrames.ListSource(frames), new FrameUpscaler(superResolver())::upscale,
			out::add, VideoPipeline.Options.defaults());
		for (int i = 0; i < 3; i++) {
			@SuppressWarnings("unchecked")
			RandomAccessibleInterval<ARGBType> in = (RandomAccessibleInterval<ARGBType>) frames.get(i)
				.image();
			int[] expected = Planes.readArgb(superResolver().upscaleRgb(in), 0);
			assertArrayEquals(expected, FramePixels.argb(out.get(i)), "frame " + i);
			assertEquals(i, out.get(i).index());
		}
	}

	@Test
	void cancellingLeavesAValidShorterVideo() throws IOException {
		Path in = y4m("in.y4m", TestFrames.yuvFrames(6, Chroma.C444, 8, 6));
		Path out = dir.resolve("short.y4m");
		List<Progress> seen = new ArrayList<>();
		VideoPipeline.Result r = upscale(in, out, VideoPipeline.Options.defaults().withProgress(
			seen::add).withCancellation(() -> seen.size() >= 2));
		assertTrue(r.cancelled());
		assertEquals(2, r.frames());
		List<Frame> back = readAll(out);
		assertEquals(2, back.size());
		assertEquals(24, back.get(1).width());
		assertEquals(List.of("in.y4m", "short.y4m"), files());
	}

	@Test
	void cancellingBeforeTheFirstFrameLeavesNothing() throws IOException {
		Path in = y4m("in.y4m", TestFrames.yuvFrames(3, Chroma.C420, 8, 6));
		Path out = dir.resolve("none.y4m");
		VideoPipeline.Result r = upscale(in, out, VideoPipeline.Options.defaults().withCancellation(
			() -> true));
		assertTrue(r.cancelled());
		assertEquals(0, r.frames());
		assertFalse(Files.exists(out));
		assertEquals(List.of("in.y4m"), files());
	}

	@Test
	void aFailedRunLeavesNothing() throws IOException {
		Path in = y4m("in.y4m", TestFrames.yuvFrames(3, Chroma.C420, 8, 6));
		Path out = dir.resolve("failed.y4m");
		IOException e = assertThrows(IOException.class, () -> {
			try (Y4mReader source = Y4mReader.open(in); Y4mWriter sink = Y4mWriter.create(out, source
				.info().scaled(2), false))
			{
				VideoUpscaling.run(source, new FrameUpscaler(superResolver()), sink, VideoPipeline.Options
					.defaults());
			}
		});
		assertEquals("Frame 1 is 24x18, but failed.y4m holds 16x12 frames", e.getMessage());
		assertEquals(List.of("in.y4m"), files());
	}

	private static List<Frame> readAll(Path file) throws IOException {
		List<Frame> frames = new ArrayList<>();
		try (Y4mReader in = Y4mReader.open(file)) {
			for (Frame f = in.next(); f != null; f = in.next())
				frames.add(f);
		}
		return frames;
	}

	private List<String> files() throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			List<String> names = new ArrayList<>();
			s.forEach(p -> names.add(p.getFileName().toString()));
			names.sort(null);
			return names;
		}
	}
}
