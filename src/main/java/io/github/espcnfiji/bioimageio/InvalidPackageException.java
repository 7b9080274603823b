package io.github.espcnfiji.bioimageio;

import java.io.IOException;

/** A bioimage.io package that cannot be used; the message is one line naming the file. */
public final class InvalidPackageException extends IOException {

	private static final long serialVersionUID = 1L;

	public InvalidPackageException(String message) {
		super(message);
	}
}
