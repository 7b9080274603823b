package io.github.espcnfiji.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.io.ImageFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad inputs end with exit 1 and one line {@code error: ...} that says what to do (or exit 2 for
 * a bad command line), never with a stack trace, and never leave a file behind.
 */
class BadInputTest {

	@TempDir
	Path dir;

	private String model;

	@BeforeEach
	void tinyModel() throws IOException {
		model = Fixtures.model(dir.resolve("tiny-x3"), 3).toString();
	}

	private CliRun upscale(Path in, Path out, String... more) {
		List<String> args = new ArrayList<>(List.of("upscale", "--model", model, "--input",
			in.toString(), "--output", out.toString()));
		args.addAll(Arrays.asList(more));
		return CliRun.of(args.toArray(new String[0]));
	}

	/** Exit 1, exactly one stderr line starting with error:, no trace. */
	private static String failsWith(CliRun r) {
		assertEquals(1, r.code, r.toString());
		assertFalse(r.err.contains("\tat "), r.err);
		return r.lastError();
	}

	private List<String> filesIn(Path folder) throws IOException {
		try (Stream<Path> s = Files.list(folder)) {
			return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
		}
	}

	@Test
	void aFileThatIsNotAnImage() throws IOException {
		Path text = Files.writeString(dir.resolve("notes.png"), "not an image at all\n");
		String e = failsWith(upscale(text, dir.resolve("out.png")));
		assertTrue(e.startsWith("error: ImageJ cannot read") && e.contains("notes.png"), e);
		assertTrue(Files.notExists(dir.resolve("out.png")));
	}

	@Test
	void aFolderWithoutImages() throws IOException {
		Path empty = Files.createDirectory(dir.resolve("empty"));
		String e = failsWith(upscale(empty, dir.resolve("out")));
		assertTrue(e.startsWith("error: No image files in ") && e.contains("empty"), e);
		assertTrue(Files.notExists(dir.resolve("out")));
	}

	@Test
	void anImageOfOnePixel() throws IOException {
		Path tiny = dir.resolve("dot.tif");
		ImageFiles.write(tiny, new FloatPlane[] { new FloatPlane(new float[] { 7 }, 1, 1) }, 8, false);
		String e = failsWith(upscale(tiny, dir.resolve("out.tif")));
		assertTrue(e.contains("is 1x1") && e.contains("at least 2x2"), e);
	}

	@Test
	void aScaleOtherThan2To4IsAUsageError() throws IOException {
		Path in = Fixtures.gray8(dir.resolve("in.png"), 8, 8);
		for (String scale : new String[] { "1", "5", "x3", "" }) {
			CliRun r = upscale(in, dir.resolve("out.png"), "--scale", scale);
			assertEquals(2, r.code, r.toString());
			assertTrue(r.err.startsWith("error: --scale must be 2, 3 or 4"), r.err);
		}
	}

	@Test
	void aModelForAnotherScale() throws IOException {
		Path in = Fixtures.gray8(dir.resolve("in.png"), 8, 8);
		CliRun r = upscale(in, dir.resolve("out.png"), "--scale", "2");
		assertEquals("error: model " + model + " is for scale 3, not 2; choose a model for x2 or " +
			"drop --scale", failsWith(r));
		CliRun e = CliRun.of("evaluate", "--model", model, "--data", dir.toString(), "--scale",
			"4");
		assertTrue(failsWith(e).contains("is for scale 3, not 4"));
	}

	@Test
	void aTruncatedModelZip() throws IOException {
		Path zip = Fixtures.model(dir.resolve("model.zip"), 3);
		byte[] bytes = Files.readAllBytes(zip);
		Files.write(zip, Arrays.copyOf(bytes, bytes.length / 2));
		Path in = Fixtures.gray8(dir.resolve("in.png"), 8, 8);
		CliRun r = CliRun.of("upscale", "--model", zip.toString(), "--input", in.toString(),
			"--output", dir.resolve("out.png").toString());
		String e = failsWith(r);
		assertTrue(e.contains("model.zip"), e);
		assertTrue(Files.notExists(dir.resolve("out.png")));
	}

	@Test
	void nanPixelsInAFloatTiff() throws IOException {
		float[] v = new float[64];
		Arrays.fill(v, 1.5f);
		v[10] = Float.NaN;
		Path in = dir.resolve("nan.tif");
		ImageFiles.write(in, new FloatPlane[] { new FloatPlane(v, 8, 8) }, 32, false);
		String e = failsWith(upscale(in, dir.resolve("out.tif")));
		assertTrue(e.contains("NaN") && e.contains("Remove NaNs"), e);
		assertTrue(Files.notExists(dir.resolve("out.tif")));
	}

	@Test
	void anUnwritableOutputFolder() throws IOException {
		// Tests may run as root, who may write anywhere: a path below a regular file cannot be made.
		Path file = Files.writeString(dir.resolve("plain-file"), "x");
		Path in = Fixtures.gray8(dir.resolve("in.png"), 8, 8);
		String single = failsWith(upscale(in, file.resolve("out.png")));
		assertTrue(single.contains("the output folder does not exist"), single);
		Path folder = Files.createDirectory(dir.resolve("in"));
		Fixtures.gray8(folder.resolve("a.png"), 8, 8);
		String batch = failsWith(upscale(folder, file.resolve("sub")));
		assertTrue(batch.startsWith("error: cannot create the output folder"), batch);
	}

	@Test
	void anExistingOutputIsKeptUnlessOverwriteIsGiven() throws IOException {
		Path in = Fixtures.gray8(dir.resolve("in.png"), 8, 8);
		Path out = Files.writeString(dir.resolve("out.png"), "precious");
		String e = failsWith(upscale(in, out));
		assertTrue(e.contains("out.png") && e.contains("--overwrite"), e);
		assertEquals("precious", Files.readString(out));
		assertEquals(0, upscale(in, out, "--overwrite").code);
		assertEquals(24, ImageFiles.read(out).width());
	}

	@Test
	void theOutputIsTheInput() throws IOException {
		Path in = Fixtures.gray8(dir.resolve("in.png"), 8, 8);
		byte[] before = Files.readAllBytes(in);
		String e = failsWith(upscale(in, in, "--overwrite"));
		assertTrue(e.contains("is the input file"), e);
		assertArrayEquals(before, Files.readAllBytes(in));
		Path folder = Files.createDirectory(dir.resolve("in"));
		Fixtures.gray8(folder.resolve("a.png"), 8, 8);
		String f = failsWith(upscale(folder, folder.resolve("."), "--overwrite"));
		assertTrue(f.contains("is the input folder"), f);
		assertEquals(List.of("a.png"), filesIn(folder));
	}

	@Test
	void aBatchGoesOnPastABadFileAndReportsItAtTheEnd() throws IOException {
		Path folder = Files.createDirectory(dir.resolve("in"));
		Fixtures.gray8(folder.resolve("a.png"), 8, 8);
		Files.writeString(folder.resolve("b.png"), "broken");
		Fixtures.gray8(folder.resolve("c.png"), 8, 8);
		Path out = dir.resolve("out");
		CliRun r = upscale(folder, out);
		assertEquals("error: 1 of 3 images failed (reasons above); the others were written",
			failsWith(r));
		assertTrue(r.err.contains("failed: b.png: ImageJ cannot read"), r.err);
		assertEquals(List.of("a.png", "c.png"), filesIn(out));
	}
}
