package io.github.espcnfiji.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Test helper: the SHA-256 of every file under a folder, to show that inputs did not change. */
public final class FileChecksums {

	private FileChecksums() {}

	/** Relative path -> SHA-256 of every regular file under {@code root} (or of the file). */
	public static Map<String, String> of(Path root) throws IOException {
		Map<String, String> sums = new TreeMap<>();
		if (Files.isRegularFile(root)) {
			sums.put(root.getFileName().toString(), sha256(root));
			return sums;
		}
		try (Stream<Path> s = Files.walk(root)) {
			for (Path p : (Iterable<Path>) s::iterator)
				if (Files.isRegularFile(p)) sums.put(root.relativize(p).toString(), sha256(p));
		}
		return sums;
	}

	public static String sha256(Path file) throws IOException {
		try {
			StringBuilder hex = new StringBuilder();
			for (byte b : MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)))
				hex.append(String.format("%02x", b));
			return hex.toString();
		}
		catch (NoSuchAlgorithmException e) {
			throw new AssertionError(e);
		}
	}
}
