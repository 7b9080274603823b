package io.github.espcnfiji.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.espcnfiji.bioimageio.export.PackageExport;
import io.github.espcnfiji.core.EvaluationProtocol;
import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.Tensor;
import io.github.espcnfiji.io.ImageFiles;
import io.github.espcnfiji.testing.TestData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round trip: a model exported as a bioimage.io package and loaded back is the same model. */
class PackageImportTest {

	@TempDir
	Path dir;

	@Test
	void anExportedPackageLoadsAsTheSameModelFromZipAndFolder() throws IOException {
		Path zip = dir.resolve("x4.zip");
		try (EspcnModel original = BundledModels.shipped().load("x4")) {
			PackageExport.write(original, false, zip, false);
			Path folder = Files.createDirectories(dir.resolve("x4"));
			for (Map.Entry<String, byte[]> e : PackageExport.files(original, false, java.time.Instant
				.EPOCH).entrySet())
				Files.write(folder.resolve(e.getKey()), e.getValue());
			for (Path p : List.of(zip, folder))
				try (EspcnModel back = ModelFiles.load(p)) {
					assertEquals(original.spec(), back.spec());
					Map<String, Tensor> a = original.weights(), b = back.weights();
					for (String k : a.keySet())
						assertArrayEquals(a.get(k).data(), b.get(k).data(), 0f, k);
					assertEquals(4, ModelFiles.loadCard(p).scale);
				}
		}
	}

	@Test
	void set5PsnrIsIdenticalToTheOriginalModel() throws IOException {
		Path set5 = TestData.set("Set5");
		Path zip = dir.resolve("x3.zip");
		List<Path> images;
		try (Stream<Path> s = Files.list(set5)) {
			images = s.filter(p -> p.toString().endsWith(".png")).sorted().collect(Collectors
				.toList());
		}
		try (EspcnModel original = BundledModels.shipped().load("x3")) {
			PackageExport.write(original, false, zip, false);
			try (EspcnModel back = BundledModels.shipped().resolve(zip.toString())) {
				for (Path image : images) {
					FloatPlane[] hr = ImageFiles.read(image).slice(0);
					double a = EvaluationProtocol.evaluate(hr, 3, original).modelPsnr().getAsDouble();
					double b = EvaluationProtocol.evaluate(hr, 3, back).modelPsnr().getAsDouble();
					assertEquals(a, b, 0.0, image.getFileName().toString());
				}
			}
		}
	}
}
