package io.github.espcnfiji.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A folder that one run at a time may write: a lock file {@value #NAME} in it that names the
 * owner ({@code pid 1234 on host myhost}). A lock whose owner is a process of this machine that
 * no longer runs is stale and taken over; a lock of a running process, or of another machine
 * (which cannot be checked from here), is refused with a message that says whose it is and
 * which file to delete if that run is known to be gone. The lock is removed by {@link #close()}
 * and, for a process that is stopped (Ctrl-C), by its shutdown.
 * <pre>{@code
 * try (FolderLock lock = FolderLock.acquire(runFolder)) {
 *     ... write the run's files ...
 * }
 * }</pre>
 */
public final class FolderLock implements AutoCloseable {

	/** The lock file's name. */
	public static final String NAME = ".espcn.lock";
	private static final Pattern OWNER = Pattern.compile("pid (\\d+) on host (\\S+)\\s*");

	private final Path file;
	private boolean released;

	private FolderLock(Path file) {
		this.file = file;
	}

	/**
	 * Locks {@code folder} (which must exist) for this process.
	 *
	 * @throws FolderLockedException if another run holds it
	 */
	public static FolderLock acquire(Path folder) throws IOException {
		Path file = folder.resolve(NAME);
		String me = "pid " + ProcessHandle.current().pid() + " on host " + PartFiles.host() + "\n";
		for (int attempt = 0; attempt < 3; attempt++) {
			// written complete under a temporary name, then linked to the lock's name: the lock
			// never exists half-written, and the link fails if it exists
			Path part = PartFiles.create(file, false);
			try {
				Files.writeString(part, me, StandardCharsets.UTF_8);
				try {
					Files.createLink(file, part);
					PartFiles.removeOnStop(file);
					return new FolderLock(file);
				}
				catch (UnsupportedOperationException e) { // no hard links: create, then write
					Files.writeString(file, me, StandardCharsets.UTF_8,
						java.nio.file.StandardOpenOption.CREATE_NEW,
						java.nio.file.StandardOpenOption.WRITE);
					PartFiles.removeOnStop(file);
					return new FolderLock(file);
				}
			}
			catch (FileAlreadyExistsException e) {
				Optional<String> owner = owner(file);
				if (owner.isEmpty()) continue; // released meanwhile
				Matcher m = OWNER.matcher(owner.get());
				boolean stale = m.matches() && PartFiles.gone(Long.parseLong(m.group(1)), m.group(2));
				if (!stale) throw new FolderLockedException(folder, owner.get().strip(), file);
				Files.deleteIfExists(file); // its owner is gone: take it over
			}
			finally {
				Files.deleteIfExists(part);
				PartFiles.forget(part);
			}
		}
		throw new IOException("Cannot lock " + folder + ": its lock file " + file +
			" keeps changing");
	}

	private static Optional<String> owner(Path file) throws IOException {
		try {
			return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
		}
		catch (NoSuchFileException e) {
			return Optional.empty();
		}
	}

	/** Removes the lock. Idempotent. */
	@Override
	public void close() throws IOException {
		if (released) return;
		released = true;
		PartFiles.forget(file);
		Files.deleteIfExists(file);
	}

	/** Another run writes the folder. */
	public static final class FolderLockedException extends IOException {

		private static final long serialVersionUID = 1L;

		FolderLockedException(Path folder, String owner, Path file) {
			super(folder + " is in use by another run (" + owner + "); wait for it to finish, " +
				"or delete " + file + " if that run is gone");
		}
	}
}
