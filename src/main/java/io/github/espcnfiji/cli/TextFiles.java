package io.github.espcnfiji.cli;

import io.github.espcnfiji.files.PendingFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Text results (CSV) written through a temporary file and a move, never half-written. */
final class TextFiles {

	private TextFiles() {}

	/**
	 * @throws FileAlreadyExistsException if {@code file} exists and {@code overwrite} is false
	 * @throws NoSuchFileException if its folder does not exist
	 */
	static void write(Path file, String text, boolean overwrite) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		PendingFile.write(file, overwrite, out -> out.write(bytes));
	}
}
