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
}
