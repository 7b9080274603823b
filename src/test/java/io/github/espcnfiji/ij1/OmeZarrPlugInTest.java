package io.github.espcnfiji.ij1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.Macro;
import ij.macro.Interpreter;
import io.github.espcnfiji.cli.HeadlessCommands;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.model.InferenceMode;
import io.github.espcnfiji.model.ModelFiles;
import io.github.espcnfiji.testing.TestModels;
import io.github.espcnfiji.zarr.Compressor;
import io.github.espcnfiji.zarr.DataType;
import io.github.espcnfiji.zarr.Multiscales;
import io.github.espcnfiji.zarr.ZarrArray;
import io.github.espcnfiji.zarr.ZarrUpscaler;

import java.awt.event.KeyEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "ESPCN OME-Zarr" run as macros run it, headless: the engine's files, its rules, Esc. */
class OmeZarrPlugInTest {

	@TempDir
	static Path models;
	private static Path model;
	/** This test's own folder. */
	private Path dir;

	@BeforeAll
	static void setUp() throws Exception {
		model = TestModels.save(models, 2);
		HeadlessCommands.install();
	}

	@BeforeEach
	void folder() throws IOException {
		dir = Files.createTempDirectory(models, "test");
	}

	@AfterEach
	void forgetEscape() {
		IJ.resetEscape();
	}

	/** A 2 x 19 x 23 uint16 OME-Zarr image in 1 x 8 x 8 chunks at {@code dir/name}. */
	private Path image(String name) throws IOException {
		Path root = dir.resolve(name);
		Random r = new Random(3);
		float[] data = new float[2 * 19 * 23];
		for (int i = 0; i < data.length; i++)
			data[i] = 100 + r.nextInt(4000);
		ZarrArray.create(root.resolve("0"), new long[] { 2, 19, 23 }, new int[] { 1, 8, 8 }, DataType
			.parse("<u2"), Compressor.named("blosc-lz4"), 0, "/").write(new long[3], new int[] { 2, 19,
				23 }, data);
		new Multiscales(root, "cells", Multiscales.defaultAxes(3), List.of(new Multiscales.Level("0",
			new double[] { 1, 0.5, 0.5 }, null))).write();
		return root;
	}

	private static String run(String options) {
		Interpreter interpreter = new Interpreter();
		interpreter.run("run(\"" + OmeZarrPlugIn.COMMAND + "...\", \"" + options + "\");", "");
		if (!interpreter.wasError()) return null;
		String error = PlugInErrors.takeLastMacroError();
		assertNotNull(error);
		return error;
	}

	static Map<String, byte[]> files(Path root) throws IOException {
		Map<String, byte[]> m = new TreeMap<>();
		try (Stream<Path> s = Files.walk(root)) {
			for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator)
				m.put(root.relativize(p).toString(), Files.readAllBytes(p));
		}
		return m;
	}

	private static void assertSameFiles(Map<String, byte[]> expected, Map<String, byte[]> got) {
		assertEquals(expected.keySet(), got.keySet());
		expected.forEach((k, v) -> assertArrayEquals(v, got.get(k), k));
	}

	@Test
	void aMacroWritesTheFilesTheEngineWritesWithTheSameSettings() throws IOException {
		Path in = image("in.zarr");
		Map<String, byte[]> input = files(in);
		Path out = dir.resolve("out.zarr");
		assertEquals(null, run("input=[" + in + "] output=[" + out + "] model=[" + model +
			"] tile=16 pyramid=1 chunk=10 compressor=zlib"));
		Path direct = dir.resolve("direct.zarr");
		try (EspcnModel m = ModelFiles.load(model)) {
			new ZarrUpscaler(m.upscaler(InferenceMode.FP32), ZarrUpscaler.Settings.defaults()
				.withTileSize(16).withPyramid(1).withChunk(10).withCompressor(Compressor.named("zlib")), (
					l, d, t) -> {}).write(in, direct, false);
		}
		Map<String, byte[]> got = files(out);
		assertTrue(got.containsKey("0/.zarray") && got.containsKey("1/.zarray"), got.keySet()
			.toString());
		assertArrayEquals(new long[] { 2, 38, 46 }, ZarrArray.open(out.resolve("0")).shape());
		assertSameFiles(files(direct), got);
		assertSameFiles(input, files(in));
	}

	@Test
	void escapeStopsBeforeTheNextChunkAndLeavesNoOutput() throws IOException {
		Path in = image("in.zarr");
		Path out = dir.resolve("out.zarr");
		int[] chunks = { 0 };
		ZarrProgress escAfterFirstChunk = new ZarrProgress("test") {

			@Override
			public void chunk(int level, long done, long total) {
				super.chunk(level, done, total);
				if (++chunks[0] == 1) IJ.setKeyDown(KeyEvent.VK_ESCAPE);
			}
		};
		assertFalse(OmeZarrPlugIn.upscale(in.toString(), out.toString(), model.toString(),
			ZarrUpscaler.Settings.defaults(), "fp32", false, escAfterFirstChunk));
		assertEquals(1, chunks[0], "60 chunks of 8 x 8; none after Esc");
		try (Stream<Path> s = Files.list(dir)) {
			assertEquals(List.of(in), s.collect(java.util.stream.Collectors.toList()), "no output, " +
				"no temporary folder");
		}
		assertTrue(OmeZarrPlugIn.upscale(in.toString(), out.toString(), model.toString(),
			ZarrUpscaler.Settings.defaults(), "fp32", false), "the next run works");
	}

	@Test
	void anExistingOutputIsReplacedOnlyWithOverwriteAndNeverByABadRun() throws IOException {
		Path in = image("in.zarr");
		Path out = dir.resolve("out.zarr");
		assertEquals(null, run("input=[" + in + "] output=[" + out + "] model=[" + model + "]"));
		Map<String, byte[]> first = files(out);
		String error = run("input=[" + in + "] output=[" + out + "] model=[" + model + "]");
		assertTrue(error.startsWith(OmeZarrPlugIn.COMMAND + ": " + out + ": the output exists; add " +
			"overwrite to replace it"), error);
		assertFalse(error.contains("--"), "the macro key, not the command line's option: " + error);
		// a corrupt chunk in the input: the run fails and the earlier output stays as it was
		Path chunk = in.resolve("0/1/1/1");
		byte[] stored = Files.readAllBytes(chunk);
		Files.write(chunk, java.util.Arrays.copyOf(stored, stored.length - 3));
		error = run("input=[" + in + "] output=[" + out + "] model=[" + model + "] overwrite");
		assertTrue(error.startsWith(OmeZarrPlugIn.COMMAND + ": " + chunk + ": truncated"), error);
		assertSameFiles(first, files(out));
		Files.write(chunk, stored);
		assertEquals(null, run("input=[" + in + "] output=[" + out + "] model=[" + model +
			"] overwrite chunk=4"));
		assertArrayEquals(new int[] { 1, 4, 4 }, ZarrArray.open(out.resolve("0")).chunks());
		try (Stream<Path> s = Files.list(dir)) {
			assertEquals(2, s.count(), "no temporary folder left");
		}
	}

	@Test
	void mistakesStopTheMacroWithOneLineBeforeAnyWork() throws IOException {
		Path in = image("in.zarr");
		Path out = dir.resolve("out.zarr");
		String m = " model=[" + model + "]";
		assertEquals(OmeZarrPlugIn.COMMAND + ": Missing 'output=...' in the options \"input=[" + in +
			"]" + m + "\" (macro line 1)", run("input=[" + in + "]" + m));
		assertTrue(run("input=[" + in + "] output=[" + out + "] pyramids=2" + m).contains(
			"Unknown key 'pyramids' (did you mean 'pyramid'?)"));
		assertTrue(run("input=[" + in + "] output=[" + out + "] compressor=lzma" + m).contains(
			"'compressor' must be one of same, blosc-lz4, blosc-zstd, blosc-zlib, zlib, gzip, none, " +
				"got 'lzma'"));
		assertTrue(run("input=[" + in + "] output=[" + out + "] chunk=-1" + m).contains(
			"'chunk' must not be negative"));
		assertTrue(run("input=[" + dir.resolve("nowhere.zarr") + "] output=[" + out + "]" + m)
			.contains(dir.resolve("nowhere.zarr") + ": not found"));
		String inside = run("input=[" + in + "] output=[" + in.resolve("sr.zarr") + "]" + m);
		assertTrue(inside.contains("output " + in.resolve("sr.zarr") + " lies inside the input"),
			inside);
		Path notZarr = Files.createDirectories(dir.resolve("plain"));
		assertTrue(run("input=[" + notZarr + "] output=[" + out + "]" + m).contains(notZarr +
			": neither a Zarr array (.zarray) nor an OME-Zarr image"));
		assertFalse(Files.exists(out));
		assertFalse(Files.exists(in.resolve("sr.zarr")));
		// a dialog's field left empty is no folder, not the working folder
		assertTrue(org.junit.jupiter.api.Assertions.assertThrows(PlugInFailure.class,
			() -> OmeZarrPlugIn.upscale(" ", out.toString(), model.toString(), ZarrUpscaler.Settings
				.defaults(), "", false)).getMessage().contains("no input OME-Zarr folder given"));
		assertTrue(org.junit.jupiter.api.Assertions.assertThrows(PlugInFailure.class,
			() -> OmeZarrPlugIn.upscale(in.toString(), "", model.toString(), ZarrUpscaler.Settings
				.defaults(), "", false)).getMessage().contains("no output OME-Zarr folder given"));
		assertFalse(Files.exists(out));
	}

	@Test
	void dialogLabelsRecordTheMacroKeys() {
		String[][] labelsAndKeys = { { OmeZarrPlugIn.INPUT_LABEL, OmeZarrPlugIn.INPUT }, {
			OmeZarrPlugIn.OUTPUT_LABEL, OmeZarrPlugIn.OUTPUT }, { OmeZarrPlugIn.MODEL_LABEL,
				OmeZarrPlugIn.MODEL }, { OmeZarrPlugIn.TILE_LABEL, OmeZarrPlugIn.TILE }, {
					SuperResolutionPlugIn.PRECISION_LABEL, OmeZarrPlugIn.PRECISION }, {
						OmeZarrPlugIn.PYRAMID_LABEL, OmeZarrPlugIn.PYRAMID }, { OmeZarrPlugIn.CHUNK_LABEL,
							OmeZarrPlugIn.CHUNK }, { OmeZarrPlugIn.COMPRESSOR_LABEL, OmeZarrPlugIn.COMPRESSOR }, {
								OmeZarrPlugIn.OVERWRITE_LABEL, OmeZarrPlugIn.OVERWRITE } };
		for (String[] lk : labelsAndKeys)
			assertEquals(lk[1], Macro.trimKey(lk[0]), "label '" + lk[0] + "'");
		assertEquals("input output model tile precision pyramid chunk compressor overwrite", String
			.join(" ", OmeZarrPlugIn.INPUT, OmeZarrPlugIn.OUTPUT, OmeZarrPlugIn.MODEL,
				OmeZarrPlugIn.TILE, OmeZarrPlugIn.PRECISION, OmeZarrPlugIn.PYRAMID, OmeZarrPlugIn.CHUNK,
				OmeZarrPlugIn.COMPRESSOR, OmeZarrPlugIn.OVERWRITE));
	}
}
