package io.github.espcnfiji.dist;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** Small jars for the distribution tests: entries in the given order, with the given times. */
final class JarFiles {

	private JarFiles() {}

	static Path write(Path file, long time, Map<String, String> entries) throws IOException {
		Files.createDirectories(file.getParent());
		try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(
			out))
		{
			for (Map.Entry<String, String> entry : entries.entrySet()) {
				JarEntry e = new JarEntry(entry.getKey());
				e.setTime(time);
				jar.putNextEntry(e);
				jar.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
				jar.closeEntry();
			}
		}
		return file;
	}
}
