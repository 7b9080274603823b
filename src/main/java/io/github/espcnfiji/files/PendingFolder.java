package io.github.espcnfiji.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * An output folder written under a temporary hidden name beside its target (see
 * {@link PartFiles}) and renamed into place only when complete. Replacing an existing folder
 * (only when asked) renames the old one aside first and deletes it once the new one is in
 * place; if the new one cannot be put in place, the old one is put back.
 * <pre>{@code
 * try (PendingFolder f = PendingFolder.create(target, overwrite)) {
 *     Files.write(f.temporary().resolve("card.json"), card);
 *     f.commit();
 * }
 * }</pre>
 */
public final class PendingFolder implements AutoCloseable {

	private final Path target;
	private final Path temporary;
	private final boolean overwrite;
	private boolean done;

	private PendingFolder(Path target, Path temporary, boolean overwrite) {
		this.target = target;
		this.temporary = temporary;
		this.overwrite = overwrite;
	}

	/**
	 * Creates the temporary folder beside {@code target}; the caller checks what an existing
	 * target may hold before replacing it.
	 *
	 * @throws FileAlreadyExistsException if the target is a file, or exists and
	 *           {@code overwrite} is false
	 * @throws NoSuchFileException if the target's parent folder does not exist
	 */
	public static PendingFolder create(Path target, boolean overwrite) throws IOException {
		Path t = target.toAbsolutePath().normalize();
		if (Files.exists(t) && !Files.isDirectory(t)) throw new FileAlreadyExistsException(t
			.toString(), null, "exists and is not a folder; choose another name");
		if (!overwrite && Files.exists(t)) throw new FileAlreadyExistsException(t.toString(), null,
			"already exists; allow overwriting or choose another folder");
		Path dir = t.getParent();
		if (dir == null || !Files.isDirectory(dir)) throw new NoSuchFileException(String.valueOf(
			dir), null, "the output folder's parent does not exist");
		return new PendingFolder(t, PartFiles.create(t, true), overwrite);
	}

	/** The folder to write into. */
	public Path temporary() {
		return temporary;
	}

	/** Where the folder goes. */
	public Path target() {
		return target;
	}

	/** Renames the written folder into place, replacing the target if allowed. */
	public void commit() throws IOException {
		if (done) throw new IllegalStateException("Already committed or discarded: " + target);
		moveIntoPlace(temporary, target, overwrite);
		done = true;
		PartFiles.forget(temporary);
		PartFiles.committed(target);
	}

	/**
	 * Renames the complete folder {@code written} to {@code target}; with {@code replace}, an
	 * existing target is first moved aside under a temporary name and deleted once the new one
	 * is in place, or moved back if it cannot be. For writers whose folder must keep its own
	 * name while it grows (a resumable job's hidden output); the others use {@link #create}.
	 */
	public static void moveIntoPlace(Path written, Path target, boolean replace) throws IOException {
		Path old = null;
		if (replace && Files.exists(target)) {
			old = PartFiles.create(target, false);
			Files.delete(old);
			Files.move(target, old);
		}
		try {
			Files.move(written, target);
		}
		catch (IOException e) {
			if (old != null) Files.move(old, target);
			throw e;
		}
		if (old != null) PartFiles.deleteTree(old);
	}

	/** Deletes the temporary folder and what was written into it, if not committed. */
	@Override
	public void close() throws IOException {
		if (done) return;
		done = true;
		PartFiles.deleteTree(temporary);
	}
}
