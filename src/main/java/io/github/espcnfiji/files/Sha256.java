package io.github.espcnfiji.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The SHA-256 of bytes or of a file as 64 lower-case hex digits: what a model package's
 * {@code rdf.yaml} and a training checkpoint's {@code state.json} record.
 */
public final class Sha256 {

	private Sha256() {}

	public static String of(byte[] bytes) {
		MessageDigest md = digest();
		md.update(bytes);
		return hex(md.digest());
	}

	/** A file's, read as a stream (not loaded whole). */
	public static String of(Path file) throws IOException {
		MessageDigest md = digest();
		try (InputStream in = Files.newInputStream(file)) {
			byte[] buffer = new byte[1 << 16];
			for (int n; (n = in.read(buffer)) > 0;)
				md.update(buffer, 0, n);
		}
		return hex(md.digest());
	}

	private static MessageDigest digest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new AssertionError("Every Java has SHA-256", e);
		}
	}

	private static String hex(byte[] digest) {
		StringBuilder s = new StringBuilder(64);
		for (byte b : digest)
			s.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
		return s.toString();
	}
}
