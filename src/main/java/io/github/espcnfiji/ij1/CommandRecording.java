package io.github.espcnfiji.ij1;

import ij.plugin.frame.Recorder;

/**
 * Keeps runs that did not finish out of the macro recorder. ImageJ records a command when it
 * returns, whatever happened; a failed run ({@code folder=[]}, {@code model=x5}), a cancelled
 * dialog, or a run stopped with Esc would otherwise be replayed by the recorded macro.
 */
final class CommandRecording {

	private CommandRecording() {}

	/** The command now running is not to be recorded (a no-op when the recorder is closed). */
	static void skip() {
		Recorder.disableCommandRecording();
	}
}
