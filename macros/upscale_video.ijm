// upscale_video.ijm - super-resolves a video with an ESPCN model, streamed frame by frame.
//
// Argument (one string, fields separated by "|"):
//   INPUT|OUTPUT[|MODEL[|COMPRESSION]]
// INPUT is a .y4m or .avi video or a folder of frames. OUTPUT is a .y4m or .avi file, or a
// folder that receives numbered PNG frames (000001.png, ...); it must not exist yet. MODEL is a
// bundled model (x2, x3, x4; default x3) or the path of a model folder or .zip. COMPRESSION is
// how AVI frames are stored: png (default, lossless), jpeg or none.
// The luma goes through the network, chroma is enlarged by bicubic; only a few frames are in
// memory at once, whatever the length of the video.
//
// Headless:  java -jar ESPCN_.jar macro macros/upscale_video.ijm /data/bus.y4m /data/bus-x3.y4m x3
// Fiji:      ImageJ --headless -batch macros/upscale_video.ijm "/data/bus.y4m|/data/bus-x3.y4m|x3"

args = split(getArgument(), "|");
if (args.length < 2)
	fail("usage: upscale_video.ijm INPUT|OUTPUT[|MODEL[|COMPRESSION]]");
input = args[0];
output = args[1];
model = "x3";
if (args.length > 2)
	model = args[2];
compression = "png";
if (args.length > 3)
	compression = args[3];

setBatchMode(true);
run("ESPCN Video...", "input=[" + input + "] output=[" + output + "] model=[" + model + "] compression=" + compression);
print("upscale_video: " + input + " super-resolved with " + model + " into " + output);

// Stops with an ImageJ error: a dialog with a display, a failed run (exit code 1) headless.
function fail(message) {
	call("ij.IJ.error", message);
	exit;
}
