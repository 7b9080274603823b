package io.github.espcnfiji.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.bioimageio.Npy;
import io.github.espcnfiji.bioimageio.RdfYaml;
import io.github.espcnfiji.files.Sha256;
import io.github.espcnfiji.bioimageio.TorchArchive;
import io.github.espcnfiji.bioimageio.export.PackageExport;
import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.Tensor;
import io.github.espcnfiji.core.Tiler;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Packages of other networks: their TorchScript runs, tiled, with their preprocessing (per-sample
 * statistics of the whole plane) and postprocessing; what cannot run is refused in one line.
 */
class ForeignPackageTest {

	/** Nearest-neighbour x2 as TorchScript: each pixel becomes a 2x2 block. */
	private static final String NEAREST = "class Nearest(Module):\n  __parameters__ = []\n" +
		"  __buffers__ = []\n  training : bool\n  def forward(self: __torch__.Nearest,\n" +
		"    x: Tensor) -> Tensor:\n    return torch.pixel_shuffle(torch.cat([x, x, x, x], 1), 2)\n";

	@TempDir
	Path dir;

	@Test
	void espcnsTorchScriptWithoutItsCardRunsAsTheSameNetwork() throws IOException {
		FloatPlane plane = plane(300, 270);
		try (EspcnModel x3 = BundledModels.shipped().load("x3")) {
			Map<String, byte[]> files = new LinkedHashMap<>(PackageExport.files(x3, false,
				Instant.EPOCH));
			Map<String, Object> rdf = RdfYaml.read(files.get("rdf.yaml"), "rdf.yaml");
			rdf.remove("attachments");
			((Map<?, ?>) rdf.get("config")).remove("espcn");
			files.remove("card.json");
			files.remove("weights.npz");
			files.put("rdf.yaml", RdfYaml.write(rdf));
			Path zip = zip("foreign-x3.zip", files);
			try (EspcnModel foreign = ModelFiles.load(zip)) {
				assertEquals(3, foreign.scale());
				assertEquals(4, foreign.halo(), "the declared halo 12 over the factor 3");
				float[] a = x3.upscale(plane).data(), b = foreign.upscale(plane).data();
				double worst = 0;
				for (int i = 0; i < a.length; i++)
					worst = Math.max(worst, Math.abs(Math.min(1, Math.max(0, a[i])) - b[i]));
				assertTrue(worst < 1e-4, "largest difference " + worst);
				IllegalStateException notEspcn = assertThrows(IllegalStateException.class,
					foreign::weights);
				assertTrue(notEspcn.getMessage().contains("cannot be trained, saved or exported"));
				assertThrows(IllegalStateException.class, () -> foreign.upscaler(InferenceMode.BF16));
			}
			assertEquals(3, ModelFiles.loadCard(zip).scale);
		}
	}

	@Test
	void preprocessingStatisticsAreThoseOfTheWholePlaneAcrossTiles() throws IOException {
		Map<String, Object> rdf = rdf("x2", List.of(Map.of("id", "zero_mean_unit_variance")), 2.0);
		Path zip = zip("nearest.zip", files(rdf, NEAREST, new long[] { 1, 1, 4, 4 }, new long[] { 1,
			1, 8, 8 }));
		FloatPlane plane = plane(300, 270); // more than one 256-pixel tile
		float[] raw = plane.data();
		double mean = 0, var = 0;
		for (float v : raw)
			mean += v * 255.0;
		mean /= raw.length;
		for (float v : raw)
			var += (v * 255.0 - mean) * (v * 255.0 - mean);
		double std = Math.sqrt(var / raw.length);
		try (EspcnModel m = ModelFiles.load(zip)) {
			assertEquals(PackageImport.DEFAULT_HALO, m.halo(), "no halo declared: the default");
			assertTrue(new Tiler(m, 256).tileCount(300, 270) > 1);
			FloatPlane out = m.upscale(plane);
			assertEquals(600, out.width());
			for (int y = 0; y < 540; y += 7)
				for (int x = 0; x < 600; x += 5) {
					double expected = (plane.get(x / 2, y / 2) * 255.0 - mean) / (std + 1e-6) / 255.0;
					assertEquals(expected, out.get(x, y), 1e-5, x + "," + y);
				}
		}
	}

	@Test
	void whatCannotRunIsRefusedInOneLine() throws IOException {
		Map<String, Object> z = rdf("z", List.of(), 2.0);
		inputAxes(z).add(2, axis("space", "z", 3));
		outputAxes(z).add(2, axis("space", "z", 3));
		assertRefused(files(z, NEAREST, new long[] { 1, 1, 3, 4, 4 }, new long[] { 1, 1, 3, 8, 8 }),
			"are [batch, channel, z, y, x]; only 2D images");

		Map<String, Object> two = rdf("two", List.of(), 2.0);
		inputAxes(two).set(1, channels(2));
		outputAxes(two).set(1, channels(2));
		assertRefused(files(two, NEAREST, new long[] { 1, 2, 4, 4 }, new long[] { 1, 2, 8, 8 }),
			"declare 2 channels [c0, c1]; only one-channel tensors are supported");

		Map<String, Object> half = rdf("half", List.of(), 1.5);
		assertRefused(files(half, NEAREST, new long[] { 1, 1, 4, 4 }, new long[] { 1, 1, 6, 6 }),
			"scales the input by 1.5; only whole factors are supported");

		Map<String, Object> keras = rdf("keras", List.of(), 2.0);
		keras.put("weights", Map.of("keras_hdf5", Map.of("source", "w.h5", "tensorflow_version",
			"2.1")));
		assertRefused(files(keras, NEAREST, new long[] { 1, 1, 4, 4 }, new long[] { 1, 1, 8, 8 }),
			"weights are for keras_hdf5 only; only TorchScript weights run here");

		Map<String, Object> url = rdf("url", List.of(), 2.0);
		((Map<String, Object>) ((Map<String, Object>) url.get("weights")).get("torchscript")).put(
			"source", "https://example.org/w.pt");
		assertRefused(files(url, NEAREST, new long[] { 1, 1, 4, 4 }, new long[] { 1, 1, 8, 8 }),
			"is a URL (https://example.org/w.pt); nothing is downloaded");
	}

	private void assertRefused(Map<String, byte[]> files, String expected) throws IOException {
		Path zip = zip("refused.zip", files);
		IOException e = assertThrows(IOException.class, () -> ModelFiles.load(zip).close());
		assertTrue(e.getMessage().contains(expected), e.getMessage());
		assertTrue(e.getMessage().startsWith(zip.toString()), e.getMessage());
		assertTrue(e.getMessage().lines().count() == 1, e.getMessage());
	}

	/** A description of a one-input network whose output is the input times {@code ratio}. */
	private static Map<String, Object> rdf(String name, List<Object> pre, double ratio) {
		Map<String, Object> r = new LinkedHashMap<>();
		r.put("type", "model");
		r.put("format_version", "0.5.7");
		r.put("name", "test network " + name);
		List<Object> inAxes = new ArrayList<>(List.of(Map.of("type", "batch"), channels(1), axis(
			"space", "y", ratio), axis("space", "x", ratio)));
		List<Object> outAxes = new ArrayList<>(List.of(Map.of("type", "batch"), channels(1), ref("y"),
			ref("x")));
		r.put("inputs", List.of(map("id", "input", "axes", inAxes, "test_tensor", map("source",
			"in.npy"), "preprocessing", pre)));
		r.put("outputs", List.of(map("id", "output", "axes", outAxes, "test_tensor", map("source",
			"out.npy"))));
		r.put("weights", map("torchscript", map("source", "net.pt", "pytorch_version", "2.0")));
		return r;
	}

	@SuppressWarnings("unchecked")
	private static List<Object> inputAxes(Map<String, Object> rdf) {
		return (List<Object>) ((Map<String, Object>) ((List<Object>) rdf.get("inputs")).get(0)).get(
			"axes");
	}

	@SuppressWarnings("unchecked")
	private static List<Object> outputAxes(Map<String, Object> rdf) {
		return (List<Object>) ((Map<String, Object>) ((List<Object>) rdf.get("outputs")).get(0)).get(
			"axes");
	}

	/** An input space axis of any length from 1, with the given scale; or a fixed-length one. */
	private static Map<String, Object> axis(String type, String id, double scale) {
		return id.equals("z") ? map("type", type, "id", id, "size", (int) scale) : map("type", type,
			"id", id, "size", map("min", 1, "step", 1), "scale", scale);
	}

	private static Map<String, Object> ref(String id) {
		return map("type", "space", "id", id, "size", map("tensor_id", "input", "axis_id", id),
			"scale", 1.0);
	}

	private static Map<String, Object> channels(int n) {
		List<String> names = new ArrayList<>();
		for (int i = 0; i < n; i++)
			names.add("c" + i);
		return map("type", "channel", "channel_names", names);
	}

	/** The files of a package: description (with sha256s), TorchScript, zero test tensors. */
	@SuppressWarnings("unchecked")
	private static Map<String, byte[]> files(Map<String, Object> rdf, String source, long[] in,
		long[] out)
	{
		Map<String, byte[]> f = new LinkedHashMap<>();
		f.put("net.pt", TorchArchive.scriptModule("net", "Nearest", source, Map.of(), Map.of()));
		f.put("in.npy", Npy.write(zeros(in)));
		f.put("out.npy", Npy.write(zeros(out)));
		Map<String, Object> ts = (Map<String, Object>) ((Map<String, Object>) rdf.get("weights")).get(
			"torchscript");
		if (ts != null) ts.put("sha256", Sha256.of(f.get("net.pt")));
		f.put("rdf.yaml", RdfYaml.write(rdf));
		return f;
	}

	private static Tensor zeros(long[] shape) {
		long n = 1;
		for (long s : shape)
			n *= s;
		return new Tensor(shape, new float[(int) n]);
	}

	private static Map<String, Object> map(Object... kv) {
		Map<String, Object> m = new LinkedHashMap<>();
		for (int i = 0; i < kv.length; i += 2)
			m.put((String) kv[i], kv[i + 1]);
		return m;
	}

	private static FloatPlane plane(int w, int h) {
		float[] v = new float[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				v[y * w + x] = (float) (0.5 + 0.4 * Math.sin(x * 0.07 + y * 0.011) * Math.cos(y * 0.05));
		return new FloatPlane(v, w, h);
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
}
