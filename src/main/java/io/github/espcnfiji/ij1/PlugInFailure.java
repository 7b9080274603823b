package io.github.espcnfiji.ij1;

/**
 * A PlugIn's failure reported headless outside a macro, where there is neither a dialog to show
 * it nor a macro to stop; the message is the line that was logged.
 */
public final class PlugInFailure extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public PlugInFailure(String message) {
		super(message);
	}
}
