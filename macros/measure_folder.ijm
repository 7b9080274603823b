// measure_folder.ijm - PSNR and SSIM of super-resolved images against their ground truth.
//
// Argument (one string, fields separated by "|"):
//   SR_FOLDER|HR_FOLDER|SCALE|OUTPUT_CSV[|overwrite]
// Every image of SR_FOLDER is compared with the image of HR_FOLDER that has the same name
// without extension (bird.png with bird.png or bird.tif). PSNR (dB) and SSIM are measured on
// the luma with a border of SCALE pixels cropped (ESPCN Measure PSNR). The CSV has one line per
// image (image,psnr,ssim) and a last line "mean". It is written complete or not at all; it may
// not be a file of either folder, and an existing file is replaced only with the word
// "overwrite" as the fifth field.
//
// Headless:  java -jar ESPCN_.jar macro macros/measure_folder.ijm /data/sr /data/hr 3 scores.csv
// Fiji:      ImageJ --headless -batch macros/measure_folder.ijm "/data/sr|/data/hr|3|scores.csv"

args = split(getArgument(), "|");
if (args.length < 4 || args.length > 5)
	fail("usage: measure_folder.ijm SR_FOLDER|HR_FOLDER|SCALE|OUTPUT_CSV[|overwrite]");
srFolder = asFolder(args[0]);
hrFolder = asFolder(args[1]);
scale = parseInt(args[2]);
csvPath = args[3];
overwrite = 0;
if (args.length > 4) {
	if (args[4] != "overwrite")
		fail("measure_folder: the fifth field is \"overwrite\" or nothing, not \"" + args[4] + "\"");
	overwrite = 1;
}

if (!File.isDirectory(srFolder))
	fail("measure_folder: no such folder: " + srFolder);
if (!File.isDirectory(hrFolder))
	fail("measure_folder: no such folder: " + hrFolder);
run("ESPCN Macro Extensions");
Ext.protect(srFolder);
Ext.protect(hrFolder);
setBatchMode(true);
hrFiles = getFileList(hrFolder);
srFiles = getFileList(srFolder);
csv = "image,psnr,ssim\n";
count = 0;
sumPsnr = 0;
sumSsim = 0;
for (i = 0; i < srFiles.length; i++) {
	if (!isImageFile(srFiles[i]))
		continue;
	name = File.getNameWithoutExtension(srFiles[i]);
	hr = "";
	for (j = 0; j < hrFiles.length; j++)
		if (isImageFile(hrFiles[j]) && File.getNameWithoutExtension(hrFiles[j]) == name)
			hr = hrFiles[j];
	if (hr == "") {
		print("measure_folder: no ground truth for " + srFiles[i] + " in " + hrFolder + "; skipped");
		continue;
	}
	open(hrFolder + hr);
	rename("hr:" + name);
	open(srFolder + srFiles[i]);
	rename("sr:" + name);
	run("ESPCN Measure PSNR...", "reference=[hr:" + name + "] test=[sr:" + name + "] scale=" + scale);
	psnr = getResult("PSNR", nResults - 1);
	ssim = getResult("SSIM", nResults - 1);
	csv = csv + name + "," + d2s(psnr, 6) + "," + d2s(ssim, 6) + "\n";
	sumPsnr += psnr;
	sumSsim += ssim;
	count++;
	close("*");
}
if (count == 0)
	fail("measure_folder: no image of " + srFolder + " has a ground truth of the same name in " +
		hrFolder);
csv = csv + "mean," + d2s(sumPsnr / count, 6) + "," + d2s(sumSsim / count, 6) + "\n";
Ext.saveText(csv, csvPath, overwrite);
print("measure_folder: " + count + " image(s) measured; " + csvPath);

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
