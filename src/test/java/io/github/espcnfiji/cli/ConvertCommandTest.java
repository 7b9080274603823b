package io.github.espcnfiji.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.core.Tensor;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.model.ModelFiles;
import io.github.espcnfiji.model.Npz;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code convert} moves weights to and from the reference code's state_dict unchanged. */
class ConvertCommandTest {

	@TempDir
	Path dir;

	@Test
	void exportsAndImportsTheSameWeights() throws Exception {
		Path model = Fixtures.model(dir.resolve("m"), 3);
		Path npz = dir.resolve("state_dict.npz");
		CliRun out = CliRun.of("convert", "--model", model.toString(), "--to-pytorch", npz
			.toString());
		assertEquals(0, out.code, out.toString());
		assertTrue(Npz.read(npz).containsKey("last_part.0.weight"));

		Path back = dir.resolve("back");
		CliRun in = CliRun.of("convert", "--from-pytorch", npz.toString(), "--scale", "3",
			"--output", back.toString());
		assertEquals(0, in.code, in.toString());
		try (EspcnModel a = ModelFiles.load(model); EspcnModel b = ModelFiles.load(back)) {
			Map<String, Tensor> wa = a.weights(), wb = b.weights();
			for (String k : wa.keySet())
				assertArrayEquals(wa.get(k).data(), wb.get(k).data(), k);
			assertEquals(a.spec(), b.spec());
		}
	}

	@Test
	void importingAtTheWrongScaleOrWithoutOneIsRefused() throws Exception {
		Path model = Fixtures.model(dir.resolve("m"), 3);
		Path npz = dir.resolve("w.npz");
		assertEquals(0, CliRun.of("convert", "--model", model.toString(), "--to-pytorch", npz
			.toString()).code);
		CliRun wrong = CliRun.of("convert", "--from-pytorch", npz.toString(), "--scale", "2",
			"--output", dir.resolve("x").toString());
		assertEquals(1, wrong.code);
		assertTrue(wrong.lastError().contains("x3"), wrong.lastError());
		assertEquals(2, CliRun.of("convert", "--from-pytorch", npz.toString(), "--output", dir
			.resolve("y").toString()).code);
		assertEquals(2, CliRun.of("convert").code);
		CliRun exists = CliRun.of("convert", "--model", model.toString(), "--to-pytorch", npz
			.toString());
		assertEquals(1, exists.code);
	}
}
