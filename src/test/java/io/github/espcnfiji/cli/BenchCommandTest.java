package io.github.espcnfiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench} prints median, min and max per path; it never asserts on speed. */
class BenchCommandTest {

	@TempDir
	Path dir;

	@Test
	void timesTheWholeAndTiledPaths() throws IOException {
		Path model = Fixtures.model(dir.resolve("tiny"), 3);
		CliRun r = CliRun.of("bench", "--model", model.toString(), "--size", "40x24", "--repeats",
			"3", "--warmup", "1", "--tile", "16", "--no-python");
		assertEquals(0, r.code, r.toString());
		assertTrue(r.out.contains("40x24 -> 120x72"), r.out);
		assertTrue(r.out.contains("| DJL EspcnModel.upscale (one piece) |"), r.out);
		assertTrue(r.out.contains("| DJL Tiler (16 px, 6 tiles) "), r.out);
		assertTrue(!r.out.contains("PyTorch"), r.out);
	}

	@Test
	void badSizesAreUsageErrors() {
		CliRun r = CliRun.of("bench", "--size", "640by360");
		assertEquals(2, r.code);
		assertTrue(r.err.startsWith("error: --size needs WIDTHxHEIGHT"), r.err);
	}

	@Test
	void comparesWithPyTorchWhenAPythonWithTorchIsFound() throws IOException {
		Optional<String> python = PythonBench.findPython(List.of("python3", "/usr/bin/python3"));
		assumeTrue(python.isPresent(), "no python3 with torch");
		Path model = Fixtures.model(dir.resolve("tiny"), 3);
		CliRun r = CliRun.of("bench", "--model", model.toString(), "--size", "32x20", "--repeats",
			"2", "--warmup", "1", "--python", python.get());
		assertEquals(0, r.code, r.toString());
		assertTrue(r.out.contains("| PyTorch "), r.out);
		assertTrue(r.out.contains("DJL / PyTorch (median, one piece): "), r.out);
	}
}
