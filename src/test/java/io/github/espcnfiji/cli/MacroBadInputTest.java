package io.github.espcnfiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch macros of {@code macros/} on bad folders, headless: exit code 1 with one line that
 * says what is wrong, and nothing written.
 */
class MacroBadInputTest {

	@TempDir
	Path dir;

	private Path empty;
	private Path images;
	private Path plainFile;
	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@BeforeEach
	void folders() throws Exception {
		empty = Files.createDirectory(dir.resolve("empty"));
		Files.writeString(empty.resolve("notes.txt"), "no images here");
		images = Files.createDirectory(dir.resolve("images"));
		Fixtures.gray8(images.resolve("a.png"), 24, 24);
		// Tests may run as root, who may write anywhere: a folder below a regular file cannot be made.
		plainFile = Files.writeString(dir.resolve("plain file"), "x");
	}

	/** The macro's error line; fails unless the run failed with exit code 1. */
	private String fails(String macro, String... args) {
		String[] all = new String[args.length + 1];
		all[0] = Paths.get("macros", macro).toString();
		System.arraycopy(args, 0, all, 1, args.length);
		err.reset();
		assertEquals(1, MacroRunner.run(all, System.out, new PrintStream(err, true,
			StandardCharsets.UTF_8)), err.toString(StandardCharsets.UTF_8));
		String e = err.toString(StandardCharsets.UTF_8).trim();
		assertFalse(e.contains("\tat "), e);
		return e;
	}

	@Test
	void upscaleAFolderWithoutImages() {
		Path out = dir.resolve("sr");
		String e = fails("upscale_folder.ijm", empty.toString(), out.toString());
		assertTrue(e.contains("upscale_folder: no image files") && e.contains(empty.toString()), e);
		assertTrue(Files.notExists(out), "no output folder is made");
		e = fails("upscale_folder.ijm", dir.resolve("missing").toString(), out.toString());
		assertTrue(e.contains("upscale_folder: no such folder: " + dir.resolve("missing")), e);
	}

	@Test
	void upscaleIntoAFolderThatCannotBeMade() {
		String e = fails("upscale_folder.ijm", images.toString(), plainFile.resolve("sr").toString());
		assertTrue(e.contains("cannot create the output folder " + plainFile.resolve("sr")), e);
	}

	@Test
	void measureWithoutPairsOfImages() {
		Path csv = dir.resolve("scores.csv");
		String e = fails("measure_folder.ijm", images.toString(), empty.toString(), "3", csv
			.toString());
		assertTrue(e.contains("measure_folder: no image of " + images) && e.contains(
			"has a ground truth of the same name"), e);
		assertTrue(Files.notExists(csv), "no CSV is written");
	}

	@Test
	void measureIntoACsvThatCannotBeWritten() throws Exception {
		Path csv = plainFile.resolve("scores.csv");
		Path hr = Files.createDirectory(dir.resolve("hr"));
		Fixtures.gray8(hr.resolve("a.png"), 24, 24);
		String e = fails("measure_folder.ijm", images.toString(), hr.toString(), "3", csv
			.toString());
		assertTrue(e.contains(csv.toString()), e);
		assertEquals("x", Files.readString(plainFile));
	}

	@Test
	void trainOnAFolderWithoutImages() {
		Path out = dir.resolve("model");
		String e = fails("train_folder.ijm", empty.toString(), "3", "1", out.toString());
		assertTrue(e.contains("ESPCN Train: No image files in " + empty), e);
		assertTrue(Files.notExists(out));
	}

	@Test
	void trainIntoAFolderThatCannotBeMade() {
		Path out = plainFile.resolve("model");
		String e = fails("train_folder.ijm", images.toString(), "3", "1", out.toString());
		assertTrue(e.contains("ESPCN Train: Cannot write the model to " + out), e);
	}
}
