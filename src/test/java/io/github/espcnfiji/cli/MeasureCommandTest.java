package io.github.espcnfiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.core.EvaluationProtocol;
import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.Psnr;
import io.github.espcnfiji.core.Ssim;
import io.github.espcnfiji.io.ImageFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code measure} prints the protocol's PSNR and SSIM per image pair and their mean. */
class MeasureCommandTest {

	@TempDir
	Path dir;

	/** The reference with every third pixel raised by 6. */
	private static FloatPlane[] disturbed(FloatPlane[] planes) {
		FloatPlane[] out = new FloatPlane[planes.length];
		for (int c = 0; c < planes.length; c++) {
			out[c] = planes[c].copy();
			for (int i = 0; i < out[c].data().length; i += 3)
				out[c].data()[i] = Math.min(255, Math.round(out[c].data()[i]) + 6);
		}
		return out;
	}

	@Test
	void scoresTwoFilesOnLumaWithABorderOfTheScale() throws IOException {
		Path ref = Fixtures.rgb(dir.resolve("ref.png"), 30, 24);
		FloatPlane[] refPlanes = ImageFiles.read(ref).planes();
		Path test = dir.resolve("test.png");
		ImageFiles.write(test, disturbed(refPlanes), 24, false);
		CliRun r = CliRun.of("measure", "--reference", ref.toString(), "--test", test.toString(),
			"--scale", "3");
		assertEquals(0, r.code, r.toString());
		FloatPlane y = EvaluationProtocol.luma(refPlanes), t = EvaluationProtocol.luma(ImageFiles
			.read(test).planes());
		String expected = String.format(Locale.ROOT, "| test.png | %9.2f | %6.4f |", Psnr
			.of(y, t, 3), Ssim.of(y, t, 3));
		assertTrue(r.out.contains(expected), r.out + "\nexpected " + expected);
	}

	@Test
	void matchesFoldersByFileNameAndPrintsTheMean() throws IOException {
		Path ref = Files.createDirectory(dir.resolve("hr")), test = Files.createDirectory(dir
			.resolve("sr"));
		Fixtures.gray8(ref.resolve("a.png"), 20, 20);
		Fixtures.rgb(ref.resolve("b.png"), 21, 18);
		Files.copy(ref.resolve("a.png"), test.resolve("a.png"));
		ImageFiles.write(test.resolve("b.tif"), disturbed(ImageFiles.read(ref.resolve("b.png"))
			.planes()), 24, false);
		CliRun r = CliRun.of("measure", "--reference", ref.toString(), "--test", test.toString(),
			"--scale", "2");
		assertEquals(0, r.code, r.toString());
		assertTrue(r.out.contains("| a.png "), r.out);
		assertTrue(r.out.contains("inf"), r.out);
		assertTrue(r.out.contains("| b.tif "), r.out);
		assertTrue(r.out.contains("| mean of 2 "), r.out);
	}

	@Test
	void aTestCroppedToAMultipleOfTheScaleIsComparedWithTheCroppedReference() throws IOException {
		Path ref = Fixtures.gray8(dir.resolve("ref.png"), 20, 20);
		Path test = dir.resolve("sr.png");
		ImageFiles.write(test, new FloatPlane[] { ImageFiles.read(ref).planes()[0].modCrop(3) }, 8,
			false);
		CliRun r = CliRun.of("measure", "--reference", ref.toString(), "--test", test.toString(),
			"--scale", "3");
		assertEquals(0, r.code, r.toString());
		assertTrue(r.out.contains("inf"), r.out);
	}

	@Test
	void sizeMismatchIsAClearError() throws IOException {
		Path ref = Fixtures.gray8(dir.resolve("ref.png"), 20, 20);
		Path test = Fixtures.gray8(dir.resolve("test.png"), 16, 20);
		CliRun r = CliRun.of("measure", "--reference", ref.toString(), "--test", test.toString(),
			"--scale", "3");
		assertEquals(1, r.code);
		assertTrue(r.lastError().startsWith("error: size mismatch: reference ") && r.lastError()
			.contains("is 20x20 but test ") && r.lastError().contains("is 16x20"), r.lastError());
	}

	@Test
	void aReferenceWithoutATestImageIsNamed() throws IOException {
		Path ref = Files.createDirectory(dir.resolve("hr")), test = Files.createDirectory(dir
			.resolve("sr"));
		Fixtures.gray8(ref.resolve("a.png"), 20, 20);
		Fixtures.gray8(ref.resolve("b.png"), 20, 20);
		Fixtures.gray8(test.resolve("a.png"), 20, 20);
		CliRun r = CliRun.of("measure", "--reference", ref.toString(), "--test", test.toString(),
			"--scale", "2");
		assertEquals(1, r.code);
		assertTrue(r.lastError().contains("no test image named like b.png"), r.lastError());
		CliRun mixed = CliRun.of("measure", "--reference", ref.toString(), "--test", test.resolve(
			"a.png").toString(), "--scale", "2");
		assertEquals(2, mixed.code);
	}
}
