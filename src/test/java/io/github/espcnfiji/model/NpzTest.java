package io.github.espcnfiji.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.core.Tensor;
import io.github.espcnfiji.testing.Python;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzTest {

	@TempDir
	Path dir;

	private static Map<String, Tensor> sample() {
		Map<String, Tensor> m = new LinkedHashMap<>();
		m.put("a", new Tensor(new long[] { 2, 3 }, new float[] { 0, 1, 2, 3, 4, 5 }));
		m.put("b", new Tensor(new long[] { 4 }, new float[] { -1.5f, 0, 1e-30f, 3e38f }));
		m.put("scalar", new Tensor(new long[0], new float[] { 7 }));
		return m;
	}

	private static void assertSameArrays(Map<String, Tensor> expected, Map<String, Tensor> got) {
		assertEquals(List.copyOf(expected.keySet()), List.copyOf(got.keySet()));
		for (String k : expected.keySet()) {
			assertArrayEquals(expected.get(k).shape(), got.get(k).shape(), k);
			assertArrayEquals(expected.get(k).data(), got.get(k).data(), k);
		}
	}

	@Test
	void roundTripsNamesOrderShapesAndBitsExactly() throws IOException {
		Map<String, Tensor> arrays = sample();
		arrays.put("first_part.0.weight", new Tensor(new long[] { 2, 1, 1, 1 }, new float[] {
			Float.MIN_VALUE, -0f }));
		Path file = dir.resolve("w.npz");
		Npz.write(arrays, file);
		assertSameArrays(arrays, Npz.read(file));
		assertEquals(List.of("w.npz"), List.of(dir.toFile().list()), "no temporary files left");
	}

	@Test
	void writesVersion1HeadersPaddedTo64BytesEndingInNewline() {
		byte[] npy = Npz.toNpy(new Tensor(new long[] { 64, 1, 5, 5 }, new float[1600]));
		assertEquals(1, npy[6]);
		assertEquals(0, npy[7]);
		int headerLength = (npy[8] & 0xFF) | (npy[9] & 0xFF) << 8;
		assertEquals(0, (10 + headerLength) % 64);
		assertEquals('\n', npy[10 + headerLength - 1]);
		String header = new String(npy, 10, headerLength, StandardCharsets.US_ASCII);
		assertTrue(header.startsWith(
			"{'descr': '<f4', 'fortran_order': False, 'shape': (64, 1, 5, 5), }"), header);
		assertEquals(10 + headerLength + 4 * 1600, npy.length);
	}

	@Test
	void readsBigEndianAndFloat64AndVersion2Headers() throws IOException {
		float[] values = { 1.25f, -2, 1e-3f };
		Map<String, byte[]> entries = new LinkedHashMap<>();
		entries.put("be4.npy", npy(1, ">f4", "(3,)", values, ByteOrder.BIG_ENDIAN, false));
		entries.put("le8.npy", npy(1, "<f8", "(3,)", values, ByteOrder.LITTLE_ENDIAN, true));
		entries.put("be8.npy", npy(1, ">f8", "(1, 3)", values, ByteOrder.BIG_ENDIAN, true));
		entries.put("v2.npy", npy(2, "<f4", "(3,)", values, ByteOrder.LITTLE_ENDIAN, false));
		Map<String, Tensor> got = Npz.read(zip(entries), "test.npz");
		assertEquals(List.of("be4", "le8", "be8", "v2"), List.copyOf(got.keySet()));
		for (Tensor t : got.values())
			assertArrayEquals(values, t.data());
		assertArrayEquals(new long[] { 1, 3 }, got.get("be8").shape());
	}

	@Test
	void narrowsFloat64ToTheNearestFloat32() throws IOException {
		byte[] npy = npy(1, "<f8", "(1,)", new float[1], ByteOrder.LITTLE_ENDIAN, true);
		ByteBuffer.wrap(npy, npy.length - 8, 8).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.1);
		assertEquals(0.1f, Npz.read(zip(Map.of("x.npy", npy)), "t").get("x").data()[0]);
	}

	@Test
	void rejectsFortranOrderWithAHint() {
		byte[] npy = npy(1, "<f4", "(1, 1)", new float[1], ByteOrder.LITTLE_ENDIAN, false);
		String text = new String(npy, StandardCharsets.ISO_8859_1).replace("False", "True ");
		IOException e = assertThrows(IOException.class, () -> Npz.read(zip(Map.of("w.npy", text
			.getBytes(StandardCharsets.ISO_8859_1))), "w.npz"));
		assertTrue(e.getMessage().contains("'w'") && e.getMessage().contains("Fortran order"), e
			.getMessage());
	}

	@Test
	void rejectsUnsupportedDtypesNamingFileArrayAndDtype() {
		byte[] npy = npy(1, "<i4", "(1,)", new float[1], ByteOrder.LITTLE_ENDIAN, false);
		IOException e = assertThrows(IOException.class, () -> Npz.read(zip(Map.of("k.npy", npy)),
			"weights.npz"));
		assertTrue(e.getMessage().startsWith("weights.npz: array 'k'"), e.getMessage());
		assertTrue(e.getMessage().contains("'<i4'"), e.getMessage());
	}

	@Test
	void rejectsBadMagic() {
		byte[] npy = npy(1, "<f4", "(1,)", new float[1], ByteOrder.LITTLE_ENDIAN, false);
		npy[1] = 'X';
		IOException e = assertThrows(IOException.class, () -> Npz.read(zip(Map.of("k.npy", npy)),
			"w.npz"));
		assertTrue(e.getMessage().contains("magic"), e.getMessage());
	}

	@Test
	void rejectsTruncatedArrays() {
		byte[] npy = npy(1, "<f4", "(5,)", new float[5], ByteOrder.LITTLE_ENDIAN, false);
		byte[] cut = Arrays.copyOf(npy, npy.length - 3);
		IOException e = assertThrows(IOException.class, () -> Npz.read(zip(Map.of("k.npy", cut)),
			"w.npz"));
		assertTrue(e.getMessage().contains("truncated"), e.getMessage());
	}

	@Test
	void rejectsTruncatedArchivesNamingTheFile() throws IOException {
		byte[] whole = Npz.toBytes(sample());
		for (int keep : new int[] { whole.length - 1, whole.length / 2, 30, 3, 0 }) {
			Path file = dir.resolve("cut" + keep + ".npz");
			Files.write(file, Arrays.copyOf(whole, keep));
			IOException e = assertThrows(IOException.class, () -> Npz.read(file));
			assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
		}
	}

	@Test
	void rejectsCorruptArchiveContents() throws IOException {
		byte[] bytes = Npz.toBytes(sample());
		for (int i = 60; i < 90; i++)
			bytes[i] ^= 0x5A; // inside the first entry's compressed data
		IOException e = assertThrows(IOException.class, () -> Npz.read(bytes, "bad.npz"));
		assertTrue(e.getMessage().startsWith("bad.npz"), e.getMessage());
	}

	@Test
	void explainsWhenGivenASingleNpyOrSomethingElse() {
		byte[] npy = Npz.toNpy(new Tensor(new long[] { 1 }, new float[1]));
		assertTrue(assertThrows(IOException.class, () -> Npz.read(npy, "x.npy")).getMessage()
			.contains("single .npy"));
		byte[] text = "hello, this is not a zip archive".getBytes(StandardCharsets.US_ASCII);
		assertTrue(assertThrows(IOException.class, () -> Npz.read(text, "x.npz")).getMessage()
			.contains("not an .npz"));
	}

	@Test
	void numpyReadsWhatWeWriteAndWeReadWhatNumpyWrites() throws IOException,
		URISyntaxException
	{
		String python = Python.with("numpy").orElse(null);
		Assumptions.assumeTrue(python != null, "no Python with numpy");
		Path written = dir.resolve("java.npz");
		Npz.write(sample(), written);
		Path script = Path.of(NpzTest.class.getResource("/fixtures/npz_interop.py").toURI());
		Python.Result r = Python.runScript(python, script, written.toString(), dir.toString());
		assertEquals(0, r.exitCode, r.output);

		Map<String, Tensor> expected = new LinkedHashMap<>(sample());
		expected.remove("scalar");
		for (String name : List.of("savez.npz", "compressed.npz", "f8.npz", "big.npz"))
			assertSameArrays(expected, Npz.read(dir.resolve(name)));
		IOException e = assertThrows(IOException.class, () -> Npz.read(dir.resolve(
			"fortran.npz")));
		assertTrue(e.getMessage().contains("Fortran"), e.getMessage());
	}

	/** A hand-made .npy file; values are written as doubles when {@code wide}. */
	private static byte[] npy(int version, String descr, String shape, float[] values,
		ByteOrder order, boolean wide)
	{
		String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape +
			", }\n";
		int lengthBytes = version == 1 ? 2 : 4;
		ByteBuffer b = ByteBuffer.allocate(8 + lengthBytes + header.length() + values.length * (wide
			? 8 : 4)).order(ByteOrder.LITTLE_ENDIAN);
		b.put(new byte[] { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) version, 0 });
		if (version == 1) b.putShort((short) header.length());
		else b.putInt(header.length());
		b.put(header.getBytes(StandardCharsets.US_ASCII));
		b.order(order);
		for (float v : values)
			if (wide) b.putDouble(v);
			else b.putFloat(v);
		return b.array();
	}

	private static byte[] zip(Map<String, byte[]> entries) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			for (Map.Entry<String, byte[]> e : entries.entrySet()) {
				zip.putNextEntry(new ZipEntry(e.getKey()));
				zip.write(e.getValue());
				zip.closeEntry();
			}
		}
		return bytes.toByteArray();
	}
}
