package io.github.espcnfiji.bioimageio.export;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test helper: a Python that imports torch, numpy and yaml (the property {@code espcn.python},
 * then {@code python3}, then Debian's {@code /usr/bin/python3}), running the test resource
 * {@code bioimageio/reproduce.py}. Tests skip when there is none.
 */
final class PythonTorch {

	private static String found;
	private static boolean looked;

	private PythonTorch() {}

	/** The interpreter, or skips the test. */
	static synchronized String require() {
		if (!looked) {
			looked = true;
			List<String> candidates = new ArrayList<>();
			String configured = System.getProperty("espcn.python");
			if (configured != null) candidates.add(configured);
			candidates.add("python3");
			candidates.add("/usr/bin/python3");
			for (String python : candidates)
				try {
					if (run(List.of(python, "-c", "import torch, numpy, yaml")).startsWith("exit 0")) {
						found = python;
						break;
					}
				}
				catch (IOException e) {
					// not installed under that name
				}
		}
		assumeTrue(found != null, "No python3 with torch, numpy and yaml (Debian: python3-torch)");
		return found;
	}

	/** Runs reproduce.py with {@code args}; "exit N" then the output. */
	static String reproduce(Path workDir, String... args) throws IOException {
		Path script = Files.createDirectories(workDir).resolve("reproduce.py");
		try (InputStream in = PythonTorch.class.getResourceAsStream("/bioimageio/reproduce.py")) {
			Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
		}
		List<String> command = new ArrayList<>(List.of(require(), script.toString()));
		command.addAll(List.of(args));
		return run(command);
	}

	private static String run(List<String> command) throws IOException {
		Path log = Files.createTempFile("espcn-python", ".log");
		try {
			Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log
				.toFile()).start();
			try {
				if (!p.waitFor(600, TimeUnit.SECONDS)) {
					p.destroyForcibly();
					throw new IOException(command + " did not finish within 600 s");
				}
			}
			catch (InterruptedException e) {
				p.destroyForcibly();
				Thread.currentThread().interrupt();
				throw new IOException("Interrupted", e);
			}
			return "exit " + p.exitValue() + "\n" + Files.readString(log, StandardCharsets.UTF_8);
		}
		finally {
			Files.deleteIfExists(log);
		}
	}
}
