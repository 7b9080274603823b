package io.github.espcnfiji.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one write-then-rename path of every output, and its replace rule. */
class PendingFileTest {

	@TempDir
	Path dir;

	private List<String> names() throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
		}
	}

	@Test
	void writesCompleteOrNotAtAll() throws IOException {
		Path target = dir.resolve("a.csv");
		assertThrows(IOException.class, () -> PendingFile.write(target, false, out -> {
			out.write("half".getBytes(StandardCharsets.UTF_8));
			throw new IOException("disk full");
		}));
		assertEquals(List.of(), names(), "nothing left: no target, no temporary file");
		PendingFile.write(target, false, out -> out.write(new byte[] { 1, 2, 3 }));
		assertArrayEquals(new byte[] { 1, 2, 3 }, Files.readAllBytes(target));
		assertEquals(List.of("a.csv"), names());
	}

	@Test
	void replacesOnlyWhenAsked() throws IOException {
		Path target = dir.resolve("a.csv");
		Files.writeString(target, "mine");
		FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
			() -> PendingFile.write(target, false, out -> out.write(1)));
		assertTrue(e.getMessage().contains("exists"), e.getMessage());
		assertEquals("mine", Files.readString(target));
		PendingFile.write(target, true, out -> out.write('x'));
		assertEquals("x", Files.readString(target));
		assertThrows(FileAlreadyExistsException.class, () -> PendingFile.write(dir, true, out -> out
			.write(1)), "a folder is never replaced by a file");
	}

	@Test
	void temporaryNamesSayWhoseTheyAre() throws IOException {
		PendingFile f = PendingFile.create(dir.resolve("bird.png"), false);
		String name = f.temporary().getFileName().toString();
		assertTrue(name.startsWith(".bird.png.espcn-" + PartFiles.owner() + "-"), name);
		assertTrue(name.endsWith(".part"), name);
		assertFalse(PartFiles.abandoned(name), "this process's own temporary file is not abandoned");
		f.discard();
		assertEquals(List.of(), names());
	}

	@Test
	void removesTemporaryFilesOfProcessesThatAreGone() throws IOException {
		long dead = deadPid();
		String host = PartFiles.host();
		Path abandoned = Files.createFile(dir.resolve(".a.png.espcn-" + dead + "-" + host +
			"-x1y2.part"));
		Path folder = Files.createDirectories(dir.resolve(".frames.espcn-" + dead + "-" + host +
			"-z9.part"));
		Files.writeString(folder.resolve("000001.png"), "frame");
		Path live = Files.createFile(dir.resolve(".b.png.espcn-" + ProcessHandle.current().pid() +
			"-" + host + "-abc.part"));
		Path otherHost = Files.createFile(dir.resolve(".c.png.espcn-" + dead +
			"-some-other-machine-abc.part"));
		Path old = Files.createFile(dir.resolve(".d.png.1x2y3z.part"));
		Path user = Files.createFile(dir.resolve("notes.part"));
		assertEquals(2, PartFiles.removeAbandoned(dir));
		assertFalse(Files.exists(abandoned));
		assertFalse(Files.exists(folder));
		for (Path kept : List.of(live, otherHost, old, user))
			assertTrue(Files.exists(kept), kept + " cannot be proved abandoned");
	}

	@Test
	void aCallerThatKnowsNobodyWritesRemovesTheTemporaryFilesOfAnyMachine() throws IOException {
		Path otherHost = Files.createFile(dir.resolve(".a.png.espcn-4242-some-other-machine-k1.part"));
		Path notTarget = Files.createFile(dir.resolve(".z.png.espcn-4242-some-other-machine-k2.part"));
		PendingFile mine = PendingFile.create(dir.resolve("a.png"), false);
		Path user = Files.createFile(dir.resolve("notes.part"));
		Path below = Files.createDirectories(dir.resolve("0/1"));
		Path chunk = Files.createFile(below.resolve(".3.espcn-4242-some-other-machine-k3.part"));

		assertEquals(1, PartFiles.removeAllOf(dir, java.util.Set.of("a.png")));
		assertFalse(Files.exists(otherHost));
		assertTrue(Files.exists(notTarget), "only the named outputs' temporary files");
		assertTrue(Files.exists(mine.temporary()), "never one this process is writing");
		assertTrue(Files.exists(chunk), "only the folder itself, without targets named");

		assertEquals(2, PartFiles.removeAllOf(dir, null));
		assertFalse(Files.exists(chunk));
		assertFalse(Files.exists(notTarget));
		assertTrue(Files.exists(mine.temporary()));
		assertTrue(Files.exists(user));
		mine.discard();
	}

	/** The id of a process that has ended. */
	static long deadPid() throws IOException {
		try {
			Process p = new ProcessBuilder("true").start();
			p.waitFor();
			long pid = p.pid();
			if (ProcessHandle.of(pid).isPresent()) throw new IllegalStateException("still there");
			return pid;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IOException(e);
		}
	}
}
