package io.github.espcnfiji.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** What {@code --version} prints: this build's version and the DJL and PyTorch it runs on. */
final class Version {

	static final String RESOURCE = "/io/github/espcnfiji/version.properties";

	private Version() {}

	static String line() {
		Properties p = new Properties();
		try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
			if (in != null) p.load(in);
		}
		catch (IOException e) {
			// an unreadable resource leaves the versions unknown
		}
		return "ESPCN for Fiji " + p.getProperty("version", "(unknown version)") + " (DJL " + p
			.getProperty("djl", "?") + ", PyTorch " + p.getProperty("pytorch", "?") + ")";
	}
}
