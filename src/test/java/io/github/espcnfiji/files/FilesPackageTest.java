package io.github.espcnfiji.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every package may use this one, so it uses none of them, nor ImageJ or AWT; and the video
 * package, which needed {@code io} only for its temporary files, no longer needs it (the
 * {@code io <-> video} cycle is gone).
 */
class FilesPackageTest {

	private static List<String> imports(String pkg, String... prefixes) throws IOException {
		List<String> found = new ArrayList<>();
		try (Stream<Path> files = Files.list(Path.of("src/main/java/io/github/espcnfiji", pkg))) {
			for (Path f : (Iterable<Path>) files::iterator)
				for (String line : Files.readAllLines(f))
					for (String p : prefixes)
						if (line.startsWith("import " + p)) found.add(f.getFileName() + ": " + line);
		}
		return found;
	}

	@Test
	void importsNothingOfTheProjectNorImageJNorAwt() throws IOException {
		List<String> found = imports("files", "io.github.espcnfiji.", "ij.", "java.awt",
			"javax.imageio", "net.imagej", "org.scijava");
		found.removeIf(s -> s.contains("import io.github.espcnfiji.files."));
		assertEquals(List.of(), found);
	}

	@Test
	void videoNoLongerNeedsIo() throws IOException {
		assertEquals(List.of(), imports("video", "io.github.espcnfiji.io."));
	}
}
