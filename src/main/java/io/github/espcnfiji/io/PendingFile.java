package io.github.espcnfiji.io;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;

/**
 * An output file written under a temporary hidden name in its target's folder and moved into
 * place only when complete, so that the target is never seen half-written: {@link #commit()}
 * moves it, {@link #discard()} deletes it.
 */
public final class PendingFile {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Path target;
	private final Path temporary;
	private final boolean overwrite;
	private boolean done;

	private PendingFile(Path target, Path temporary, boolean overwrite) {
		this.target = target;
		this.temporary = temporary;
		this.overwrite = overwrite;
	}

	/**
	 * Creates the temporary file beside {@code target}.
	 *
	 * @throws FileAlreadyExistsException if the target exists and {@code overwrite} is false
	 * @throws NoSuchFileException if the target's folder does not exist
	 */
	public static PendingFile create(Path target, boolean overwrite) throws IOException {
		Path t = target.toAbsolutePath().normalize();
		if (!overwrite && Files.exists(t)) throw new FileAlreadyExistsException(t.toString(), null,
			"the output exists; choose another name or allow overwriting");
		if (Files.isDirectory(t)) throw new FileAlreadyExistsException(t.toString(), null,
			"the output is a folder; give a file name");
		Path dir = t.getParent();
		if (dir == null || !Files.isDirectory(dir)) throw new NoSuchFileException(String.valueOf(
			dir), null, "the output folder does not exist");
		return new PendingFile(t, createBeside(t, false), overwrite);
	}

	/**
	 * A new empty file or folder with a unique hidden name beside {@code target}
	 * ({@code .NAME.RANDOM.part}). Unlike {@link Files#createTempFile}, which makes files only
	 * their owner may read, it gets the permissions any new file there gets, and so does the
	 * output it becomes.
	 */
	public static Path createBeside(Path target, boolean folder) throws IOException {
		Path dir = target.toAbsolutePath().getParent();
		while (true) {
			Path p = dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(RANDOM
				.nextLong(), 36) + ".part");
			try {
				return folder ? Files.createDirectory(p) : Files.createFile(p);
			}
			catch (FileAlreadyExistsException e) {
				// taken: draw another name
			}
		}
	}

	/** The file to write to. */
	public Path temporary() {
		return temporary;
	}

	/** Where the file goes. */
	public Path target() {
		return target;
	}

	/** Moves the written file into place. */
	public void commit() throws IOException {
		if (done) throw new IllegalStateException("Already committed or discarded: " + target);
		if (overwrite) {
			try {
				Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (IOException e) { // no atomic replace here (e.g. another file system)
				Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		else Files.move(temporary, target);
		done = true;
	}

	/** Deletes the temporary file, if it was not committed. Idempotent. */
	public void discard() throws IOException {
		if (done) return;
		done = true;
		Files.deleteIfExists(temporary);
	}
}
