package io.github.espcnfiji.bioimageio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.core.Tensor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class NpyTest {

	@Test
	void writesWhatItReads() throws IOException {
		Tensor a = new Tensor(new long[] { 1, 2, 3, 2 }, new float[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
			10, 11 });
		Tensor back = Npy.read(Npy.write(a), "a.npy");
		assertArrayEquals(a.shape(), back.shape());
		assertArrayEquals(a.data(), back.data());
	}

	@Test
	void headerIsNumpysVersion1PaddedTo64Bytes() {
		byte[] f = Npy.write(new Tensor(new long[] { 2 }, new float[] { 1, 2 }));
		int headerLength = (f[8] & 0xff) | (f[9] & 0xff) << 8;
		assertEquals(0, (10 + headerLength) % 64);
		String header = new String(f, 10, headerLength, StandardCharsets.US_ASCII);
		assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }"),
			header);
		assertEquals(10 + headerLength + 8, f.length);
	}

	@Test
	void readsOtherTypesAsFloat() throws IOException {
		byte[] u8 = npy("|u1", "(3,)", new byte[] { 0, (byte) 200, (byte) 255 });
		assertArrayEquals(new float[] { 0, 200, 255 }, Npy.read(u8, "u8.npy").data());
		byte[] f8 = npy("<f8", "(1, 1)", new byte[] { 0, 0, 0, 0, 0, 0, (byte) 0xf8, 0x3f }); // 1.5
		Tensor d = Npy.read(f8, "f8.npy");
		assertArrayEquals(new long[] { 1, 1 }, d.shape());
		assertArrayEquals(new float[] { 1.5f }, d.data());
	}

	@Test
	void refusesWithOneLineNamingTheFile() {
		byte[] good = Npy.write(new Tensor(new long[] { 4 }, new float[4]));
		IOException truncated = assertThrows(IOException.class, () -> Npy.read(Arrays.copyOf(good,
			good.length - 3), "t.npy"));
		assertTrue(truncated.getMessage().startsWith("t.npy holds 13 data bytes, not the 16"),
			truncated.getMessage());
		IOException notNpy = assertThrows(IOException.class, () -> Npy.read("hello world".getBytes(
			StandardCharsets.US_ASCII), "x.npy"));
		assertEquals("x.npy is not a NumPy .npy file", notNpy.getMessage());
		IOException complex = assertThrows(IOException.class, () -> Npy.read(npy("<c8", "(1,)",
			new byte[8]), "c.npy"));
		assertTrue(complex.getMessage().startsWith("c.npy holds '<c8' values"));
	}

	private static byte[] npy(String descr, String shape, byte[] data) {
		String h = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }\n";
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(new byte[] { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0 });
		out.write(h.length());
		out.write(0);
		out.writeBytes(h.getBytes(StandardCharsets.US_ASCII));
		out.writeBytes(data);
		return out.toByteArray();
	}
}
