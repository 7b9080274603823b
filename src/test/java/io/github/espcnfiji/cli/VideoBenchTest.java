package io.github.espcnfiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench --video} prints one row per output size; it never asserts on speed. */
class VideoBenchTest {

	@TempDir
	Path dir;

	@Test
	void timesFramesPerOutputSize() throws IOException {
		Path model = Fixtures.model(dir.resolve("tiny"), 3);
		CliRun r = CliRun.of("bench", "--video", "--model", model.toString(), "--outputs",
			"24x18,31x20", "--repeats", "1", "--warmup", "0", "--tile", "4", "--no-python");
		assertEquals(0, r.code, r.toString());
		assertTrue(r.out.contains("luma in tiles of 4 px"), r.out);
		// 31x20 is not a multiple of 3: the input is rounded up, and so the output
		assertTrue(r.out.lines().anyMatch(l -> l.matches("\\| 24x18 +\\| +tiny-x3 \\| +8x6 \\| .*" +
			"\\| +- \\| +- \\| .*")), r.out);
		assertTrue(r.out.lines().anyMatch(l -> l.matches("\\| 33x21 +\\| +tiny-x3 \\| +11x7 \\| .*")),
			r.out);
	}

	@Test
	void badOutputSizesAreUsageErrors() {
		CliRun r = CliRun.of("bench", "--video", "--outputs", "1080p,8k");
		assertEquals(2, r.code);
		assertTrue(r.err.startsWith("error: --outputs needs WIDTHxHEIGHT"), r.err);
	}
}
