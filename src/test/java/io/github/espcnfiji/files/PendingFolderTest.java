package io.github.espcnfiji.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folders appear whole, replace an old one only when asked, and are not made owner-only. */
class PendingFolderTest {

	@TempDir
	Path dir;

	@Test
	void appearsWholeAndReplacesOnlyWhenAsked() throws IOException {
		Path target = dir.resolve("model");
		try (PendingFolder f = PendingFolder.create(target, false)) {
			Files.writeString(f.temporary().resolve("card.json"), "{}");
			assertFalse(Files.exists(target));
			f.commit();
		}
		assertEquals("{}", Files.readString(target.resolve("card.json")));
		assertThrows(FileAlreadyExistsException.class, () -> PendingFolder.create(target, false));
		try (PendingFolder f = PendingFolder.create(target, true)) {
			Files.writeString(f.temporary().resolve("weights.npz"), "w");
			f.commit();
		}
		assertEquals(List.of("weights.npz"), list(target));
		assertEquals(List.of("model"), list(dir), "no temporary folder left");
	}

	@Test
	void aFolderThatIsNotCommittedLeavesNothing() throws IOException {
		try (PendingFolder f = PendingFolder.create(dir.resolve("model"), false)) {
			Files.writeString(f.temporary().resolve("card.json"), "{}");
		}
		assertEquals(List.of(), list(dir));
	}

	@Test
	void getsTheFolderPermissionsAnyNewFolderGets() throws IOException {
		Path plain = Files.createDirectory(dir.resolve("plain"));
		try (PendingFolder f = PendingFolder.create(dir.resolve("model"), false)) {
			f.commit();
		}
		assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)),
			PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("model"))));
	}

	private static List<String> list(Path folder) throws IOException {
		try (Stream<Path> s = Files.list(folder)) {
			return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
		}
	}
}
