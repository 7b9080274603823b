package io.github.espcnfiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.espcnfiji.io.ImageFiles;
import io.github.espcnfiji.io.LoadedImage;
import io.github.espcnfiji.model.BundledModels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code demo} scores a model on the bundled sample against bicubic and writes its result. */
class DemoCommandTest {

	@TempDir
	Path dir;

	@Test
	void scoresTheSampleAndWritesTheSuperResolvedPng() throws IOException {
		Path model = Fixtures.model(dir.resolve("tiny"), 3);
		Path out = dir.resolve("demo.png");
		CliRun r = CliRun.of("demo", "--model", model.toString(), "--output", out.toString());
		assertEquals(0, r.code, r.toString());
		assertTrue(r.out.contains("| bicubic "), r.out);
		assertTrue(r.out.contains("| ESPCN (tiny-x3) "), r.out);
		assertTrue(r.out.contains("gain over bicubic: "), r.out);
		// Set5 butterfly's bicubic x3 PSNR under the protocol (BicubicCalibrationTest).
		assertTrue(r.out.contains(" 24.04 | 0.8222 |"), r.out);
		LoadedImage sr = ImageFiles.read(out);
		assertEquals(255, sr.width());
		assertEquals(255, sr.height());
		assertEquals(24, sr.bitDepth());

		CliRun again = CliRun.of("demo", "--model", model.toString(), "--output", out.toString());
		assertEquals(1, again.code);
		assertTrue(again.lastError().contains("--overwrite"), again.lastError());
	}

	@Test
	void withoutABundledModelItSaysSo() throws IOException {
		// Only meaningful while no model is bundled; once models/espcn-x3 exists demo just works.
		assumeTrue(BundledModels
			.shipped().available().isEmpty());
		Path out = dir.resolve("demo.png");
		CliRun r = CliRun.of("demo", "--output", out.toString());
		assertEquals(1, r.code);
		assertTrue(r.lastError().contains("no models are bundled"), r.lastError());
		assertTrue(Files.notExists(out));
	}

	@Test
	void withoutOutputASecondDemoWritesBesideTheFirstInsteadOfFailing() throws IOException {
		assertEquals(dir.resolve("espcn-demo-x3.png"), DemoCommand.freeDefaultOutput(dir, 3));
		Files.writeString(dir.resolve("espcn-demo-x3.png"), "first");
		assertEquals(dir.resolve("espcn-demo-x3-2.png"), DemoCommand.freeDefaultOutput(dir, 3));
		Files.writeString(dir.resolve("espcn-demo-x3-2.png"), "second");
		assertEquals(dir.resolve("espcn-demo-x3-3.png"), DemoCommand.freeDefaultOutput(dir, 3));
		assertEquals(dir.resolve("espcn-demo-x2.png"), DemoCommand.freeDefaultOutput(dir, 2));
		assertEquals("first", Files.readString(dir.resolve("espcn-demo-x3.png")));
	}
}
