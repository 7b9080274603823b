package io.github.espcnfiji.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.zarr.Axis;
import io.github.espcnfiji.zarr.Compressor;
import io.github.espcnfiji.zarr.DataType;
import io.github.espcnfiji.zarr.Multiscales;
import io.github.espcnfiji.zarr.ZarrArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code upscale} of a Zarr input it cannot read: exit 1 with one line naming the file (no stack
 * trace), the input untouched, and an earlier output given with {@code --overwrite} left as it
 * was, with no temporary folder beside it.
 */
class ZarrBadInputTest {

	@TempDir
	Path dir;

	private String model;
	private Path in, out;

	/** A good 2 x 12 x 14 uint16 OME-Zarr image in 1 x 8 x 8 zlib chunks, and an earlier output. */
	@BeforeEach
	void goodInputAndAnEarlierOutput() throws IOException {
		model = Fixtures.model(dir.resolve("tiny-x2"), 2).toString();
		in = dir.resolve("in.zarr");
		Random r = new Random(5);
		float[] data = new float[2 * 12 * 14];
		for (int i = 0; i < data.length; i++)
			data[i] = r.nextInt(60000);
		ZarrArray.create(in.resolve("0"), new long[] { 2, 12, 14 }, new int[] { 1, 8, 8 }, DataType
			.parse("<u2"), Compressor.named("zlib"), 0, ".").write(new long[3], new int[] { 2, 12, 14 },
				data);
		writeAxes(Multiscales.defaultAxes(3));
		out = dir.resolve("out.zarr");
		CliRun first = CliRun.of("upscale", "--model", model, "--input", in.toString(), "--output", out
			.toString());
		assertEquals(0, first.code, first.toString());
	}

	private void writeAxes(List<Axis> axes) throws IOException {
		new Multiscales(in, null, axes, List.of(new Multiscales.Level("0", new double[] { 1, 1, 1 },
			null))).write();
	}

	/** Changes entries of the level's {@code .zarray}, e.g. {@code "order": "F"}. */
	private void zarray(String entries) throws IOException {
		Path meta = in.resolve("0/.zarray");
		com.google.gson.JsonObject json = com.google.gson.JsonParser.parseString(Files.readString(
			meta)).getAsJsonObject();
		com.google.gson.JsonObject change = com.google.gson.JsonParser.parseString("{" + entries + "}")
			.getAsJsonObject();
		for (String key : change.keySet())
			json.add(key, change.get(key));
		Files.writeString(meta, json.toString());
	}

	/**
	 * Runs {@code upscale ... --overwrite} and checks the failure: its last line is
	 * {@code error: FILE: PROBLEM...}, and nothing changed on disk.
	 */
	private String assertRefused(Path file, String problem) throws IOException {
		Map<String, byte[]> input = files(in), output = files(out);
		CliRun r = CliRun.of("upscale", "--model", model, "--input", in.toString(), "--output", out
			.toString(), "--overwrite");
		assertEquals(1, r.code, r.toString());
		assertTrue(r.lastError().startsWith("error: " + file + ": " + problem), r.toString());
		assertFalse(r.err.contains("\tat ") || r.err.contains("Exception"), r.err);
		assertSame(input, files(in));
		assertSame(output, files(out));
		try (Stream<Path> s = Files.list(dir)) {
			assertEquals(3, s.count(), "the model, the input and the earlier output; no temporary folder");
		}
		return r.lastError();
	}

	@Test
	void anUnsupportedDtypeNamesTheZarray() throws IOException {
		zarray("\"dtype\": \"<i2\"");
		assertRefused(in.resolve("0/.zarray"), "unsupported dtype <i2 (supported: |u1, <u2, >u2, " +
			"<f4, >f4)");
	}

	@Test
	void anUnsupportedCompressorNamesTheZarray() throws IOException {
		zarray("\"compressor\": {\"id\": \"lzma\", \"preset\": 1}");
		assertRefused(in.resolve("0/.zarray"), "unsupported compressor");
		zarray("\"compressor\": {\"id\": \"blosc\", \"cname\": \"brotli\", \"clevel\": 5, " +
			"\"shuffle\": 1}");
		assertRefused(in.resolve("0/.zarray"), "unsupported blosc codec brotli");
	}

	@Test
	void fortranOrderFiltersAndOddFillValuesNameTheZarray() throws IOException {
		zarray("\"order\": \"F\"");
		assertRefused(in.resolve("0/.zarray"), "order F is not supported (only C)");
		zarray("\"order\": \"C\", \"filters\": [{\"id\": \"delta\", \"dtype\": \"<u2\"}]");
		assertRefused(in.resolve("0/.zarray"), "filters [{\"id\":\"delta\",\"dtype\":\"<u2\"}] are " +
			"not supported (only null)");
		zarray("\"filters\": null, \"fill_value\": \"NaN\"");
		assertRefused(in.resolve("0/.zarray"), "fill_value \"NaN\" is not supported for dtype <u2");
		zarray("\"fill_value\": 65536");
		assertRefused(in.resolve("0/.zarray"), "fill_value 65536 does not fit dtype <u2");
	}

	@Test
	void axesThatDoNotEndInYAndXOrDoNotMatchTheArrayNameTheMetadata() throws IOException {
		writeAxes(List.of(Axis.named("y", null), Axis.named("x", null), Axis.named("z", null)));
		assertRefused(in.resolve(".zattrs"), "axes [y, x, z] are not supported: the last two must " +
			"be y and x");
		new Multiscales(in, null, Multiscales.defaultAxes(2), List.of(new Multiscales.Level("0",
			new double[] { 1, 1 }, null))).write();
		assertRefused(in.resolve("0/.zarray"), "has 3 dimensions, the image's axes are [y, x]");
	}

	@Test
	void aZarrayThatDisagreesWithTheChunksOnDiskNamesWhatDisagrees() throws IOException {
		// chunks stored as 8 x 8 where the .zarray says 4 x 4: the first chunk file read
		zarray("\"chunks\": [1, 4, 4]");
		String line = assertRefused(in.resolve("0/0.0.0"), "");
		assertTrue(line.contains("(chunks [1, 4, 4] of <u2, zlib"), line);
		// chunks in flat files where the .zarray says nested folders
		zarray("\"chunks\": [1, 8, 8], \"dimension_separator\": \"/\"");
		assertRefused(in.resolve("0/.zarray"), "dimension_separator is \"/\" but the chunks are " +
			"flat files");
		// a dtype of another width: the chunks decode to half the bytes it needs
		zarray("\"dimension_separator\": \".\", \"dtype\": \"<f4\"");
		assertRefused(in.resolve("0/0.0.0"), "");
	}

	@Test
	void aTruncatedOrCorruptChunkNamesTheChunkFile() throws IOException {
		Path chunk = in.resolve("0/1.1.0");
		byte[] good = Files.readAllBytes(chunk);
		Files.write(chunk, java.util.Arrays.copyOf(good, good.length - 4));
		assertRefused(chunk, "");
		byte[] corrupt = good.clone();
		for (int i = 4; i < corrupt.length - 4; i++)
			corrupt[i] ^= 0x5a;
		Files.write(chunk, corrupt);
		assertRefused(chunk, "");
		Files.write(chunk, new byte[0]);
		assertRefused(chunk, "");
	}

	@Test
	void aGroupWithoutOmeNgffMetadataNamesTheFolderOrTheZattrs() throws IOException {
		Files.writeString(in.resolve(".zattrs"), "{\"omero\": {\"channels\": []}}");
		assertRefused(in.resolve(".zattrs"), "no multiscales: not an OME-NGFF image");
		Files.writeString(in.resolve(".zattrs"), "{\"multiscales\": [");
		assertRefused(in.resolve(".zattrs"), "");
		Files.delete(in.resolve(".zattrs"));
		assertRefused(in, "neither a Zarr array (.zarray) nor an OME-Zarr image (.zattrs with " +
			"multiscales)");
		Files.delete(in.resolve(".zgroup")); // a .zarr folder that lost all its group metadata
		assertRefused(in, "neither a Zarr array (.zarray) nor an OME-Zarr image (.zattrs with " +
			"multiscales)");		in = Files.move(in, dir.resolve("cells")); // and its name: its array's folder tells
		assertRefused(in, "neither a Zarr array (.zarray) nor an OME-Zarr image (.zattrs with " +
			"multiscales)");
	}

	@Test
	void anArrayWithoutPixelsNamesTheZarray() throws IOException {
		zarray("\"shape\": [2, 0, 14]");
		assertRefused(in.resolve("0/.zarray"), "shape [2, 0, 14] holds no pixels");
	}

	@Test
	void aMultiscalesDatasetThatIsMissingNamesItsZarray() throws IOException {
		Files.delete(in.resolve("0/.zarray"));
		assertRefused(in.resolve("0/.zarray"), "missing: not a Zarr v2 array");
	}

	@Test
	void anOutputInsideTheInputOrHoldingItIsRefusedBeforeAnyWork() throws IOException {
		Map<String, byte[]> input = files(in);
		for (Path target : new Path[] { in.resolve("sr.zarr"), in.resolve("0/sr.zarr"), in, dir }) {
			CliRun r = CliRun.of("upscale", "--model", model, "--input", in.toString(), "--output",
				target.toString(), "--overwrite");
			assertEquals(1, r.code, r.toString());
			assertTrue(r.lastError().matches("error: --output " + java.util.regex.Pattern.quote(target
				.toString()) + " (lies inside the input|holds the input|is the input).*"), r.toString());
			assertFalse(r.err.contains("\tat "), r.err);
		}
		assertSame(input, files(in));
		assertTrue(Files.exists(out.resolve("0/.zarray")));
	}

	private static Map<String, byte[]> files(Path root) throws IOException {
		Map<String, byte[]> m = new TreeMap<>();
		try (Stream<Path> s = Files.walk(root)) {
			for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator)
				m.put(root.relativize(p).toString(), Files.readAllBytes(p));
		}
		return m;
	}

	private static void assertSame(Map<String, byte[]> expected, Map<String, byte[]> got) {
		assertEquals(expected.keySet(), got.keySet());
		expected.forEach((k, v) -> assertArrayEquals(v, got.get(k), k));
	}
}
