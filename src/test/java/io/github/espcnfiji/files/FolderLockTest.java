package io.github.espcnfiji.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One run at a time per folder, with locks of dead processes taken over. */
class FolderLockTest {

	@TempDir
	Path dir;

	@Test
	void aSecondLockIsRefusedUntilTheFirstIsReleased() throws IOException {
		FolderLock first = FolderLock.acquire(dir);
		String owner = Files.readString(dir.resolve(FolderLock.NAME));
		assertEquals("pid " + ProcessHandle.current().pid() + " on host " + PartFiles.host() + "\n",
			owner);
		FolderLock.FolderLockedException e = assertThrows(FolderLock.FolderLockedException.class,
			() -> FolderLock.acquire(dir));
		assertTrue(e.getMessage().contains("in use by another run (" + owner.strip() + ")"), e
			.getMessage());
		first.close();
		assertFalse(Files.exists(dir.resolve(FolderLock.NAME)));
		FolderLock.acquire(dir).close();
	}

	@Test
	void aLockOfAProcessThatIsGoneIsTakenOver() throws IOException {
		Files.writeString(dir.resolve(FolderLock.NAME), "pid " + PendingFileTest.deadPid() +
			" on host " + PartFiles.host() + "\n");
		try (FolderLock lock = FolderLock.acquire(dir)) {
			assertTrue(Files.readString(dir.resolve(FolderLock.NAME)).startsWith("pid " +
				ProcessHandle.current().pid()));
		}
	}

	@Test
	void aLockOfAnotherMachineIsNeverTakenOver() throws IOException {
		Files.writeString(dir.resolve(FolderLock.NAME), "pid 1 on host elsewhere\n");
		assertThrows(FolderLock.FolderLockedException.class, () -> FolderLock.acquire(dir));
		assertTrue(Files.exists(dir.resolve(FolderLock.NAME)));
	}
}
