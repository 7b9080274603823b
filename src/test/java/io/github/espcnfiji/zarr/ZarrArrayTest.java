package io.github.espcnfiji.zarr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ZarrArrayTest {

	@TempDir
	Path dir;

	static Stream<Arguments> layouts() {
		Stream.Builder<Arguments> b = Stream.builder();
		for (String dtype : new String[] { "|u1", "<u2", ">u2", "<f4", ">f4" })
			for (String codec : new String[] { "none", "zlib", "gzip", "blosc-lz4", "blosc-zstd",
				"blosc-zlib" })
				b.add(Arguments.of(dtype, codec, dtype.endsWith("2") ? "/" : "."));
		return b.build();
	}

	@ParameterizedTest(name = "{0} {1} separator {2}")
	@MethodSource("layouts")
	void writtenBoxesReadBackWhateverTheCodecTypeAndSeparator(String dtype, String codec,
		String sep) throws IOException
	{
		DataType type = DataType.parse(dtype);
		long[] shape = { 3, 37, 50 };
		ZarrArray a = ZarrArray.create(dir.resolve("a"), shape, new int[] { 2, 16, 16 }, type,
			Compressor.named(codec), 0, sep);
		float[] data = samples(type, 3 * 37 * 50, 1);
		a.write(new long[3], new int[] { 3, 37, 50 }, data);
		ZarrArray b = ZarrArray.open(dir.resolve("a"));
		assertEquals(type, b.dataType());
		assertArrayEquals(shape, b.shape());
		assertArrayEquals(data, b.read(new long[3], new int[] { 3, 37, 50 }));
		// a box across chunk borders
		float[] box = b.read(new long[] { 1, 10, 13 }, new int[] { 2, 20, 30 });
		for (int z = 0; z < 2; z++)
			for (int y = 0; y < 20; y++)
				for (int x = 0; x < 30; x++)
					assertEquals(data[((1 + z) * 37 + 10 + y) * 50 + 13 + x], box[(z * 20 + y) * 30 + x]);
		assertTrue(Files.exists(b.chunkFile(new long[] { 1, 2, 3 })), "edge chunk stored");
	}

	@Test
	void edgeChunksAreStoredWholeAndPaddedWithTheFillValue() throws IOException {
		ZarrArray a = ZarrArray.create(dir.resolve("a"), new long[] { 3, 5 }, new int[] { 2, 4 },
			DataType.parse("|u1"), Compressor.NONE, 7, ".");
		a.write(new long[2], new int[] { 3, 5 }, new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
			13, 14, 15 });
		assertArrayEquals(new byte[] { 5, 7, 7, 7, 10, 7, 7, 7 }, Files.readAllBytes(dir.resolve(
			"a/0.1")));
		assertArrayEquals(new byte[] { 11, 12, 13, 14, 7, 7, 7, 7 }, Files.readAllBytes(dir.resolve(
			"a/1.0")));
	}

	@Test
	void missingChunksReadAsTheFillValueAndPartialWritesKeepTheRest() throws IOException {
		ZarrArray a = ZarrArray.create(dir.resolve("a"), new long[] { 4, 4 }, new int[] { 2, 2 },
			DataType.parse("<f4"), Compressor.named("zlib"), Float.NaN, ".");
		a.write(new long[] { 1, 1 }, new int[] { 1, 2 }, new float[] { 1, 2 });
		float[] all = ZarrArray.open(dir.resolve("a")).read(new long[2], new int[] { 4, 4 });
		float n = Float.NaN;
		assertArrayEquals(new float[] { n, n, n, n, n, 1, 2, n, n, n, n, n, n, n, n, n }, all);
		assertFalse(Files.exists(dir.resolve("a/1.1")));
		assertTrue(new String(Files.readAllBytes(dir.resolve("a/.zarray")), StandardCharsets.UTF_8)
			.contains("\"fill_value\": \"NaN\""));
	}

	@Test
	void byteOrderIsAsTheDtypeSays() {
		byte[] b = new byte[2];
		DataType.parse(">u2").set(b, 0, 0x1234);
		assertArrayEquals(new byte[] { 0x12, 0x34 }, b);
		DataType.parse("<u2").set(b, 0, 0x1234);
		assertArrayEquals(new byte[] { 0x34, 0x12 }, b);
		assertEquals(0x1234, DataType.parse("<u2").get(b, 0));
		byte[] f = new byte[4];
		DataType.parse(">f4").set(f, 0, 1f);
		assertArrayEquals(new byte[] { 0x3f, (byte) 0x80, 0, 0 }, f);
	}

	@Test
	void bloscRoundTripsEveryShuffleAndOddSizes() throws IOException {
		Random r = new Random(3);
		for (int shuffle = 0; shuffle <= 2; shuffle++)
			for (int len : new int[] { 0, 1, 6, 64, 1000, 262144 * 2 + 12 }) {
				byte[] raw = new byte[len];
				for (int i = 0; i < len; i++)
					raw[i] = (byte) (i % 7 == 0 ? r.nextInt() : i / 5);
				for (String cname : new String[] { "lz4", "zstd", "zlib" }) {
					Blosc b = new Blosc(cname, 5, shuffle, 0);
					assertArrayEquals(raw, b.decode(b.encode(raw, 2), len), cname + " " + shuffle + " " +
						len);
				}
			}
	}

	@Test
	void bitShuffleGroupsEachBitOfEverySample() {
		byte[] in = new byte[16]; // 8 samples of 2 bytes
		in[2] = 1; // sample 1, byte 0, bit 0
		in[15] = (byte) 0x80; // sample 7, byte 1, bit 7
		byte[] out = Shuffle.bits(in, 2);
		byte[] expected = new byte[16];
		expected[0] = 1 << 1; // row 0 (byte 0 bit 0): sample 1
		expected[15] = (byte) 0x80; // row 15 (byte 1 bit 7): sample 7
		assertArrayEquals(expected, out);
		assertArrayEquals(in, Shuffle.unbits(out, 2));
	}

	// ---- bad input: one line naming the file

	@Test
	void unsupportedMetadataIsRefusedNamingTheZarray() throws IOException {
		assertRefused("\"dtype\": \"<i4\"", "unsupported dtype <i4");
		assertRefused("\"order\": \"F\"", "order F is not supported");
		assertRefused("\"compressor\": {\"id\": \"lzma\"}", "unsupported compressor");
		assertRefused("\"compressor\": {\"id\": \"blosc\", \"cname\": \"brotli\"}",
			"unsupported blosc codec brotli");
		assertRefused("\"filters\": [{\"id\": \"delta\", \"dtype\": \"<u2\"}]",
			"filters [{\"id\":\"delta\",\"dtype\":\"<u2\"}] are not supported");
		assertRefused("\"zarr_format\": 3", "zarr_format 3 is not supported");
		assertRefused("\"shape\": [4, 4, 4]", "differ in dimensions");
	}

	/**
	 * Missing chunks read as the fill value, so it must be a value of the dtype: Zarr itself
	 * would store 70000 as a uint16 wrapped, and NaN has no uint16 at all.
	 */
	@Test
	void fillValuesTheDtypeCannotHoldAreRefusedNamingTheZarray() throws IOException {
		assertRefused("\"fill_value\": 70000", "fill_value 70000 does not fit dtype <u2 (a whole " +
			"number from 0 to 65535, or null)");
		assertRefused("\"fill_value\": -1", "fill_value -1 does not fit dtype <u2");
		assertRefused("\"fill_value\": 1.5", "fill_value 1.5 does not fit dtype <u2");
		assertRefused("\"fill_value\": \"NaN\"", "fill_value \"NaN\" is not supported for dtype " +
			"<u2 (a whole number from 0 to 65535, or null)");
		assertRefused("\"fill_value\": \"zero\"", "fill_value \"zero\" is not supported");
		assertRefused("\"fill_value\": true", "fill_value true is not supported");
		assertRefused("\"fill_value\": [0]", "fill_value [0] is not supported");
		assertRefused("\"dtype\": \"|u1\", \"fill_value\": 256", "fill_value 256 does not fit dtype " +
			"|u1 (a whole number from 0 to 255, or null)");
		// what the dtype holds opens
		for (String ok : new String[] { "65535", "0", "null" }) {
			Path a = dir.resolve("fill" + ok);
			ZarrArray.create(a, new long[] { 2, 2 }, new int[] { 2, 2 }, DataType.parse("<u2"),
				Compressor.NONE, 0, ".");
			Path meta = a.resolve(".zarray");
			Files.writeString(meta, Files.readString(meta).replace("\"fill_value\": 0",
				"\"fill_value\": " + ok));
			assertEquals(ok.equals("null") ? 0 : Float.parseFloat(ok), ZarrArray.open(a).read(
				new long[2], new int[] { 1, 1 })[0]);
		}
		Path f = dir.resolve("fillnan");
		ZarrArray.create(f, new long[] { 2, 2 }, new int[] { 2, 2 }, DataType.parse("<f4"),
			Compressor.NONE, Float.NaN, ".");
		assertTrue(Float.isNaN(ZarrArray.open(f).read(new long[2], new int[] { 1, 1 })[0]));
	}

	private void assertRefused(String entry, String message) throws IOException {
		Path a = dir.resolve("bad" + Math.abs(entry.hashCode()));
		ZarrArray.create(a, new long[] { 4, 4 }, new int[] { 2, 2 }, DataType.parse("<u2"),
			Compressor.NONE, 0, ".");
		Path meta = a.resolve(".zarray");
		com.google.gson.JsonObject json = com.google.gson.JsonParser.parseString(Files.readString(
			meta)).getAsJsonObject();
		com.google.gson.JsonObject change = com.google.gson.JsonParser.parseString("{" + entry + "}")
			.getAsJsonObject();
		for (String key : change.keySet())
			json.add(key, change.get(key));
		Files.writeString(meta, json.toString());
		ZarrFormatException e = assertThrows(ZarrFormatException.class, () -> ZarrArray.open(a));
		assertTrue(e.getMessage().startsWith(meta.toString() + ": "), e.getMessage());
		assertTrue(e.getMessage().contains(message), e.getMessage());
		assertFalse(e.getMessage().contains("\n"));
	}

	@Test
	void truncatedAndMismatchedChunksAreRefusedNamingTheChunkFile() throws IOException {
		for (String codec : new String[] { "none", "zlib", "gzip", "blosc-lz4", "blosc-zstd" }) {
			Path p = dir.resolve(codec);
			ZarrArray a = ZarrArray.create(p, new long[] { 64, 64 }, new int[] { 32, 32 }, DataType
				.parse("<u2"), Compressor.named(codec), 0, ".");
			a.write(new long[2], new int[] { 64, 64 }, samples(a.dataType(), 64 * 64, 2));
			Path chunk = p.resolve("1.0");
			byte[] stored = Files.readAllBytes(chunk);
			Files.write(chunk, Arrays.copyOf(stored, stored.length / 2));
			ZarrFormatException e = assertThrows(ZarrFormatException.class, () -> ZarrArray.open(p)
				.read(new long[] { 32, 0 }, new int[] { 1, 1 }), codec);
			assertTrue(e.getMessage().startsWith(chunk + ": "), e.getMessage());
			assertFalse(e.getMessage().contains("\n"));
			// a .zarray whose chunks disagree with the files on disk
			Files.write(chunk, stored);
			Path meta = p.resolve(".zarray");
			Files.writeString(meta, Files.readString(meta).replace("32", "16"));
			e = assertThrows(ZarrFormatException.class, () -> ZarrArray.open(p).read(new long[2],
				new int[] { 1, 1 }), codec);
			assertTrue(e.getMessage().startsWith(p.resolve("0.0") + ": "), e.getMessage());
			assertTrue(e.getMessage().contains("[16, 16]"), e.getMessage());
		}
	}

	/**
	 * A chunk cut anywhere, even in the last bytes, which hold only a checksum (zlib, gzip) or
	 * the end of the last block: refused, never read as if whole.
	 */
	@Test
	void aChunkCutByItsLastBytesIsRefused() throws IOException {
		for (String codec : new String[] { "none", "zlib", "gzip", "blosc-lz4", "blosc-zstd",
			"blosc-zlib" })
		{
			Path p = dir.resolve("cut-" + codec);
			ZarrArray a = ZarrArray.create(p, new long[] { 16, 16 }, new int[] { 16, 16 }, DataType
				.parse("<u2"), Compressor.named(codec), 0, ".");
			a.write(new long[2], new int[] { 16, 16 }, samples(a.dataType(), 16 * 16, 3));
			Path chunk = p.resolve("0.0");
			byte[] stored = Files.readAllBytes(chunk);
			for (int cut = 1; cut <= 8; cut++) {
				Files.write(chunk, Arrays.copyOf(stored, stored.length - cut));
				ZarrFormatException e = assertThrows(ZarrFormatException.class, () -> ZarrArray.open(p)
					.read(new long[2], new int[] { 1, 1 }), codec + " cut by " + cut);
				assertTrue(e.getMessage().startsWith(chunk + ": "), e.getMessage());
			}
		}
	}

	@Test
	void chunksStoredWithAnotherSeparatorThanTheZarraySaysAreRefused() throws IOException {
		for (String sep : new String[] { ".", "/" }) {
			Path p = dir.resolve("sep" + (sep.equals(".") ? "flat" : "nested"));
			ZarrArray.create(p, new long[] { 4, 4 }, new int[] { 2, 2 }, DataType.parse("|u1"),
				Compressor.NONE, 0, sep).write(new long[2], new int[] { 4, 4 }, new float[16]);
			Path meta = p.resolve(".zarray");
			String other = sep.equals(".") ? "/" : ".";
			Files.writeString(meta, Files.readString(meta).replace("\"dimension_separator\": \"" + sep +
				"\"", "\"dimension_separator\": \"" + other + "\""));
			ZarrFormatException e = assertThrows(ZarrFormatException.class, () -> ZarrArray.open(p));
			assertTrue(e.getMessage().startsWith(meta + ": dimension_separator is \"" + other + "\""),
				e.getMessage());
			assertTrue(e.getMessage().contains("disagrees with the chunks on disk"), e.getMessage());
		}
	}

	static float[] samples(DataType type, int n, long seed) {
		Random r = new Random(seed);
		float[] v = new float[n];
		for (int i = 0; i < n; i++)
			v[i] = type.kind() == DataType.Kind.UINT8 ? r.nextInt(256) : type
				.kind() == DataType.Kind.UINT16 ? r.nextInt(65536) : (float) r.nextGaussian() * 1000;
		return v;
	}
}
