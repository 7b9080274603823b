package io.github.espcnfiji.files;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * An output file written under a temporary hidden name in its target's folder (see
 * {@link PartFiles}) and renamed into place only when complete, so that the target is never
 * seen half-written: {@link #commit()} renames it, {@link #discard()} deletes it. The one replace
 * rule of every output: an existing target is replaced only when {@code overwrite} says so, a
 * folder never.
 * <pre>{@code
 * PendingFile.write(target, overwrite, out -> out.write(bytes));
 * }</pre>
 */
public final class PendingFile {

	/** What writes an output's bytes. */
	@FunctionalInterface
	public interface Content {

		void writeTo(OutputStream out) throws IOException;
	}

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
	 * @throws FileAlreadyExistsException if the target exists and {@code overwrite} is false, or
	 *           is a folder
	 * @throws NoSuchFileException if the target's folder does not exist
	 */
	public static PendingFile create(Path target, boolean overwrite) throws IOException {
		Path t = checkTarget(target, overwrite);
		return new PendingFile(t, PartFiles.create(t, false), overwrite);
	}

	/**
	 * Writes {@code content} to {@code target} complete or not at all: through a temporary file
	 * that is renamed into place when {@code content} returns, and deleted if it throws.
	 *
	 * @throws FileAlreadyExistsException as {@link #create} does
	 */
	public static void write(Path target, boolean overwrite, Content content) throws IOException {
		PendingFile file = create(target, overwrite);
		try {
			try (OutputStream out = new BufferedOutputStream(file.open())) {
				content.writeTo(out);
			}
			file.commit();
		}
		finally {
			file.discard();
		}
	}

	/**
	 * The replace rule: the target's absolute path, if it may be written.
	 *
	 * @throws FileAlreadyExistsException if the target exists and {@code overwrite} is false, or
	 *           is a folder
	 * @throws NoSuchFileException if the target's folder does not exist
	 */
	public static Path checkTarget(Path target, boolean overwrite) throws IOException {
		Path t = target.toAbsolutePath().normalize();
		if (Files.isDirectory(t)) throw new FileAlreadyExistsException(t.toString(), null,
			"the output is a folder; give a file name");
		if (!overwrite && Files.exists(t)) throw new FileAlreadyExistsException(t.toString(), null,
			"the output exists; choose another name or allow overwriting");
		Path dir = t.getParent();
		if (dir == null || !Files.isDirectory(dir)) throw new NoSuchFileException(t.toString(),
			null, "the output folder does not exist (" + dir + ")");
		return t;
	}

	/** The file to write to. */
	public Path temporary() {
		return temporary;
	}

	/** Where the file goes. */
	public Path target() {
		return target;
	}

	/**
	 * Opens the temporary file for writing. It is never made again once removed (by a Ctrl-C
	 * while it was being written), so that nothing is left behind.
	 */
	public OutputStream open() throws IOException {
		return Files.newOutputStream(temporary, StandardOpenOption.WRITE,
			StandardOpenOption.TRUNCATE_EXISTING);
	}

	/** Renames the written file into place. */
	public void commit() throws IOException {
		if (done) throw new IllegalStateException("Already committed or discarded: " + target);
		rename(temporary, target, overwrite);
		done = true;
		PartFiles.forget(temporary);
		PartFiles.committed(target);
	}

	/** Deletes the temporary file, if it was not committed. Idempotent. */
	public void discard() throws IOException {
		if (done) return;
		done = true;
		try {
			Files.deleteIfExists(temporary);
		}
		finally {
			PartFiles.forget(temporary);
		}
	}

	/**
	 * Renames {@code from} to {@code to}: atomically replacing it when {@code replace} is true
	 * (a plain replace where the file system cannot do it atomically), failing when it exists
	 * otherwise.
	 */
	static void rename(Path from, Path to, boolean replace) throws IOException {
		if (!replace) {
			Files.move(from, to);
			return;
		}
		try {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING,
				StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException e) {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
	}
}
