package io.github.espcnfiji.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ij.ImagePlus;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Writing on a full disk fails with one message naming the file and what the disk said, for
 * both encoders, never "I/O error writing PNG file!" alone.
 */
class FullDiskTest {

	/** A disk that takes {@code room} bytes and then is full. */
	private static final class FullDisk extends OutputStream {

		private long room = 100;

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			room -= len;
			if (room < 0) throw new IOException("No space left on device");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "out.png", "out.tif" })
	void aFullDiskIsNamedWithTheFile(String name) {
		ImagePlus imp = new ImagePlus("picture", BrokenImages.picture(200, 150));
		Path target = Paths.get("/data/results").resolve(name);
		IOException e = assertThrows(IOException.class, () -> ImageFiles.encode(imp, name.endsWith(
			".png"), new FullDisk(), target));
		assertEquals("cannot write /data/results/" + name + ": No space left on device", e
			.getMessage());
	}
}
