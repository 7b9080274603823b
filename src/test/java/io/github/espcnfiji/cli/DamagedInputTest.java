package io.github.espcnfiji.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.io.BrokenImages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code upscale} of damaged or implausible images: exit 1 and one line naming the file, no
 * output, the input unchanged; in a folder the sound images are still done.
 */
class DamagedInputTest {

	@TempDir
	Path dir;

	private String model;

	@BeforeEach
	void tinyModel() throws IOException {
		model = Fixtures.model(dir.resolve("tiny-x3"), 3).toString();
	}

	private static List<String> names(Path folder) throws IOException {
		try (Stream<Path> s = Files.list(folder)) {
			return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
		}
	}

	private CliRun upscale(Path in, Path out, String... more) {
		List<String> args = new java.util.ArrayList<>(List.of("upscale", "--model", model,
			"--input", in.toString(), "--output", out.toString()));
		args.addAll(List.of(more));
		return CliRun.of(args.toArray(new String[0]));
	}

	@Test
	void aTruncatedTiffIsRefusedWithNoOutput() throws IOException {
		Path in = BrokenImages.truncate(BrokenImages.tiff(dir.resolve("cut.tif"), new int[][] { {
			40, 30 } }, null), 900);
		byte[] before = Files.readAllBytes(in);
		CliRun r = upscale(in, dir.resolve("out.tif"));
		assertEquals(1, r.code, r.toString());
		assertEquals(1, r.err.strip().split("\\R").length, r.err);
		assertTrue(r.lastError().startsWith("error: cut.tif is truncated"), r.toString());
		assertTrue(Files.notExists(dir.resolve("out.tif")));
		assertArrayEquals(before, Files.readAllBytes(in));
	}

	@Test
	void aFolderSkipsItsDamagedImagesNamingEachAndWritesTheOthers() throws IOException {
		Path in = Files.createDirectory(dir.resolve("in"));
		BrokenImages.png(in.resolve("a-good.png"), 24, 20);
		BrokenImages.truncate(BrokenImages.png(in.resolve("b-cut.png"), 64, 48), -12);
		BrokenImages.truncate(BrokenImages.jpeg(in.resolve("c-cut.jpg"), 64, 48), 500);
		BrokenImages.tiff(in.resolve("d-pages.tif"), new int[][] { { 20, 20 }, { 10, 10 } }, null);
		Path out = dir.resolve("out");
		CliRun r = upscale(in, out);
		assertEquals(1, r.code, r.toString());
		assertFalse(r.err.contains("\tat "), r.err);
		assertTrue(r.err.contains("failed: b-cut.png: b-cut.png is truncated"), r.err);
		assertTrue(r.err.contains("failed: c-cut.jpg: c-cut.jpg is truncated"), r.err);
		assertTrue(r.err.contains("failed: d-pages.tif: d-pages.tif holds pages of different sizes"),
			r.err);
		assertEquals("error: 3 of 4 images failed (reasons above); the others were written", r
			.lastError());
		assertEquals(List.of("a-good.png"), names(out));
	}

	@Test
	void maxPixelsSetsTheLimit() throws IOException {
		Path in = BrokenImages.png(dir.resolve("a.png"), 40, 30);
		CliRun r = upscale(in, dir.resolve("out.png"), "--max-pixels", "1000");
		assertEquals(1, r.code, r.toString());
		assertTrue(r.lastError().startsWith("error: a.png is 40x30 = 1200 pixels, more than the " +
			"limit of 1000 pixels"), r.toString());
		assertTrue(Files.notExists(dir.resolve("out.png")));
		assertEquals(0, upscale(in, dir.resolve("out.png"), "--max-pixels", "1200").code);
		assertEquals(2, upscale(in, dir.resolve("x.png"), "--max-pixels", "0").code);
	}
}
