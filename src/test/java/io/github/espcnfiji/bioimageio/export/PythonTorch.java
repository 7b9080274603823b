package io.github.espcnfiji.bioimageio.export;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.espcnfiji.testing.Python;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Test helper: a Python that imports torch, numpy and yaml ({@link Python}), running the test
 * resource {@code bioimageio/reproduce.py}. Tests skip when there is none.
 */
final class PythonTorch {

	private PythonTorch() {}

	/** The interpreter, or skips the test. */
	static String require() {
		Optional<String> python = Python.with("torch, numpy, yaml");
		assumeTrue(python.isPresent(), "No python3 with torch, numpy and yaml (Debian: " +
			"python3-torch)");
		return python.get();
	}

	/** Runs reproduce.py with {@code args}; "exit N" then the output. */
	static String reproduce(Path workDir, String... args) throws IOException {
		Path script = Files.createDirectories(workDir).resolve("reproduce.py");
		try (InputStream in = PythonTorch.class.getResourceAsStream("/bioimageio/reproduce.py")) {
			Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
		}
		Python.Result r = Python.runScript(require(), script, args);
		return "exit " + r.exitCode + "\n" + r.output;
	}
}
