package io.github.espcnfiji.zarr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * We read what zarr-python 2 with numcodecs writes (every dtype, compressor, shuffle and
 * separator), and it reads what we write: skipped without a Python that imports zarr (Debian:
 * python3-zarr python3-numcodecs).
 */
class PythonZarrInteropTest {

	@TempDir
	Path dir;

	@Test
	void weReadWhatZarrPythonWrites() throws IOException {
		String out = python("write", dir);
		assertTrue(out.startsWith("exit 0"), out);
		List<Path> arrays;
		try (Stream<Path> s = Files.list(dir)) {
			arrays = s.filter(p -> !p.getFileName().toString().endsWith(".py")).sorted().collect(
				Collectors.toList());
		}
		assertEquals(121, arrays.size());
		for (Path p : arrays) {
			if (p.getFileName().toString().equals("blosclz")) {
				ZarrFormatException e = assertThrows(ZarrFormatException.class, () -> ZarrArray.open(p)
					.read(new long[2], new int[] { 8, 8 }));
				assertTrue(e.getMessage().startsWith(p.resolve("0.0") + ": "), e.getMessage());
				assertTrue(e.getMessage().contains("blosclz"), e.getMessage());
				continue;
			}
			ZarrArray a = ZarrArray.open(p);
			assertArrayEquals(new long[] { 3, 37, 50 }, a.shape());
			assertArrayEquals(expected(a.dataType(), 3 * 37 * 50), a.read(new long[3], new int[] { 3,
				37, 50 }), p.getFileName().toString());
		}
	}

	@Test
	void zarrPythonReadsWhatWeWrite() throws IOException {
		int n = 0;
		for (String dtype : new String[] { "|u1", "<u2", ">u2", "<f4", ">f4" })
			for (String codec : new String[] { "none", "zlib", "gzip", "blosc-lz4", "blosc-zstd",
				"blosc-zlib", "noshuffle", "bitshuffle" })
				for (String sep : new String[] { ".", "/" }) {
					Compressor c = codec.equals("noshuffle") ? new Blosc("lz4", 5, Blosc.NO_SHUFFLE, 0)
						: codec.equals("bitshuffle") ? new Blosc("zstd", 5, Blosc.BIT_SHUFFLE, 0) : Compressor
							.named(codec);
					DataType type = DataType.parse(dtype);
					ZarrArray a = ZarrArray.create(dir.resolve("a" + n++), new long[] { 3, 37, 50 },
						new int[] { 2, 16, 16 }, type, c, 0, sep);
					a.write(new long[3], new int[] { 3, 37, 50 }, expected(type, 3 * 37 * 50));
				}
		String out = python("check", dir);
		assertTrue(out.startsWith("exit 0"), out);
		assertEquals(n, out.lines().filter(l -> l.startsWith("ok ")).count(), out);
	}

	/** The values interop.py writes and expects: sample i in C order. */
	private static float[] expected(DataType type, int n) {
		float[] v = new float[n];
		for (int i = 0; i < n; i++)
			v[i] = type.kind() == DataType.Kind.FLOAT32 ? (float) (i * 0.25 - 100) : (float) ((i *
				7919L) % (type.kind() == DataType.Kind.UINT8 ? 256 : 65536));
		return v;
	}

	// ---- the Python side

	private static String found;
	private static boolean looked;

	private static synchronized String interpreter() {
		if (!looked) {
			looked = true;
			for (String python : new String[] { System.getProperty("espcn.python", "python3"), "python3",
				"/usr/bin/python3" })
				try {
					if (run(List.of(python, "-c", "import zarr, numcodecs, numpy")).startsWith("exit 0")) {
						found = python;
						break;
					}
				}
				catch (IOException e) {
					// not installed under that name
				}
		}
		assumeTrue(found != null, "No python3 with zarr and numcodecs (Debian: python3-zarr " +
			"python3-numcodecs)");
		return found;
	}

	private static String python(String mode, Path root) throws IOException {
		String python = interpreter();
		Path script = Files.createTempFile("espcn-zarr-interop", ".py");
		try {
			try (InputStream in = PythonZarrInteropTest.class.getResourceAsStream(
				"/zarr/interop.py"))
			{
				Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
			}
			return run(List.of(python, script.toString(), mode, root.toString()));
		}
		finally {
			Files.deleteIfExists(script);
		}
	}

	private static String run(List<String> command) throws IOException {
		Path log = Files.createTempFile("espcn-python", ".log");
		try {
			Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
				.redirectOutput(log.toFile()).start();
			try {
				if (!p.waitFor(300, TimeUnit.SECONDS)) {
					p.destroyForcibly();
					throw new IOException(command + " did not finish within 300 s");
				}
			}
			catch (InterruptedException e) {
				p.destroyForcibly();
				Thread.currentThread().interrupt();
				throw new IOException("Interrupted", e);
			}
			return "exit " + p.exitValue() + "\n" + Files.readString(log, StandardCharsets.UTF_8);
		}
		finally {
			Files.deleteIfExists(log);
		}
	}
}
