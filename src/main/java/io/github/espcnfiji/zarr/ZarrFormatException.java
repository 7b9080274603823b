package io.github.espcnfiji.zarr;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A Zarr store this package cannot read: unsupported metadata, or chunks that disagree with it.
 * The message is one line that names the file.
 */
public final class ZarrFormatException extends IOException {

	private static final long serialVersionUID = 1L;

	public ZarrFormatException(Path file, String problem) {
		super(file + ": " + problem);
	}

	public ZarrFormatException(Path file, String problem, Throwable cause) {
		super(file + ": " + problem, cause);
	}
}
