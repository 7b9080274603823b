// train_folder.ijm - trains an ESPCN model on a folder of high-resolution images.
//
// Argument (one string, fields separated by "|"):
//   FOLDER|SCALE|EPOCHS|OUTPUT_FOLDER[|MORE_OPTIONS]
// MORE_OPTIONS are further "ESPCN Train" options passed as they are, for example
// "activation=relu batch=16 patch=17 validation=0.1", "resume" or "overwrite". A tenth of the
// images (at least one) is held out for validation unless validation=... says otherwise.
// OUTPUT_FOLDER must be empty or new unless "resume" continues its run or "overwrite" replaces
// an earlier run; it holds the best model so far from the first epoch on; the log has one line
// per epoch.
//
// Headless:  java -jar ESPCN_.jar macro macros/train_folder.ijm /data/T91 3 100 /models/mine
// Fiji:      ImageJ --headless -batch macros/train_folder.ijm "/data/T91|3|100|/models/mine"

args = split(getArgument(), "|");
if (args.length < 4)
	fail("usage: train_folder.ijm FOLDER|SCALE|EPOCHS|OUTPUT_FOLDER[|MORE_OPTIONS]");
more = "";
if (args.length > 4)
	more = " " + args[4];

setBatchMode(true);
run("ESPCN Train...", "folder=[" + args[0] + "] scale=" + args[1] + " epochs=" + args[2] +
	" output=[" + args[3] + "]" + more);
print("train_folder: model in " + args[3]);

// Stops with an ImageJ error: a dialog with a display, a failed run (exit code 1) headless.
function fail(message) {
	call("ij.IJ.error", message);
	exit;
}
