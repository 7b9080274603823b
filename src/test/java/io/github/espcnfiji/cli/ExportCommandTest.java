package io.github.espcnfiji.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.bioimageio.ModelPackage;
import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.io.ImageFiles;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export} writes a bioimage.io package that {@code upscale --model} takes back with the
 * same result, and refuses to replace a file or write anything but a .zip.
 */
class ExportCommandTest {

	@TempDir
	Path dir;

	@Test
	void exportedPackageUpscalesExactlyAsItsModel() throws Exception {
		Path model = Fixtures.model(dir.resolve("tiny"), 3);
		Path zip = dir.resolve("tiny.zip");
		CliRun export = CliRun.of("export", "--model", model.toString(), "--output", zip.toString());
		assertEquals(0, export.code, export.toString());
		assertTrue(export.out.contains("as a bioimage.io package to " + zip), export.out);
		ModelPackage p = ModelPackage.open(zip);
		p.checkFiles();
		p.checkTestTensors();

		Path in = Fixtures.rgb(dir.resolve("in.png"), 21, 13);
		Path a = dir.resolve("a.png"), b = dir.resolve("b.png");
		assertEquals(0, CliRun.of("upscale", "--model", model.toString(), "--input", in.toString(),
			"--output", a.toString()).code);
		CliRun fromPackage = CliRun.of("upscale", "--model", zip.toString(), "--input", in
			.toString(), "--output", b.toString());
		assertEquals(0, fromPackage.code, fromPackage.toString());
		FloatPlane[] pa = ImageFiles.read(a).slice(0), pb = ImageFiles.read(b).slice(0);
		for (int c = 0; c < 3; c++)
			assertArrayEquals(pa[c].data(), pb[c].data(), 0f);
	}

	@Test
	void trainingWritesThePackageBesideTheModelWhenAsked() throws Exception {
		Path train = Files.createDirectory(dir.resolve("T3"));
		for (int i = 0; i < 4; i++)
			Fixtures.rgb(train.resolve("img" + i + ".png"), 30 + i, 30);
		Path run = dir.resolve("run");
		CliRun r = CliRun.of("train", "--train", train.toString(), "--validation-fraction", "0.25",
			"--output", run.toString(), "--scale", "2", "--epochs", "1", "--filters", "4,2",
			"--patch", "7", "--stride", "7", "--batch", "4", "--package");
		assertEquals(0, r.code, r.toString());
		String line = r.out.lines().filter(l -> l.startsWith("bioimage.io package in ")).findFirst()
			.orElseThrow(() -> new AssertionError(r.out));
		Path zip = Path.of(line.substring("bioimage.io package in ".length()));
		assertTrue(zip.getFileName().toString().endsWith(".bioimageio.zip"), zip.toString());
		ModelPackage p = ModelPackage.open(zip);
		p.checkFiles();
		p.checkTestTensors();
		assertTrue(p.rdf().get("training_data").get("description").text().contains("T3"));
	}

	@Test
	void rgbVariantAndRefusals() throws Exception {
		Path model = Fixtures.model(dir.resolve("tiny"), 2);
		Path zip = dir.resolve("tiny-rgb.zip");
		assertEquals(0, CliRun.of("export", "--model", model.toString(), "--rgb", "--output", zip
			.toString()).code);
		assertTrue(ModelPackage.open(zip).rdf().get("name").text().endsWith("(RGB)"));
		long size = Files.size(zip);

		CliRun again = CliRun.of("export", "--model", model.toString(), "--output", zip.toString());
		assertEquals(1, again.code);
		assertTrue(again.lastError().contains(zip.toString()), again.lastError());
		assertEquals(size, Files.size(zip), "the existing package is kept");
		assertEquals(0, CliRun.of("export", "--model", model.toString(), "--output", zip.toString(),
			"--overwrite").code);

		Path notZip = dir.resolve("tiny.yaml");
		assertEquals(2, CliRun.of("export", "--model", model.toString(), "--output", notZip
			.toString()).code);
		assertFalse(Files.exists(notZip));
		try (var files = Files.list(dir)) {
			assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(".")),
				"no temporary file is left");
		}
	}
}
