package io.github.espcnfiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Packages that cannot run: one clear line naming the package and the reason, exit 1, no
 * output written, no stack trace.
 */
class PackageBadInputTest {

	@TempDir
	Path dir;

	private Map<String, byte[]> good;
	private Path image;

	@BeforeEach
	void exportATinyModel() throws IOException {
		Path zip = dir.resolve("good.zip");
		assertEquals(0, CliRun.of("export", "--model", Fixtures.model(dir.resolve("tiny"), 2)
			.toString(), "--output", zip.toString()).code);
		good = unzip(zip);
		image = Fixtures.gray8(dir.resolve("in.png"), 12, 10);
	}

	@Test
	void aZipThatIsNoPackage() throws IOException {
		Path zip = zip("other.zip", Map.of("notes.txt", "hello".getBytes(StandardCharsets.UTF_8)));
		assertRefused(zip, zip + " holds no card.json and no rdf.yaml");
	}

	/** Weights, tensors and docs of a package, but no description (nor this plugin's card). */
	@Test
	void aPackageWithoutItsRdfYaml() throws IOException {
		assertRefused(variant("no-rdf.zip", f -> {
			f.remove("rdf.yaml");
			f.remove("card.json");
			f.remove("weights.npz");
		}), "holds no card.json and no rdf.yaml");
	}

	@Test
	void aMalformedRdfYaml() throws IOException {
		Path zip = variant("bad-yaml.zip", f -> f.put("rdf.yaml", "inputs: [unclosed\n  type: model"
			.getBytes(StandardCharsets.UTF_8)));
		assertRefused(zip, zip + "!/rdf.yaml is not valid YAML: ");
	}

	@Test
	void aFileWhoseSha256IsWrong() throws IOException {
		Path zip = variant("changed.zip", f -> f.get("weights.npz")[200] ^= 1);
		assertRefused(zip, zip + " holds weights.npz with sha256 ");
	}

	@Test
	void anEntryThatLeavesThePackage() throws IOException {
		Path zip = variant("escape.zip", f -> f.put("../evil.txt", new byte[] { 1 }));
		assertRefused(zip, zip + " holds an entry '../evil.txt' that leaves the package; refusing it");
		assertFalse(Files.exists(dir.getParent().resolve("evil.txt")));
	}

	@Test
	void weightsForAnotherFramework() throws IOException {
		Path zip = variant("onnx.zip", f -> edit(f, "rdf.yaml", y -> y.substring(0, y.indexOf(
			"weights:\n")) + "weights:\n  onnx:\n    source: model.onnx\n    opset_version: 17\n" + y
				.substring(y.indexOf("config:\n"))));
		assertRefused(zip, "rdf.yaml: weights are for onnx only; only TorchScript weights run here");
	}

	@Test
	void declaredShapesThatDisagreeWithTheTestTensors() throws IOException {
		Path zip = variant("shapes.zip", f -> edit(f, "rdf.yaml", y -> y.replaceFirst(
			"channel_names:\n    - Y\n", "channel_names:\n    - Y\n    - Z\n")));
		assertRefused(zip, "the declared shapes disagree with the test tensors");
	}

	private void assertRefused(Path model, String expected) {
		Path out = dir.resolve("out.png");
		CliRun run = CliRun.of("upscale", "--model", model.toString(), "--input", image.toString(),
			"--output", out.toString());
		assertEquals(1, run.code, run.toString());
		assertTrue(run.lastError().contains(expected), run.lastError());
		assertEquals(1, run.err.strip().lines().filter(l -> l.startsWith("error")).count(), run.err);
		assertFalse(run.err.contains("\tat "), "no stack trace");
		assertFalse(Files.exists(out), "nothing written");
	}

	private Path variant(String name, Consumer<Map<String, byte[]>> change) throws IOException {
		Map<String, byte[]> files = new LinkedHashMap<>();
		good.forEach((k, v) -> files.put(k, v.clone()));
		change.accept(files);
		return zip(name, files);
	}

	private static void edit(Map<String, byte[]> files, String name,
		java.util.function.UnaryOperator<String> change)
	{
		files.put(name, change.apply(new String(files.get(name), StandardCharsets.UTF_8)).getBytes(
			StandardCharsets.UTF_8));
	}

	private Path zip(String name, Map<String, byte[]> files) throws IOException {
		Path zip = dir.resolve(name);
		try (OutputStream o = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(o)) {
			for (Map.Entry<String, byte[]> e : files.entrySet()) {
				z.putNextEntry(new ZipEntry(e.getKey()));
				z.write(e.getValue());
				z.closeEntry();
			}
		}
		return zip;
	}

	private static Map<String, byte[]> unzip(Path zip) throws IOException {
		Map<String, byte[]> out = new LinkedHashMap<>();
		try (ZipFile z = new ZipFile(zip.toFile())) {
			for (Enumeration<? extends ZipEntry> en = z.entries(); en.hasMoreElements();) {
				ZipEntry e = en.nextElement();
				try (InputStream in = z.getInputStream(e)) {
					out.put(e.getName(), in.readAllBytes());
				}
			}
		}
		return out;
	}
}
