// upscale_folder.ijm - super-resolves every image of a folder with an ESPCN model.
//
// Argument (one string, fields separated by "|"):
//   INPUT_FOLDER|OUTPUT_FOLDER[|MODEL[|overwrite]]
// MODEL is a bundled model (x2, x3, x4; default x3) or the path of a model folder or .zip.
// Each result is saved in OUTPUT_FOLDER (created if missing) under the input's name: PNG for
// 8-bit and RGB images, TIFF (.tif) for 16-bit and 32-bit images. As on the command line, the
// output folder may not be the input folder (by any path), an existing file is replaced only
// with the word "overwrite" as the fourth field, and each file is written complete or not at all.
//
// Headless:  java -jar ESPCN_.jar macro macros/upscale_folder.ijm /data/lr /data/sr x3
// Fiji:      ImageJ --headless -batch macros/upscale_folder.ijm "/data/lr|/data/sr|x3"

args = split(getArgument(), "|");
if (args.length < 2 || args.length > 4)
	fail("usage: upscale_folder.ijm INPUT_FOLDER|OUTPUT_FOLDER[|MODEL[|overwrite]]");
input = asFolder(args[0]);
output = asFolder(args[1]);
model = "x3";
if (args.length > 2)
	model = args[2];
overwrite = 0;
if (args.length > 3) {
	if (args[3] != "overwrite")
		fail("upscale_folder: the fourth field is \"overwrite\" or nothing, not \"" + args[3] + "\"");
	overwrite = 1;
}

if (!File.isDirectory(input))
	fail("upscale_folder: no such folder: " + input);
files = getFileList(input);
images = 0;
for (i = 0; i < files.length; i++)
	if (isImageFile(files[i]))
		images++;
if (images == 0)
	fail("upscale_folder: no image files (.png, .tif, .jpg, .bmp, .gif) in " + input);
run("ESPCN Macro Extensions");
Ext.protect(input);
Ext.outputFolder(output);

setBatchMode(true);
count = 0;
for (i = 0; i < files.length; i++) {
	if (!isImageFile(files[i]))
		continue;
	open(input + files[i]);
	run("ESPCN Super-Resolution...", "model=[" + model + "]");
	name = File.getNameWithoutExtension(files[i]);
	if (bitDepth() == 16 || bitDepth() == 32)
		Ext.save(output + name + ".tif", overwrite);
	else
		Ext.save(output + name + ".png", overwrite);
	close("*");
	count++;
}
print("upscale_folder: " + count + " image(s) super-resolved with " + model + " into " + output);

function asFolder(path) {
	if (!endsWith(path, "/") && !endsWith(path, File.separator))
		path = path + File.separator;
	return path;
}

function isImageFile(name) {
	lower = toLowerCase(name);
	extensions = newArray(".png", ".tif", ".tiff", ".jpg", ".jpeg", ".bmp", ".gif");
	for (e = 0; e < extensions.length; e++)
		if (endsWith(lower, extensions[e]))
			return true;
	return false;
}

// Stops with an ImageJ error: a dialog with a display, a failed run (exit code 1) headless.
function fail(message) {
	call("ij.IJ.error", message);
	exit;
}
