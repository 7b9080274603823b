package io.github.espcnfiji.zarr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.core.PlaneUpscaler;
import io.github.espcnfiji.core.SuperResolver;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.testing.BoxUpscaler;
import io.github.espcnfiji.testing.TestModels;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZarrUpscalerTest {

	@TempDir
	Path dir;

	/**
	 * Output chunks that divide the image, that do not, and one larger than the image: the same
	 * pixels as super-resolving each whole plane at once, and the network never sees more than a
	 * chunk's input box with its halo.
	 */
	@ParameterizedTest(name = "{0} {1}x{2}, chunks {3}, x{4}")
	@CsvSource({ "<u2, 48, 32, 16, 2", "<u2, 50, 37, 16, 2", ">u2, 50, 37, 16, 3", "|u1, 50, 37, 16, 2",
		"<u2, 50, 37, 64, 2", "<f4, 41, 29, 12, 3" })
	void equalsWholeImageInference(String dtype, int width, int height, int chunk, int scale)
		throws IOException
	{
		DataType type = DataType.parse(dtype);
		float[] data = ZarrArrayTest.samples(type, 2 * height * width, 9);
		Path in = image(type, data, new long[] { 2, height, width }, new int[] { 1, chunk, chunk },
			"blosc-lz4");
		BoxUpscaler network = new BoxUpscaler(scale, 2);
		new ZarrUpscaler(network, ZarrUpscaler.Settings.defaults(), (l, d, t) -> {}).write(in, dir
			.resolve("out.zarr"), false);
		ZarrArray out = ZarrArray.open(dir.resolve("out.zarr/0"));
		assertArrayEquals(new long[] { 2, height * scale, width * scale }, out.shape());
		assertArrayEquals(new int[] { 1, chunk, chunk }, out.chunks());
		float[] got = out.read(new long[3], new int[] { 2, height * scale, width * scale });
		float[] whole = whole(new BoxUpscaler(scale, 2), type, data, width, height, 2);
		assertArrayEquals(whole, got);
		int side = (chunk + scale - 1) / scale + 1 + 2 * 2;
		assertTrue(network.largestInput <= side * side, "network saw " + network.largestInput +
			" pixels at once, more than a chunk's box (" + side + "^2)");
	}

	/** The real network (a tiny ESPCN through DJL): within 1e-5 of whole-plane inference on [0, 1]. */
	@Test
	void espcnMatchesWholeImageInferenceWithin1e5() throws IOException {
		DataType type = DataType.parse("<f4");
		int width = 45, height = 31;
		float[] data = ZarrArrayTest.samples(type, height * width, 4);
		Path in = image(type, data, new long[] { height, width }, new int[] { 16, 16 }, "zlib");
		try (EspcnModel model = TestModels.tiny(3, 7)) {
			new ZarrUpscaler(model, ZarrUpscaler.Settings.defaults().withChunk(60).withTileSize(7), (l,
				d, t) -> {}).write(in, dir.resolve("out.zarr"), false);
			float[] got = ZarrArray.open(dir.resolve("out.zarr/0")).read(new long[2], new int[] {
				height * 3, width * 3 });
			float[] whole = whole(model, type, data, width, height, 1);
			float lo = Float.MAX_VALUE, hi = -Float.MAX_VALUE;
			for (float v : data) {
				lo = Math.min(lo, v);
				hi = Math.max(hi, v);
			}
			double worst = 0;
			for (int i = 0; i < got.length; i++)
				worst = Math.max(worst, Math.abs(got[i] - whole[i]) / (hi - lo));
			assertTrue(worst <= 1e-5, "max abs difference on [0, 1]: " + worst);
			double spread = 0;
			for (int i = 1; i < got.length; i++)
				spread = Math.max(spread, Math.abs(got[i] - got[0]));
			assertTrue(spread > 0, "the network's output varies");
		}
	}

	@Test
	void keepsAxesAndUnitsDividesThePixelSizeAndAddsAPyramid() throws IOException {
		DataType type = DataType.parse("|u1");
		float[] data = ZarrArrayTest.samples(type, 3 * 13 * 11, 2);
		Path in = image(type, data, new long[] { 3, 13, 11 }, new int[] { 1, 8, 8 }, "none");
		new Multiscales(in, "cells", List.of(Axis.named("z", "micrometer"), Axis.named("y",
			"micrometer"), Axis.named("x", "micrometer")), List.of(new Multiscales.Level("0",
				new double[] { 2, 0.5, 0.5 }, new double[] { 10, 1, 1 }))).write();
		List<String> progress = new ArrayList<>();
		Multiscales out = new ZarrUpscaler(new BoxUpscaler(2, 1), ZarrUpscaler.Settings.defaults()
			.withPyramid(2).withCompressor(Compressor.named("blosc-zstd")), (l, d, t) -> progress.add(
				l + ":" + d + "/" + t)).write(in, dir.resolve("out.zarr"), false);
		Multiscales read = Multiscales.read(dir.resolve("out.zarr"));
		assertEquals("cells", read.name());
		assertEquals(out.axes(), read.axes());
		assertEquals("micrometer", read.axes().get(2).unit());
		assertEquals(3, read.levels().size());
		assertArrayEquals(new double[] { 2, 0.25, 0.25 }, read.levels().get(0).scale());
		assertArrayEquals(new double[] { 10, 0.875, 0.875 }, read.levels().get(0).translation());
		assertArrayEquals(new double[] { 2, 0.5, 0.5 }, read.levels().get(1).scale());
		assertArrayEquals(new double[] { 10, 1, 1 }, read.levels().get(1).translation());
		assertArrayEquals(new double[] { 2, 1, 1 }, read.levels().get(2).scale());
		ZarrArray l0 = ZarrArray.open(read.levelPath(0)), l1 = ZarrArray.open(read.levelPath(1)),
				l2 = ZarrArray.open(read.levelPath(2));
		assertArrayEquals(new long[] { 3, 13, 11 }, l1.shape());
		assertArrayEquals(new long[] { 3, 7, 6 }, l2.shape());
		// level 1 of an x2 nearest-neighbour-like result: the mean of each 2x2 block
		float[] f0 = l0.read(new long[3], new int[] { 3, 26, 22 });
		float[] f1 = l1.read(new long[3], new int[] { 3, 13, 11 });
		for (int z = 0; z < 3; z++)
			for (int y = 0; y < 13; y++)
				for (int x = 0; x < 11; x++) {
					double sum = 0;
					for (int dy = 0; dy < 2; dy++)
						for (int dx = 0; dx < 2; dx++)
							sum += f0[(z * 26 + 2 * y + dy) * 22 + 2 * x + dx];
					assertEquals(Math.floor(sum / 4 + 0.5), f1[(z * 13 + y) * 11 + x], 0);
				}
		float[] f2 = l2.read(new long[] { 0, 6, 5 }, new int[] { 1, 1, 1 });
		assertEquals(Math.floor(f1[12 * 11 + 10] + 0.5), f2[0], 0, "odd edge: one pixel");
		assertTrue(l2.compressor().toString().contains("zstd"));
		// progress: every chunk of every level, counted per level
		assertEquals("0:1/" + 3 * 4 * 3, progress.get(0));
		assertTrue(progress.contains("0:36/36") && progress.contains("2:3/3"), progress.toString());
	}

	@Test
	void neverReplacesAnOutputUnlessAskedNorTouchesTheInput() throws IOException {
		DataType type = DataType.parse("<u2");
		Path in = image(type, ZarrArrayTest.samples(type, 20 * 20, 1), new long[] { 20, 20 },
			new int[] { 8, 8 }, "gzip");
		Map<String, byte[]> before = snapshot(in);
		Path out = Files.createDirectory(dir.resolve("out.zarr"));
		Files.writeString(out.resolve("keep.txt"), "mine");
		ZarrUpscaler z = new ZarrUpscaler(new BoxUpscaler(2, 1), ZarrUpscaler.Settings.defaults(), (
			l, d, t) -> {});
		assertThrows(FileAlreadyExistsException.class, () -> z.write(in, out, false));
		assertTrue(Files.exists(out.resolve("keep.txt")));
		assertThrows(IllegalArgumentException.class, () -> z.write(in, in, true));
		assertThrows(IllegalArgumentException.class, () -> z.write(in, in.resolve("sr.zarr"), true));
		assertThrows(IllegalArgumentException.class, () -> z.write(in, dir, true));
		assertThrows(FileAlreadyExistsException.class, () -> z.write(in, out, true),
			"a folder of other files is never replaced, even with overwrite");
		assertEquals("mine", Files.readString(out.resolve("keep.txt")));
		Files.delete(out.resolve("keep.txt"));
		z.write(in, out, false); // an empty folder counts as new
		z.write(in, out, true); // a Zarr image is replaced when asked
		assertTrue(Files.exists(out.resolve("0/.zarray")));
		assertEquals(keys(before), keys(snapshot(in)));
		Map<String, byte[]> after = snapshot(in);
		before.forEach((k, v) -> assertArrayEquals(v, after.get(k), k));
		try (Stream<Path> s = Files.list(dir)) {
			assertEquals(2, s.count(), "no temporary folder left");
		}
	}

	@Test
	void aTruncatedInputChunkStopsWithOneLineNamingItAndNoOutput() throws IOException {
		DataType type = DataType.parse("<u2");
		Path in = image(type, ZarrArrayTest.samples(type, 20 * 20, 1), new long[] { 20, 20 },
			new int[] { 8, 8 }, "blosc-lz4");
		Path chunk = in.resolve("0/1.2");
		byte[] b = Files.readAllBytes(chunk);
		Files.write(chunk, java.util.Arrays.copyOf(b, b.length - 5));
		ZarrFormatException e = assertThrows(ZarrFormatException.class, () -> new ZarrUpscaler(
			new BoxUpscaler(2, 1), ZarrUpscaler.Settings.defaults(), (l, d, t) -> {}).write(in, dir
				.resolve("out.zarr"), false));
		assertTrue(e.getMessage().startsWith(chunk + ": truncated"), e.getMessage());
		assertFalse(Files.exists(dir.resolve("out.zarr")));
		try (Stream<Path> s = Files.list(dir)) {
			assertEquals(1, s.count(), "no temporary folder left");
		}
	}

	@Test
	void aMissingChunkOfAnArrayFilledWithNaNIsNamedWithTheZarrayNotAsAFile() throws IOException {
		ZarrArray a = ZarrArray.create(dir.resolve("nanfill"), new long[] { 4, 4 }, new int[] { 2,
			2 }, DataType.parse("<f4"), Compressor.NONE, Float.NaN, ".");
		a.write(new long[] { 0, 0 }, new int[] { 2, 2 }, new float[] { 1, 2, 3, 4 });
		ZarrFormatException e = assertThrows(ZarrFormatException.class, () -> ZarrUpscaler.range(a,
			new long[] { 0, 1 }));
		assertTrue(e.getMessage().startsWith(a.dir().resolve(".zarray") + ": fill_value is NaN " +
			"and chunk 0.1 is not stored"), e.getMessage());
		assertEquals(1, ZarrUpscaler.range(a, new long[] { 0, 0 })[0]);
		// NaN stored in a chunk: the chunk file, which exists, is named
		a.write(new long[] { 2, 2 }, new int[] { 2, 2 }, new float[] { 1, Float.NaN, 3, 4 });
		e = assertThrows(ZarrFormatException.class, () -> ZarrUpscaler.range(a, new long[] { 1,
			1 }));
		assertTrue(e.getMessage().startsWith(a.chunkFile(new long[] { 1, 1 }) + ": NaN pixels"), e
			.getMessage());
		assertTrue(Files.isRegularFile(a.chunkFile(new long[] { 1, 1 })));
	}

	@Test
	void axesThatDoNotEndInYAndXAreRefusedNamingTheZattrs() throws IOException {
		DataType type = DataType.parse("|u1");
		Path in = image(type, ZarrArrayTest.samples(type, 2 * 8 * 6, 1), new long[] { 8, 6, 2 },
			new int[] { 4, 4, 2 }, "none");
		new Multiscales(in, null, List.of(Axis.named("y", null), Axis.named("x", null), Axis.named(
			"c", null)), List.of(new Multiscales.Level("0", new double[] { 1, 1, 1 }, null))).write();
		ZarrFormatException e = assertThrows(ZarrFormatException.class, () -> new ZarrUpscaler(
			new BoxUpscaler(2, 1), ZarrUpscaler.Settings.defaults(), (l, d, t) -> {}).write(in, dir
				.resolve("out.zarr"), false));
		assertEquals(in.resolve(".zattrs") + ": axes [y, x, c] are not supported: the last two " +
			"must be y and x", e.getMessage());
		assertFalse(Files.exists(dir.resolve("out.zarr")));
	}

	@Test
	void cancellingStopsBeforeTheNextChunkAndLeavesNoOutput() throws IOException {
		DataType type = DataType.parse("<u2");
		Path in = image(type, ZarrArrayTest.samples(type, 20 * 20, 1), new long[] { 20, 20 },
			new int[] { 8, 8 }, "zlib");
		java.util.concurrent.CancellationException first = assertThrows(
			java.util.concurrent.CancellationException.class, () -> new ZarrUpscaler(new BoxUpscaler(2,
				1), ZarrUpscaler.Settings.defaults().withCancellation(() -> true), (l, d, t) -> {}).write(
					in, dir.resolve("out.zarr"), false));
		assertEquals("stopped after reading 0 of 9 chunks for the intensity range", first
			.getMessage());
		List<String> progress = new ArrayList<>();
		for (int level = 0; level < 2; level++) {
			int stopAt = level;
			progress.clear();
			java.util.concurrent.CancellationException e = assertThrows(
				java.util.concurrent.CancellationException.class, () -> new ZarrUpscaler(new BoxUpscaler(
					2, 1), ZarrUpscaler.Settings.defaults().withPyramid(1).withCancellation(() -> progress
						.contains(stopAt + ":2/" + (stopAt == 0 ? 25 : 9))), (l, d, t) -> progress.add(l + ":" +
							d + "/" + t)).write(in, dir.resolve("out.zarr"), false));
			assertEquals("stopped after 2 of " + (stopAt == 0 ? 25 : 9) + " chunks of level " + stopAt, e
				.getMessage());
			assertFalse(Files.exists(dir.resolve("out.zarr")));
			try (Stream<Path> s = Files.list(dir)) {
				assertEquals(1, s.count(), "no temporary folder left");
			}
		}
	}

	// ---- helpers

	/** An OME-Zarr image of {@code data} (C order) with default axes, at dir/in.zarr. */
	private Path image(DataType type, float[] data, long[] shape, int[] chunks, String codec)
		throws IOException
	{
		Path root = dir.resolve("in.zarr");
		ZarrArray a = ZarrArray.create(root.resolve("0"), shape, chunks, type, Compressor.named(
			codec), 0, ".");
		int[] size = new int[shape.length];
		for (int d = 0; d < size.length; d++)
			size[d] = (int) shape[d];
		a.write(new long[shape.length], size, data);
		double[] ones = new double[shape.length];
		java.util.Arrays.fill(ones, 1);
		new Multiscales(root, null, Multiscales.defaultAxes(shape.length), List.of(
			new Multiscales.Level("0", ones, null))).write();
		return root;
	}

	/**
	 * SuperResolver on the whole image (C order (planes, y, x) is ImgLib2's (x, y, planes)), one
	 * tile per plane, as float samples in C order.
	 */
	private static float[] whole(PlaneUpscaler network, DataType type, float[] data, int width,
		int height, int planes)
	{
		SuperResolver sr = new SuperResolver(network, SuperResolver.Options.defaults().withTileSize(
			1 << 20));
		Img<? extends RealType<?>> out;
		int n = data.length;
		switch (type.kind()) {
			case UINT8: {
				byte[] b = new byte[n];
				for (int i = 0; i < n; i++)
					b[i] = (byte) data[i];
				out = sr.upscale(ArrayImgs.unsignedBytes(b, width, height, planes));
				break;
			}
			case UINT16: {
				short[] s = new short[n];
				for (int i = 0; i < n; i++)
					s[i] = (short) data[i];
				out = sr.upscale(ArrayImgs.unsignedShorts(s, width, height, planes));
				break;
			}
			default:
				out = sr.upscale(ArrayImgs.floats(data.clone(), width, height, planes));
		}
		float[] flat = new float[(int) (n * (long) sr.scale() * sr.scale())];
		int i = 0;
		for (RealType<?> t : Views.flatIterable((RandomAccessibleInterval<? extends RealType<?>>) out))
			flat[i++] = t.getRealFloat();
		return flat;
	}

	private static Map<String, byte[]> snapshot(Path root) throws IOException {
		Map<String, byte[]> m = new TreeMap<>();
		try (Stream<Path> s = Files.walk(root)) {
			for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator)
				m.put(root.relativize(p).toString(), Files.readAllBytes(p));
		}
		return m;
	}

	private static List<String> keys(Map<String, byte[]> m) {
		return new ArrayList<>(m.keySet());
	}
}
