package io.github.espcnfiji.model;

import java.io.IOException;

/**
 * A model file, folder or archive that could be read but does not hold a usable ESPCN model: a
 * missing or malformed card, a format newer than this plugin, an invalid architecture, or
 * weights that do not fit the card. The message names the file and says what to do.
 */
public final class InvalidModelException extends IOException {

	private static final long serialVersionUID = 1L;

	public InvalidModelException(String message) {
		super(message);
	}

	public InvalidModelException(String message, Throwable cause) {
		super(message, cause);
	}
}
