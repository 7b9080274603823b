package io.github.espcnfiji.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The temporary files and folders outputs are written to before they are renamed into place,
 * named {@code .NAME.espcn-PID-HOST-RANDOM.part} beside their target so that anyone can tell
 * whose they are. Those of this process are removed when it is stopped (Ctrl-C, {@code kill});
 * those left by a process that is gone (killed with {@code kill -9}, or by a power cut) are
 * removed by the next run that writes into the same folder: the name says which process on which
 * machine made them, and a process of this machine that no longer runs cannot come back.
 * Names of other hosts, and the older {@code .NAME.RANDOM.part}, are never touched.
 */
public final class PartFiles {

	private static final SecureRandom RANDOM = new SecureRandom();
	private static final Pattern PART = Pattern.compile(
		"\\..+\\.espcn-(\\d+)-([A-Za-z0-9-]+)-[0-9a-z]+\\.part");
	private static final long PID = ProcessHandle.current().pid();
	private static final String HOST = host();
	private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
	private static final Set<Path> SWEPT = ConcurrentHashMap.newKeySet();
	private static volatile boolean stopping;
	private static volatile boolean stopRequested;
	/** The open holds (see {@link #hold()}); also the monitor they are waited on with. */
	private static final int[] HOLDS = { 0 };
	static final long HOLD_SECONDS = 30;
	private static volatile int committed;
	private static volatile Path lastCommitted;

	static {
		try {
			Runtime.getRuntime().addShutdownHook(new Thread(PartFiles::removeLive,
				"espcn-remove-part-files"));
		}
		catch (IllegalStateException e) {
			// first used while the JVM shuts down: no part file of this run can exist yet
		}
	}

	private PartFiles() {}

	/**
	 * A new empty file or folder with a unique temporary name beside {@code target}, removed if
	 * this process is stopped before it is {@link #forget forgotten}. It gets the permissions
	 * any new file there gets (unlike {@link Files#createTempFile}, which makes files only their
	 * owner may read), and so does the output it becomes. Abandoned temporary files of the same
	 * folder are removed first (once per folder and process).
	 *
	 * @throws IOException if this process is being stopped, or the file cannot be made
	 */
	public static Path create(Path target, boolean folder) throws IOException {
		Path t = target.toAbsolutePath();
		Path dir = t.getParent();
		if (SWEPT.add(dir)) removeAbandoned(dir);
		while (true) {
			if (stopping) throw new IOException("Stopping: not starting " + t);
			Path p = dir.resolve("." + t.getFileName() + ".espcn-" + PID + "-" + HOST + "-" + Long
				.toUnsignedString(RANDOM.nextLong(), 36) + ".part");
			try {
				Path made = folder ? Files.createDirectory(p) : Files.createFile(p);
				LIVE.add(made);
				return made;
			}
			catch (FileAlreadyExistsException e) {
				// taken: draw another name
			}
			catch (IOException e) {
				throw new IOException("cannot write " + t + ": " + reason(e), e);
			}
		}
	}

	/**
	 * Fails, before any work, when {@code target} could not be written beside as the output's
	 * temporary file will be: makes such a file and removes it again. The message names
	 * {@code target} (the user's path), never the hidden temporary name.
	 */
	public static void probe(Path target, boolean folder) throws IOException {
		Path made = create(target, folder);
		try {
			Files.deleteIfExists(made);
		}
		finally {
			forget(made);
		}
	}

	/** What the file system said, in words: "no such folder", "permission denied", ... */
	static String reason(IOException e) {
		if (e instanceof java.nio.file.NoSuchFileException) return "no such folder";
		if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
		if (e instanceof java.nio.file.NotDirectoryException) return "not a folder";
		if (e instanceof java.nio.file.FileSystemException && ((java.nio.file.FileSystemException) e)
			.getReason() != null) return ((java.nio.file.FileSystemException) e).getReason();
		return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
	}

	/** Called once {@code part} is renamed into place or deleted. */
	public static void forget(Path part) {
		LIVE.remove(part);
	}

	/** Deletes {@code file} (a lock, say) if this process is stopped before it forgets it. */
	static void removeOnStop(Path file) {
		LIVE.add(file);
	}

	/** Counts a finished output, for {@link #completed()}. */
	static void committed(Path target) {
		lastCommitted = target;
		committed++;
	}

	/**
	 * What this process has completed, for the one line an interrupted run prints: "3 outputs
	 * completed, the last /out/b.png" or "no output completed".
	 */
	public static String completed() {
		int n = committed;
		Path last = lastCommitted;
		if (n == 0 || last == null) return "no output completed";
		return n + " output" + (n == 1 ? "" : "s") + " completed, the last " + last;
	}

	/**
	 * Removes the temporary files and folders in {@code dir} that this project made in a process
	 * of this machine that no longer runs; returns how many.
	 */
	public static int removeAbandoned(Path dir) throws IOException {
		if (!Files.isDirectory(dir)) return 0;
		List<Path> gone = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, ".*.part")) {
			for (Path p : entries)
				if (abandoned(p.getFileName().toString())) gone.add(p);
		}
		for (Path p : gone)
			deleteTree(p);
		return gone.size();
	}

	/**
	 * Removes the temporary files and folders of any process, of any machine, in {@code dir}
	 * whose output is one of {@code targets} (file names in {@code dir}), or, with
	 * {@code targets} null, every one in {@code dir} and the folders below it. Only for a caller
	 * that knows nobody writes those outputs now: a Spark driver once all its tasks have ended,
	 * where a task attempt killed on another machine leaves names that {@link #removeAbandoned}
	 * (which can only tell whether a process of this machine is gone) never removes.
	 *
	 * @return how many were removed
	 */
	public static int removeAllOf(Path dir, Set<String> targets) throws IOException {
		if (!Files.isDirectory(dir)) return 0;
		List<Path> found = new ArrayList<>();
		try (Stream<Path> all = targets == null ? Files.walk(dir) : Files.list(dir)) {
			all.forEach(p -> {
				Matcher m = PART.matcher(p.getFileName().toString());
				if (m.matches() && (targets == null || targets.contains(targetOf(p))) && !LIVE
					.contains(p)) found.add(p);
			});
		}
		int removed = 0;
		for (Path p : found)
			if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
				deleteTree(p);
				removed++;
			}
		return removed;
	}

	/** The output file name a temporary name stands for: {@code a.png} of {@code .a.png.espcn-...}. */
	private static String targetOf(Path part) {
		String n = part.getFileName().toString();
		return n.substring(1, n.lastIndexOf(".espcn-"));
	}

	/** True when {@code name} is a temporary name of a process of this machine that is gone. */
	static boolean abandoned(String name) {
		Matcher m = PART.matcher(name);
		try {
			return m.matches() && gone(Long.parseLong(m.group(1)), m.group(2));
		}
		catch (NumberFormatException e) {
			return false;
		}
	}

	/**
	 * True when process {@code pid} of {@code host} (as {@link #host()} writes it) is known not to
	 * run: it is of this machine, and no process of that id runs here.
	 */
	static boolean gone(long pid, String host) {
		if (!host.equals(HOST) || pid == PID) return false;
		Optional<ProcessHandle> p = ProcessHandle.of(pid);
		return p.isEmpty() || !p.get().isAlive();
	}

	/** This process's id and host as the temporary names carry them: {@code 1234-myhost}. */
	public static String owner() {
		return PID + "-" + HOST;
	}

	/** The kernel's host name where there is one (no DNS look-up), else Java's. */
	static String host() {
		String h = null;
		try {
			Path kernel = Path.of("/proc/sys/kernel/hostname");
			if (Files.isReadable(kernel)) h = Files.readString(kernel).strip();
			if (h == null || h.isEmpty()) h = System.getenv("COMPUTERNAME");
			if (h == null || h.isEmpty()) h = InetAddress.getLocalHost().getHostName();
		}
		catch (IOException | SecurityException e) {
			h = "localhost";
		}
		String safe = h.replaceAll("[^A-Za-z0-9-]", "-");
		return safe.isEmpty() ? "localhost" : safe;
	}

	/**
	 * Holds back the removal on stopping until the hold is closed (at most
	 * {@value #HOLD_SECONDS} s): for a run that finishes its outputs itself when stopped, as a
	 * video cut short stays a valid shorter video.
	 */
	public static Hold hold() {
		synchronized (HOLDS) {
			HOLDS[0]++;
		}
		return new Hold();
	}

	/** A {@link #hold()}; closing it twice releases it once. */
	public static final class Hold implements AutoCloseable {

		private boolean closed;

		private Hold() {}

		@Override
		public void close() {
			synchronized (HOLDS) {
				if (closed) return;
				closed = true;
				HOLDS[0]--;
				HOLDS.notifyAll();
			}
		}
	}

	/** Waits until no {@link #hold()} is open, at most {@value #HOLD_SECONDS} s. */
	public static void awaitHolds() {
		long end = System.nanoTime() + HOLD_SECONDS * 1_000_000_000L;
		synchronized (HOLDS) {
			try {
				for (long left; HOLDS[0] > 0 && (left = end - System.nanoTime()) > 0;)
					HOLDS.wait(Math.max(1, left / 1_000_000));
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Called when this process is being stopped (Ctrl-C, {@code kill}): from then on
	 * {@link #stopRequested()} is true, so that a run holding back the removal ({@link #hold()})
	 * finishes the output in hand and starts no other.
	 */
	public static void requestStop() {
		stopRequested = true;
	}

	/** True once this process is being stopped. */
	public static boolean stopRequested() {
		return stopRequested;
	}

	private static void removeLive() {
		requestStop();
		awaitHolds();
		stopping = true;
		for (Path p : new LinkedHashSet<>(LIVE))
			try {
				deleteTree(p);
			}
			catch (IOException | UncheckedIOException e) {
				// best effort while stopping; the next run into the folder removes it
			}
	}

	/** Deletes a temporary file, or a temporary folder with what was written into it. */
	public static void removeNow(Path part) throws IOException {
		deleteTree(part);
	}

	static void deleteTree(Path p) throws IOException {
		if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
			try (Stream<Path> s = Files.walk(p)) {
				for (Path f : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator)
					Files.deleteIfExists(f);
			}
		}
		else Files.deleteIfExists(p);
		LIVE.remove(p);
	}
}
