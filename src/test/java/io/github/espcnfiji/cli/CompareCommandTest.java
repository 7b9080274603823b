package io.github.espcnfiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.io.ImageFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compare} writes one side-by-side figure per image, named by scale, set and image. */
class CompareCommandTest {

	@TempDir
	Path dir;

	@Test
	void writesAFigurePerImage() throws IOException {
		Path model = Fixtures.model(dir.resolve("tiny"), 3);
		Path set = Files.createDirectories(dir.resolve("Set9"));
		Fixtures.rgb(set.resolve("a.png"), 60, 50);
		Fixtures.gray8(set.resolve("b.png"), 45, 45);
		Path out = dir.resolve("figs");
		CliRun r = CliRun.of("compare", "--model", model.toString(), "--image", set.resolve("a.png") +
			"," + set.resolve("b.png"), "--output", out.toString(), "--crop", "32", "--zoom", "2");
		assertEquals(0, r.code, r.toString());
		// Three 64-pixel panels with margins of 8.
		assertEquals(3 * 64 + 4 * 8, ImageFiles.read(out.resolve("compare-x3-Set9-a.png")).width());
		assertTrue(Files.isRegularFile(out.resolve("compare-x3-Set9-b.png")));
		CliRun again = CliRun.of("compare", "--model", model.toString(), "--image", set.resolve(
			"b.png").toString(), "--output", out.toString());
		assertEquals(1, again.code);
		assertTrue(again.lastError().contains("--overwrite"), again.lastError());
	}

	@Test
	void namesFollowScaleSetAndImage() {
		assertEquals("compare-x2-BSD100-8023.png", CompareCommand.fileName(Path.of("data", "BSD100",
			"8023.png"), 2));
		assertEquals("Set14/zebra.png", CompareCommand.title(Path.of("x", "Set14", "zebra.png")));
	}
}
