package io.github.espcnfiji.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import io.github.espcnfiji.io.ImageFiles;
import io.github.espcnfiji.zarr.Compressor;
import io.github.espcnfiji.zarr.DataType;
import io.github.espcnfiji.zarr.Multiscales;
import io.github.espcnfiji.zarr.ZarrArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code upscale --input in.zarr --output out.zarr}: the same pixels as the image path. */
class ZarrUpscaleCommandTest {

	@TempDir
	Path dir;

	private String model;

	@BeforeEach
	void tinyModel() throws IOException {
		model = Fixtures.model(dir.resolve("tiny-x3"), 3).toString();
	}

	@Test
	void aZarrStackGivesTheImagePathsPixelsChunkByChunk() throws IOException {
		int w = 23, h = 17, slices = 2;
		Path tif = Fixtures.stack16(dir.resolve("stack.tif"), w, h, slices);
		ImagePlus imp = ImageFiles.open(tif);
		float[] data = new float[slices * w * h];
		for (int s = 0; s < slices; s++) {
			short[] px = (short[]) imp.getStack().getPixels(s + 1);
			for (int i = 0; i < w * h; i++)
				data[s * w * h + i] = px[i] & 0xffff;
		}
		Path in = dir.resolve("in.zarr");
		ZarrArray.create(in.resolve("0"), new long[] { slices, h, w }, new int[] { 1, 8, 8 }, DataType
			.parse("<u2"), Compressor.named("blosc-lz4"), 0, "/").write(new long[3], new int[] { slices,
				h, w }, data);
		new Multiscales(in, null, Multiscales.defaultAxes(3), List.of(new Multiscales.Level("0",
			new double[] { 1, 1, 1 }, null))).write();

		CliRun image = CliRun.of("upscale", "--model", model, "--input", tif.toString(), "--output",
			dir.resolve("sr.tif").toString());
		assertEquals(0, image.code, image.toString());
		Path out = dir.resolve("sr.zarr");
		CliRun zarr = CliRun.of("upscale", "--model", model, "--input", in.toString(), "--output", out
			.toString(), "--chunk", "10", "--pyramid", "1", "--compressor", "zlib");
		assertEquals(0, zarr.code, zarr.toString());
		assertTrue(zarr.err.contains("level 0: chunk 1/" + 2 * 6 * 7), zarr.err);
		assertTrue(zarr.err.contains("level 1: chunk 24/24"), zarr.err);
		assertTrue(zarr.out.contains("-> " + out), zarr.out);

		ImagePlus sr = ImageFiles.open(dir.resolve("sr.tif"));
		ZarrArray level0 = ZarrArray.open(out.resolve("0"));
		assertArrayEquals(new long[] { slices, 3 * h, 3 * w }, level0.shape());
		assertArrayEquals(new int[] { 1, 10, 10 }, level0.chunks());
		float[] got = level0.read(new long[3], new int[] { slices, 3 * h, 3 * w });
		int worst = 0;
		for (int s = 0; s < slices; s++) {
			short[] px = (short[]) sr.getStack().getPixels(s + 1);
			for (int i = 0; i < px.length; i++)
				worst = Math.max(worst, (int) Math.abs((px[i] & 0xffff) - got[s * px.length + i]));
		}
		assertTrue(worst <= 1, "differs from the image path by " + worst + " grey levels");
	}

	@Test
	void badZarrInputsGiveOneLineNamingTheFileAndNoOutput() throws IOException {
		Path in = Files.createDirectories(dir.resolve("in.zarr"));
		Files.writeString(in.resolve(".zarray"), "{\"zarr_format\": 2, \"shape\": [4, 4], " +
			"\"chunks\": [2, 2], \"dtype\": \"<i8\", \"compressor\": null, \"fill_value\": 0, " +
			"\"order\": \"C\", \"filters\": null}");
		CliRun r = CliRun.of("upscale", "--model", model, "--input", in.toString(), "--output", dir
			.resolve("out.zarr").toString());
		assertEquals(1, r.code, r.toString());
		assertTrue(r.lastError().contains(in.resolve(".zarray") + ": unsupported dtype <i8"), r
			.toString());
		assertFalse(r.err.contains("\tat "), r.err);
		assertFalse(Files.exists(dir.resolve("out.zarr")));

		Path tif = Fixtures.stack16(dir.resolve("stack.tif"), 8, 8, 1);
		CliRun misuse = CliRun.of("upscale", "--model", model, "--input", tif.toString(), "--output",
			dir.resolve("sr.tif").toString(), "--pyramid", "2");
		assertEquals(2, misuse.code, misuse.toString());
		assertTrue(misuse.err.contains("--pyramid is for Zarr inputs"), misuse.err);
	}

	@Test
	void overwriteReplacesAZarrImageButNeverAFolderOfOtherFiles() throws IOException {
		Path in = Files.createDirectories(dir.resolve("in2.zarr"));
		Files.writeString(in.resolve(".zarray"), "{\"zarr_format\": 2, \"shape\": [4, 4], " +
			"\"chunks\": [4, 4], \"dtype\": \"|u1\", \"compressor\": null, \"fill_value\": 7, " +
			"\"order\": \"C\", \"filters\": null}");
		Path documents = Files.createDirectories(dir.resolve("Documents"));
		Path letter = Files.writeString(documents.resolve("letter.txt"), "keep me");
		CliRun r = CliRun.of("upscale", "--model", model, "--input", in.toString(), "--output",
			documents.toString(), "--overwrite");
		assertEquals(1, r.code, r.toString());
		assertTrue(r.lastError().contains("is a folder that is not a Zarr image; not replacing it"), r
			.toString());
		assertEquals("keep me", Files.readString(letter), "the folder is untouched");
		assertFalse(r.err.contains("espcn-x") && r.err.contains("loading"), "refused before work");
		CliRun without = CliRun.of("upscale", "--model", model, "--input", in.toString(), "--output",
			documents.toString());
		assertTrue(without.lastError().contains("the output exists; add --overwrite"), without
			.toString());
		Path out = dir.resolve("out2.zarr");
		assertEquals(0, CliRun.of("upscale", "--model", model, "--input", in.toString(), "--output",
			out.toString()).code);
		CliRun again = CliRun.of("upscale", "--model", model, "--input", in.toString(), "--output",
			out.toString(), "--overwrite");
		assertEquals(0, again.code, again.toString());
	}

	/**
	 * The Fiji command "ESPCN OME-Zarr..." run by the jar's {@code macro} runner writes the same
	 * files, byte for byte, as {@code upscale} with the same settings; a bad input makes the
	 * runner exit non-zero with the one line naming the file.
	 */
	@Test
	void theFijiCommandInAMacroWritesTheSameFilesAsUpscale() throws Exception {
		Path in = dir.resolve("in.zarr");
		java.util.Random r = new java.util.Random(9);
		float[] data = new float[3 * 21 * 26];
		for (int i = 0; i < data.length; i++)
			data[i] = r.nextInt(256);
		ZarrArray.create(in.resolve("0"), new long[] { 3, 21, 26 }, new int[] { 1, 16, 16 }, DataType
			.parse("|u1"), Compressor.named("blosc-zstd"), 0, ".").write(new long[3], new int[] { 3, 21,
				26 }, data);
		new Multiscales(in, "cells", Multiscales.defaultAxes(3), List.of(new Multiscales.Level("0",
			new double[] { 2, 0.3, 0.3 }, new double[] { 0, 5, 5 }))).write();
		Path cli = dir.resolve("cli.zarr"), fiji = dir.resolve("fiji.zarr");
		CliRun upscale = CliRun.of("upscale", "--model", model, "--input", in.toString(), "--output",
			cli.toString(), "--pyramid", "2", "--chunk", "24", "--compressor", "blosc-lz4", "--tile",
			"20");
		assertEquals(0, upscale.code, upscale.toString());
		java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
		Path macro = Files.writeString(dir.resolve("zarr.ijm"), "args = split(getArgument(), \"|\");\n" +
			"run(\"ESPCN OME-Zarr...\", \"input=[\" + args[0] + \"] output=[\" + args[1] + \"] model=[" +
			model + "] pyramid=2 chunk=24 compressor=blosc-lz4 tile=20\");\n");
		int code = MacroRunner.run(new String[] { macro.toString(), in + "|" + fiji }, System.out,
			new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
		assertEquals(0, code, err.toString(java.nio.charset.StandardCharsets.UTF_8));
		java.util.Map<String, byte[]> expected = files(cli), got = files(fiji);
		assertEquals(expected.keySet(), got.keySet());
		assertTrue(got.containsKey("2/.zarray") && got.containsKey(".zattrs"), got.keySet()
			.toString());
		expected.forEach((k, v) -> assertArrayEquals(v, got.get(k), k));

		Files.writeString(in.resolve("0/.zarray"), Files.readString(in.resolve("0/.zarray"))
			.replace("\"C\"", "\"F\""));
		err.reset();
		code = MacroRunner.run(new String[] { macro.toString(), in + "|" + dir.resolve("bad.zarr") },
			System.out, new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
		String message = err.toString(java.nio.charset.StandardCharsets.UTF_8);
		assertEquals(1, code, message);
		assertTrue(message.contains("ESPCN OME-Zarr: " + in.resolve("0/.zarray") + ": order F is " +
			"not supported (only C)"), message);
		assertFalse(message.contains("\tat "), message);
		assertFalse(Files.exists(dir.resolve("bad.zarr")));
	}

	private static java.util.Map<String, byte[]> files(Path root) throws IOException {
		java.util.Map<String, byte[]> m = new java.util.TreeMap<>();
		try (java.util.stream.Stream<Path> s = Files.walk(root)) {
			for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator)
				m.put(root.relativize(p).toString(), Files.readAllBytes(p));
		}
		return m;
	}
}
