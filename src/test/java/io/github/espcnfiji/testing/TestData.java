package io.github.espcnfiji.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/**
 * Finds the shared benchmark data (Set5, Set14, BSD100, ...): the folder named by the
 * environment variable {@code ESPCN_DATA}, else {@code ../shared/data} relative to the working
 * directory (the repository root under Maven), else the same one or two levels further up (for
 * git worktrees). Tests that need it skip when it is absent.
 */
public final class TestData {

	public static final String ENV = "ESPCN_DATA";

	private TestData() {}

	public static Optional<Path> root() {
		String env = System.getenv(ENV);
		if (env != null && !env.isBlank() && Files.isDirectory(Paths.get(env))) return Optional.of(
			Paths.get(env));
		for (Path candidate : new Path[] { Paths.get("..", "shared", "data"), Paths.get("..", "..",
			"shared", "data"), Paths.get("..", "..", "..", "shared", "data") })
			if (Files.isDirectory(candidate)) return Optional.of(candidate.toAbsolutePath()
				.normalize());
		return Optional.empty();
	}

	/** The named set's folder, or skips the test when the data is absent. */
	public static Path set(String name) {
		Optional<Path> root = root();
		assumeTrue(root.isPresent(), "Benchmark data not found: set " + ENV +
			" or put it at ../shared/data");
		Path dir = root.get().resolve(name);
		assumeTrue(Files.isDirectory(dir), "Benchmark set " + name + " not found in " + root.get());
		return dir;
	}
}
