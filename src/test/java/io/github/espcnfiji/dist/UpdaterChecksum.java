package io.github.espcnfiji.dist;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The checksum the ImageJ updater records for a file in an update site's {@code db.xml.gz}, as
 * its documented rules define it (SHA-1, lower-case hex):
 * <ul>
 * <li>a file that is not a {@code .jar}: the file's path relative to the application folder
 * (ASCII, forward slashes), then its bytes;</li>
 * <li>a {@code .jar}: for each entry in the order of their names, the entry's name (ASCII),
 * then its content, where a {@code .properties} entry leaves out its comment lines (lines that
 * start with {@code #}; Maven writes the build date there) and {@code META-INF/MANIFEST.MF}
 * contributes its name only, so that rebuilding a jar with the same classes keeps its checksum.
 * The manifest rule is the current updater's: it keeps only lines that, upper-cased, start
 * with the mixed-case "Main-Class:", that is none.</li>
 * </ul>
 * ImageJ's updater is not on Maven Central, so this is written from that description and
 * tested against it ({@code UpdaterChecksumTest}).
 */
public final class UpdaterChecksum {

	static final String MANIFEST = "META-INF/MANIFEST.MF";

	private UpdaterChecksum() {}

	/** The checksum of {@code file}, installed at {@code path} (e.g. {@code jars/api-0.36.0.jar}). */
	public static String of(String path, Path file) throws IOException {
		MessageDigest digest = sha1();
		if (path.endsWith(".jar")) {
			try (JarFile jar = new JarFile(file.toFile(), false)) {
				List<JarEntry> entries = new ArrayList<>(Collections.list(jar.entries()));
				entries.sort((a, b) -> a.getName().compareTo(b.getName()));
				for (JarEntry entry : entries) {
					digest.update(entry.getName().getBytes(StandardCharsets.US_ASCII));
					if (entry.getName().equals(MANIFEST)) continue;
					try (InputStream in = jar.getInputStream(entry)) {
						byte[] content = in.readAllBytes();
						digest.update(entry.getName().endsWith(".properties") ? withoutComments(content)
							: content);
					}
				}
			}
		}
		else {
			digest.update(path.getBytes(StandardCharsets.US_ASCII));
			digest.update(Files.readAllBytes(file));
		}
		return hex(digest.digest());
	}

	/**
	 * A properties file's bytes with each comment line reduced to its line feed, as the updater
	 * reads them: a {@code #} at the start of a line drops everything up to the next line feed
	 * (kept). A line feed read while skipping a comment that began right at it ({@code "#\n"})
	 * does not count as a new line start, a quirk of the updater kept here so that the checksums
	 * agree.
	 */
	static byte[] withoutComments(byte[] in) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
		Reader reader = new Reader(in);
		for (int ch; (ch = reader.read()) >= 0;)
			out.write(ch);
		return out.toByteArray();
	}

	/** The updater's comment-skipping reader, one byte at a time. */
	private static final class Reader {

		private final byte[] bytes;
		private int position;
		private boolean atLineStart = true;

		Reader(byte[] bytes) {
			this.bytes = bytes;
		}

		int read() {
			int ch = position < bytes.length ? bytes[position++] & 0xff : -1;
			if (atLineStart) {
				if (ch == '#') {
					do
						ch = read();
					while (ch != '\n' && ch != -1);
				}
				else atLineStart = false;
			}
			else if (ch == '\n') atLineStart = true;
			return ch;
		}
	}

	static String hex(byte[] bytes) {
		StringBuilder hex = new StringBuilder(bytes.length * 2);
		for (byte b : bytes)
			hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
		return hex.toString();
	}

	static MessageDigest sha1() {
		try {
			return MessageDigest.getInstance("SHA-1");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("this Java has no SHA-1", e);
		}
	}
}
