package io.github.espcnfiji.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.io.BrokenImages;
import io.github.espcnfiji.zarr.Compressor;
import io.github.espcnfiji.zarr.DataType;
import io.github.espcnfiji.zarr.Multiscales;
import io.github.espcnfiji.zarr.ZarrArray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wrong input stops the job on the driver, before Spark starts: one line naming the file, a
 * non-zero exit, nothing written.
 */
class BadInputTest {

	@TempDir
	Path tmp;

	private SparkRun refused(String... args) {
		SparkRun run = SparkRun.planOnly(args);
		assertTrue(run.code != 0, run::toString);
		assertTrue(run.err.startsWith("error: "), run::toString);
		assertFalse(run.err.contains("\tat "), run::toString);
		return run;
	}

	private Path images() throws IOException {
		Path in = Files.createDirectories(tmp.resolve("in"));
		BrokenImages.png(in.resolve("a.png"), 20, 20);
		return in;
	}

	@Test
	void aMissingInput() {
		Path missing = tmp.resolve("nowhere");
		SparkRun run = refused("upscale", "--model", "x2", "--input", missing.toString(), "--output",
			tmp.resolve("out").toString());
		assertTrue(run.lastError().contains(missing.toString()), run::toString);
		assertFalse(Files.exists(tmp.resolve("out")));
	}

	@Test
	void aGlobThatMatchesNothing() throws IOException {
		Path glob = images().resolve("*.tif");
		SparkRun run = refused("upscale", "--model", "x2", "--input", glob.toString(), "--output",
			tmp.resolve("out").toString());
		assertEquals("error: " + glob + ": no image file matches this pattern", run.lastError());
		assertFalse(Files.exists(tmp.resolve("out")));
	}

	@Test
	void anOutputInsideTheInput() throws IOException {
		Path in = images();
		SparkRun run = refused("upscale", "--model", "x2", "--input", in.toString(), "--output", in
			.resolve("x2").toString());
		assertTrue(run.lastError().contains("is inside the input folder " + in), run::toString);
		assertFalse(Files.exists(in.resolve("x2")));
	}

	/** A uint8 OME-Zarr image of 1 x 12 x 10 pixels. */
	private Path zarr() throws IOException {
		Path in = tmp.resolve("in.zarr");
		ZarrArray.create(in.resolve("0"), new long[] { 1, 12, 10 }, new int[] { 1, 8, 8 }, DataType
			.parse("|u1"), Compressor.named("zlib"), 0, "/").write(new long[3], new int[] { 1, 12,
				10 }, new float[120]);
		new Multiscales(in, null, Multiscales.defaultAxes(3), List.of(new Multiscales.Level("0",
			new double[] { 1, 1, 1 }, null))).write();
		return in;
	}

	@Test
	void aZarrFolderThatLostItsMetadataIsNamedAsTheCommandLineNamesIt() throws IOException {
		Path in = zarr();
		Files.delete(in.resolve(".zattrs"));
		Files.delete(in.resolve(".zgroup"));
		SparkRun run = refused("upscale", "--model", "x2", "--input", in.toString(), "--output", tmp
			.resolve("out.zarr").toString());
		assertTrue(run.lastError().contains("neither a Zarr array (.zarray) nor an OME-Zarr image " +
			"(.zattrs with multiscales)"), run::toString);
		assertFalse(Files.exists(tmp.resolve("out.zarr")));
	}

	@Test
	void aZarrOutputThatIsTheInput() throws IOException {
		// an existing Zarr output counts as complete: the input itself must not
		Path in = zarr();
		SparkRun run = refused("upscale", "--model", "x2", "--input", in.toString(), "--output", in
			.toString());
		assertTrue(run.lastError().contains("is the input folder " + in), run::toString);
	}

	@Test
	void aZarrOutputInsideTheInput() throws IOException {
		Path in = zarr();
		SparkRun run = refused("upscale", "--model", "x2", "--input", in.toString(), "--output", in
			.resolve("0").toString());
		assertTrue(run.lastError().contains("lies inside the input " + in), run::toString);
	}

	@Test
	void anExistingZarrOutputThatThisJobDidNotMake() throws IOException {
		// another image at the output's path is not a finished run of this job
		Path in = zarr(), other = tmp.resolve("other.zarr");
		Files.createDirectories(other.resolve("0"));
		for (String f : new String[] { ".zgroup", ".zattrs", "0/.zarray" })
			Files.copy(in.resolve(f), other.resolve(f));
		SparkRun run = refused("upscale", "--model", "x2", "--input", in.toString(), "--output",
			other.toString());
		assertTrue(run.lastError().contains(other + ": the output exists and is not this job's " +
			"result"), run::toString);
	}

	@Test
	void aManifestThatIsAnInputImage() throws IOException {
		Path in = images();
		byte[] image = Files.readAllBytes(in.resolve("a.png"));
		SparkRun run = refused("upscale", "--model", "x2", "--input", in.toString(), "--output", tmp
			.resolve("out").toString(), "--manifest", in.resolve("a.png").toString());
		assertTrue(run.lastError().contains("--manifest " + in.resolve("a.png") + " lies in the " +
			"input " + in), run::toString);
		assertArrayEquals(image, Files.readAllBytes(in.resolve("a.png")));
		assertFalse(Files.exists(tmp.resolve("out")));
	}

	@Test
	void aManifestInTheFolderOfAGlob() throws IOException {
		Path in = images();
		SparkRun run = refused("upscale", "--model", "x2", "--input", in.resolve("*.png").toString(),
			"--output", tmp.resolve("out").toString(), "--manifest", in.resolve("run.csv").toString());
		assertTrue(run.lastError().contains("lies in the input " + in), run::toString);
	}

	@Test
	void aManifestInTheInputZarr() throws IOException {
		Path in = zarr();
		Path attrs = in.resolve(".zattrs");
		byte[] before = Files.readAllBytes(attrs);
		SparkRun run = refused("upscale", "--model", "x2", "--input", in.toString(), "--output", tmp
			.resolve("out.zarr").toString(), "--manifest", attrs.toString());
		assertTrue(run.lastError().contains("--manifest " + attrs + " lies in the input " + in),
			run::toString);
		assertArrayEquals(before, Files.readAllBytes(attrs));
	}

	@Test
	void oneFileIsTheCommandLinesWork() throws IOException {
		Path file = images().resolve("a.png");
		SparkRun run = refused("upscale", "--model", "x2", "--input", file.toString(), "--output",
			tmp.resolve("out.png").toString());
		assertTrue(run.lastError().startsWith("error: --input " + file + " is one file;"), run::toString);
		assertFalse(Files.exists(tmp.resolve("out.png")));
	}

	@Test
	void aModelThatCannotBeRead() throws IOException {
		Path model = tmp.resolve("no-model");
		SparkRun run = refused("upscale", "--model", model.toString(), "--input", images().toString(),
			"--output", tmp.resolve("out").toString());
		assertTrue(run.lastError().startsWith("error: model " + model + " cannot be read"),
			run::toString);
		assertFalse(Files.exists(tmp.resolve("out")));
	}

	@Test
	void anUnknownCommandOrOption() throws IOException {
		assertEquals(2, refused("train").code);
		assertEquals(2, refused("upscale", "--model", "x2", "--input", images().toString(),
			"--output", tmp.resolve("out").toString(), "--bogus", "1").code);
	}
}
