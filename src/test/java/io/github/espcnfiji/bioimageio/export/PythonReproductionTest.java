package io.github.espcnfiji.bioimageio.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.bioimageio.Npy;
import io.github.espcnfiji.core.EvaluationProtocol;
import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.Psnr;
import io.github.espcnfiji.core.Quantize;
import io.github.espcnfiji.core.SuperResolver;
import io.github.espcnfiji.core.Tensor;
import io.github.espcnfiji.core.YCbCr;
import io.github.espcnfiji.io.ImageFiles;
import io.github.espcnfiji.model.BundledModels;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.testing.TestData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.ARGBType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exported packages run in Python's PyTorch (Debian's python3-torch 1.13; skipped without it):
 * {@code torch.jit.load} and the state_dict with {@code espcn.py} reproduce the test output as
 * bioimage.io's test does (rtol and atol 1e-3) at the test size, two other sizes and batch 2; and
 * the RGB package on Set5 scores within 0.05 dB of the plugin's own RGB path.
 */
class PythonReproductionTest {

	@TempDir
	Path dir;

	@Test
	void everyShippedModelReproducesItsTestOutputInPyTorch() throws IOException {
		PythonTorch.require();
		List<String> folders = new ArrayList<>();
		for (String name : BundledModels.shipped().available())
			for (boolean rgb : new boolean[] { false, true }) {
				Path folder = dir.resolve(name + (rgb ? "-rgb" : ""));
				try (EspcnModel model = BundledModels.shipped().load(name)) {
					unpack(PackageExport.files(model, rgb, Instant.EPOCH), folder);
				}
				folders.add(folder.toString());
			}
		String out = PythonTorch.reproduce(dir, folders.toArray(new String[0]));
		assertTrue(out.startsWith("exit 0") && out.strip().endsWith("OK"), out);
		assertEquals(folders.size() * 8, out.lines().filter(l -> l.contains(
			" 0 of ")).count(), out);
	}

	@Test
	void rgbPackageScoresAsThePluginsRgbPathOnSet5() throws IOException {
		PythonTorch.require();
		Path set5 = TestData.set("Set5");
		int scale = 3;
		double sumPackage = 0, sumPlugin = 0;
		List<String> rows = new ArrayList<>();
		try (EspcnModel model = BundledModels.shipped().load("x" + scale)) {
			Path folder = dir.resolve("rgb");
			unpack(PackageExport.files(model, true, Instant.EPOCH), folder);
			List<Path> images;
			try (var s = Files.list(set5)) {
				images = s.filter(p -> p.toString().endsWith(".png")).sorted().collect(java.util.stream.Collectors.toList());
			}
			for (Path image : images) {
				FloatPlane[] hr = EvaluationProtocol.modCrop(ImageFiles.read(image).slice(0), scale);
				FloatPlane[] lr = EvaluationProtocol.lowRes(hr, scale);
				Path in = dir.resolve("in.npy"), out = dir.resolve("out.npy");
				Files.write(in, Npy.write(SampleTensors.stack(lr)));
				String run = PythonTorch.reproduce(dir, "--run",
					folder.toString(), in.toString(), out.toString());
				assertTrue(run.startsWith("exit 0"), run);
				Tensor sr = Npy.read(Files.readAllBytes(out), "out.npy");
				int w = lr[0].width() * scale, h = lr[0].height() * scale;
				assertArrayEquals(new long[] { 1, 3, h, w }, sr.shape());
				FloatPlane[] rgb = new FloatPlane[3];
				for (int c = 0; c < 3; c++) {
					float[] d = new float[w * h];
					System.arraycopy(sr.data(), c * w * h, d, 0, w * h);
					rgb[c] = Quantize.toUnsignedByteRange(new FloatPlane(d, w, h));
				}
				FloatPlane hrY = EvaluationProtocol.luma(hr);
				double pkg = Psnr.of(hrY, YCbCr.lumaOf(rgb[0], rgb[1], rgb[2]), scale);
				double plugin = Psnr.of(hrY, pluginRgb(lr, model), scale);
				rows.add(String.format(Locale.ROOT, "%s: package %.4f dB, plugin %.4f dB", image
					.getFileName(), pkg, plugin));
				assertEquals(plugin, pkg, 0.05, image.getFileName().toString());
				sumPackage += pkg;
				sumPlugin += plugin;
			}
			rows.add(String.format(Locale.ROOT, "Set5 x%d mean: package %.4f dB, plugin %.4f dB",
				scale, sumPackage / images.size(), sumPlugin / images.size()));
		}
		System.out.println(String.join("\n", rows));
	}

	/** The plugin's RGB path: SuperResolver on packed RGB; the result's BT.601 luma. */
	private static FloatPlane pluginRgb(FloatPlane[] lr, EspcnModel model) {
		int w = lr[0].width(), h = lr[0].height();
		int[] argb = new int[w * h];
		for (int i = 0; i < argb.length; i++)
			argb[i] = 0xff000000 | (int) lr[0].data()[i] << 16 | (int) lr[1].data()[i] << 8 |
				(int) lr[2].data()[i];
		Img<ARGBType> out = new SuperResolver(model).upscaleRgb(ArrayImgs.argbs(argb, w, h));
		int W = (int) out.dimension(0), H = (int) out.dimension(1);
		int[] packed = new int[W * H];
		int i = 0;
		for (ARGBType t : out)
			packed[i++] = t.get();
		return YCbCr.fromPackedRgb(packed, W, H)[0];
	}

	private static void unpack(Map<String, byte[]> files, Path folder) throws IOException {
		Files.createDirectories(folder);
		for (Map.Entry<String, byte[]> e : files.entrySet())
			Files.write(folder.resolve(e.getKey()), e.getValue());
	}
}
