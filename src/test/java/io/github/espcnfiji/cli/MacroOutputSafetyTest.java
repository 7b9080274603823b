package io.github.espcnfiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.io.ImageFiles;
import io.github.espcnfiji.testing.FileChecksums;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch macros of {@code macros/} keep the command line's rules: the output folder is never
 * the input folder (by any path), the CSV never an input, an existing file is replaced only when
 * the macro's argument says "overwrite", and every file is complete or absent.
 */
class MacroOutputSafetyTest {

	@TempDir
	Path dir;

	private Path in;
	private Path model;
	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@BeforeEach
	void images() throws Exception {
		in = Files.createDirectory(dir.resolve("in"));
		Fixtures.rgb(in.resolve("a.png"), 20, 16);
		Fixtures.gray8(in.resolve("b.png"), 18, 14);
		model = Fixtures.model(dir.resolve("tiny"), 2);
	}

	@AfterEach
	void closeImages() {
		MacroRunner.closeBatchModeImages();
	}

	private int macro(String file, String... args) {
		err.reset();
		String[] all = new String[args.length + 1];
		all[0] = Paths.get("macros", file).toString();
		System.arraycopy(args, 0, all, 1, args.length);
		return MacroRunner.run(all, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err,
			true, StandardCharsets.UTF_8));
	}

	private String error() {
		return err.toString(StandardCharsets.UTF_8).strip();
	}

	@Test
	void upscaleFolderRefusesItsInputFolderByAnyPath() throws Exception {
		Path link = Files.createSymbolicLink(dir.resolve("link"), in);
		Map<String, String> before = FileChecksums.of(in);
		for (String output : List.of(in.toString(), in + "/./", dir + "/x/../in", link.toString())) {
			assertEquals(1, macro("upscale_folder.ijm", in.toString(), output, model.toString(),
				"overwrite"), output);
			assertTrue(error().contains("is the input folder"), error());
			assertEquals(1, error().split("\\R").length, error());
			assertEquals(before, FileChecksums.of(in), "inputs unchanged for " + output);
		}
	}

	@Test
	void upscaleFolderReplacesAnExistingResultOnlyWhenAsked() throws Exception {
		Path out = Files.createDirectory(dir.resolve("out"));
		Files.writeString(out.resolve("a.png"), "the user's own file");
		assertEquals(1, macro("upscale_folder.ijm", in.toString(), out.toString(), model
			.toString()));
		assertTrue(error().contains("a.png: the output exists"), error());
		assertEquals("the user's own file", Files.readString(out.resolve("a.png")));

		assertEquals(0, macro("upscale_folder.ijm", in.toString(), out.toString(), model.toString(),
			"overwrite"), error());
		assertEquals(40, ImageFiles.read(out.resolve("a.png")).width());
		assertEquals(List.of("a.png", "b.png"), FileChecksums.of(out).keySet().stream().sorted()
			.collect(java.util.stream.Collectors.toList()), "complete results, no temporary files");
	}

	@Test
	void measureFolderNeverWritesItsCsvOverAnInput() throws Exception {
		Path hr = Files.createDirectory(dir.resolve("hr"));
		Fixtures.rgb(hr.resolve("a.png"), 20, 16);
		Map<String, String> before = FileChecksums.of(dir);
		for (Path csv : List.of(in.resolve("a.png"), hr.resolve("a.png"), dir.resolve("link-free")
			.resolve("..").resolve("hr").resolve("a.png")))
		{
			assertEquals(1, macro("measure_folder.ijm", in.toString(), hr.toString(), "2", csv
				.toString(), "overwrite"), csv.toString());
			assertTrue(error().contains("inputs are never overwritten"), error());
			assertEquals(before, FileChecksums.of(dir), "nothing changed for " + csv);
		}
		// a hard link to an input, replaced when asked: a new file takes its name, the input's
		// content is untouched
		Path hard = Files.createLink(dir.resolve("hard.png"), hr.resolve("a.png"));
		assertEquals(0, macro("measure_folder.ijm", in.toString(), hr.toString(), "2", hard
			.toString(), "overwrite"), error());
		assertTrue(Files.readString(hard).startsWith("image,psnr,ssim\n"));
		before.remove("hard.png");
		Map<String, String> after = FileChecksums.of(dir);
		after.remove("hard.png");
		assertEquals(before, after, "the input behind the hard link unchanged");

		Path csv = dir.resolve("scores.csv");
		assertEquals(0, macro("measure_folder.ijm", in.toString(), hr.toString(), "2", csv
			.toString()), error());
		assertTrue(Files.readString(csv).startsWith("image,psnr,ssim\na,"));
		assertEquals(1, macro("measure_folder.ijm", in.toString(), hr.toString(), "2", csv
			.toString()));
		assertTrue(error().contains("the output exists"), error());
	}
}
