import ij.IJ;
import ij.gui.GenericDialog;
import ij.plugin.frame.Recorder;

import java.awt.Choice;
import java.awt.Window;

/**
 * What .ci/imagej-smoke.sh asks of a real ImageJ from a macro (through {@code call}): its macro
 * recorder, a command run on a thread of its own so that its error stops only that run, and the
 * items of a command's drop-downs as a user sees them. Compiled by the script against ImageJ's
 * own ij.jar; never part of the plugin.
 */
public class SmokeProbe {

	/** Opens the recorder and has it record the commands a macro runs. */
	public static String startRecorder() {
		new Recorder();
		Recorder.recordInMacros = true;
		return "";
	}

	/** The recorder's text. */
	public static String recorded() {
		Recorder r = Recorder.getInstance();
		return r == null ? "(no recorder)" : r.getText();
	}

	/** Runs a command that is to fail, on a thread of its own so that its error stops only it. */
	public static String runFailing(String command, String options) throws InterruptedException {
		Thread t = new Thread(() -> {
			IJ.redirectErrorMessages(true);
			try {
				IJ.run(command, options);
			}
			catch (RuntimeException e) {
				IJ.log("failed as expected: " + e.getMessage());
			}
		}, "Run$_failing");
		t.start();
		t.join();
		return "";
	}

	/**
	 * Opens {@code command}'s dialog as the menu does (no macro options), returns the items of
	 * its drop-downs, one a line, and cancels it.
	 */
	public static String dropDownItems(String command) throws InterruptedException {
		Thread t = new Thread(() -> IJ.run(command), "dialog");
		t.start();
		GenericDialog gd = null;
		for (int i = 0; i < 600 && gd == null; i++) {
			for (Window w : Window.getWindows())
				if (w instanceof GenericDialog && w.isShowing()) gd = (GenericDialog) w;
			if (gd == null) Thread.sleep(100);
		}
		if (gd == null) return "(no dialog)";
		StringBuilder s = new StringBuilder();
		if (gd.getChoices() != null) for (Object o : gd.getChoices()) {
			Choice c = (Choice) o;
			for (int i = 0; i < c.getItemCount(); i++)
				s.append(c.getItem(i)).append('\n');
		}
		gd.windowClosing(null); // Cancel
		t.join(60000);
		return s.toString();
	}
}
