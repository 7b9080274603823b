package io.github.espcnfiji.cli;

import io.github.espcnfiji.io.ImageFiles;
import io.github.espcnfiji.io.LoadedImage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The small image shipped for {@code demo}: Set5 "butterfly" (256x256 RGB), see
 * {@code sample/SOURCE.md} beside it.
 */
final class SampleImage {

	static final String NAME = "butterfly.png";
	static final String DESCRIPTION = "Set5 butterfly.png";
	private static final String RESOURCE = "/sample/" + NAME;

	private SampleImage() {}

	static LoadedImage read() throws IOException {
		Path tmp = Files.createTempFile("espcn-sample-", ".png");
		try {
			try (InputStream in = SampleImage.class.getResourceAsStream(RESOURCE)) {
				if (in == null) throw new IOException("The sample image " + RESOURCE +
					" is missing from the plugin jar; rebuild or reinstall it");
				Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
			}
			return ImageFiles.read(tmp);
		}
		finally {
			Files.deleteIfExists(tmp);
		}
	}
}
