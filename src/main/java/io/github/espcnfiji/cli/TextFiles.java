package io.github.espcnfiji.cli;

import io.github.espcnfiji.io.PendingFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Text results (CSV) written through a temporary file and a move, never half-written. */
final class TextFiles {

	private TextFiles() {}

	/**
	 * @throws FileAlreadyExistsException if {@code file} exists and {@code overwrite} is false
	 * @throws NoSuchFileException if its folder does not exist
	 */
	static void write(Path file, String text, boolean overwrite) throws IOException {
		Path target = file.toAbsolutePath();
		if (!overwrite && Files.exists(target)) throw new FileAlreadyExistsException(target
			.toString(), null, "not overwriting it; choose another name or add --overwrite");
		Path dir = target.getParent();
		if (dir == null || !Files.isDirectory(dir)) throw new NoSuchFileException(String.valueOf(
			dir), null, "the output folder does not exist");
		Path tmp = PendingFile.createBeside(target, false);
		try {
			Files.writeString(tmp, text, StandardCharsets.UTF_8);
			if (overwrite) Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
			else Files.move(tmp, target);
		}
		finally {
			Files.deleteIfExists(tmp);
		}
	}
}
