package io.github.espcnfiji.bioimageio;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The SHA-256 of a file's bytes as 64 lower-case hex digits, as {@code rdf.yaml} records it. */
public final class Sha256 {

	private Sha256() {}

	public static String of(byte[] bytes) {
		try {
			byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
			StringBuilder s = new StringBuilder(64);
			for (byte b : d)
				s.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
			return s.toString();
		}
		catch (NoSuchAlgorithmException e) {
			throw new AssertionError("Every Java has SHA-256", e);
		}
	}
}
