package io.github.espcnfiji.ij1;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.io.FileInfo;
import ij.plugin.PlugIn;
import io.github.espcnfiji.core.SuperResolver;
import io.github.espcnfiji.core.Tiler;
import io.github.espcnfiji.io.VideoFiles;
import io.github.espcnfiji.model.BundledModels;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.model.InferenceMode;
import io.github.espcnfiji.video.AviWriter;
import io.github.espcnfiji.video.FrameSink;
import io.github.espcnfiji.video.FrameSource;
import io.github.espcnfiji.video.FrameUpscaler;
import io.github.espcnfiji.video.Progress;
import io.github.espcnfiji.video.VideoInfo;
import io.github.espcnfiji.video.VideoPipeline;
import io.github.espcnfiji.video.VideoUpscaling;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Plugins&gt;ESPCN&gt;ESPCN Video: super-resolves a video, streamed frame by frame through the
 * {@link VideoPipeline} (decoding, super-resolution and encoding overlapped, a few frames in
 * memory at a time).
 * <ul>
 * <li>Input: a {@code .y4m} or {@code .avi} file or a folder of frames ({@code input=[...]}), or,
 * when none is given, the current image: the time points of a hyperstack, or the slices of a
 * plain stack.</li>
 * <li>Output: a {@code .y4m} or {@code .avi} file (AVI frames {@code compression=png}, {@code jpeg}
 * or {@code none}) or a folder of numbered PNG frames ({@code output=[...]}), written under a
 * temporary name and moved into place when done; or, when none is given, a new image
 * {@code <title>-ESPCN-<model>} if it fits in memory. An existing output is replaced only with
 * {@code overwrite}; the input never is.</li>
 * </ul>
 * The progress bar and status show frames, frames per second and the time left; Esc stops after
 * the frames done so far, which stay a valid, shorter video (or no output when none was done).
 * <pre>
 * run("ESPCN Video...", "input=[/data/bus.y4m] output=[/data/bus-x3.y4m] model=[x3] tile=256");
 * run("ESPCN Video...", "input=[/data/bus.y4m] output=[/data/bus-x3.y4m] model=[x3] precision=bf16");
 * run("ESPCN Video...", "output=[/data/movie-x3.avi] model=[x3] compression=jpeg"); // current image
 * run("ESPCN Video...", "model=[x3]"); // current time series to a new image
 * </pre>
 */
public final class VideoPlugIn implements PlugIn {

	public static final String COMMAND = "ESPCN Video";
	/** Macro key: the video file or folder of frames; empty for the current image. */
	public static final String INPUT = "input";
	/** Macro key: the output file or folder; empty for a new image. */
	public static final String OUTPUT = "output";
	/** Macro key: a bundled model name or a model path. */
	public static final String MODEL = "model";
	/** Macro key: the largest tile side in input pixels. */
	public static final String TILE = "tile";
	/** Macro key: {@code fp32} (the default) or {@code bf16}, as in ESPCN Super-Resolution. */
	public static final String PRECISION = SuperResolutionPlugIn.PRECISION;
	/** Macro key: {@code png}, {@code jpeg} or {@code none}, for AVI output. */
	public static final String COMPRESSION = "compression";
	/** Macro flag: replace an existing output. */
	public static final String OVERWRITE = "overwrite";
	static final String INPUT_LABEL = "Input video (.y4m, .avi or folder of frames; empty: current image)";
	static final String OUTPUT_LABEL = "Output (.y4m, .avi or folder; empty: new image)";
	static final String MODEL_LABEL = "Model";
	static final String TILE_LABEL = "Tile size (pixels)";
	static final String COMPRESSION_LABEL = "Compression of AVI frames";
	static final String OVERWRITE_LABEL = "Overwrite an existing output";
	static final String[] COMPRESSIONS = { "png", "jpeg", "none" };

	@Override
	public void run(String arg) {
		if (!MacroOptions.currentHasOnly(COMMAND, INPUT, OUTPUT, MODEL, TILE, PRECISION,
			COMPRESSION, OVERWRITE)) return;
		String input, output, model, compression, precision;
		int tile;
		boolean overwrite;
		if (Help.fromMacro()) {
			try {
				MacroOptions o = MacroOptions.current();
				input = o.string(INPUT, "");
				output = o.string(OUTPUT, "");
				model = o.string(MODEL, SuperResolutionPlugIn.DEFAULT_MODEL);
				tile = o.integer(TILE, Tiler.DEFAULT_TILE_SIZE);
				precision = o.string(PRECISION, SuperResolutionPlugIn.PRECISIONS[0]);
				compression = o.string(COMPRESSION, COMPRESSIONS[0]);
				overwrite = o.flag(OVERWRITE);
			}
			catch (IllegalArgumentException e) {
				PlugInErrors.report(COMMAND, e.getMessage());
				return;
			}
		}
		else {
			Remembered last = new Remembered(COMMAND);
			GenericDialog gd = new GenericDialog(COMMAND);
			gd.addFileField(INPUT_LABEL, last.get(INPUT, ""));
			gd.addFileField(OUTPUT_LABEL, last.get(OUTPUT, ""));
			ModelChooser.addTo(gd, MODEL_LABEL, last.get(MODEL, SuperResolutionPlugIn.DEFAULT_MODEL));
			gd.addNumericField(TILE_LABEL, last.get(TILE, Tiler.DEFAULT_TILE_SIZE), 0);
			gd.addChoice(SuperResolutionPlugIn.PRECISION_LABEL, SuperResolutionPlugIn.PRECISIONS, last
				.get(PRECISION, SuperResolutionPlugIn.PRECISIONS[0]));
			gd.addChoice(COMPRESSION_LABEL, COMPRESSIONS, last.get(COMPRESSION, COMPRESSIONS[0]));
			gd.addCheckbox(OVERWRITE_LABEL, false);
			gd.addHelp(Help.VIDEO);
			gd.showDialog();
			if (gd.wasCanceled()) {
				CommandRecording.skip();
				return;
			}
			input = gd.getNextString().trim();
			output = gd.getNextString().trim();
			model = gd.getNextChoice().trim();
			tile = (int) gd.getNextNumber();
			precision = gd.getNextChoice();
			compression = gd.getNextChoice();
			overwrite = gd.getNextBoolean();
			last.set(INPUT, input);
			last.set(OUTPUT, output);
			last.set(MODEL, model);
			last.set(TILE, tile);
			last.set(PRECISION, precision);
			last.set(COMPRESSION, compression);
		}
		ImagePlus result = upscale(input, output, model, tile, precision, compression, overwrite);
		if (result != null) ImageDisplay.show(result);
	}

	/**
	 * Super-resolves as the class comment says, with ImageJ progress and Esc. Returns the new
	 * image when there is no output file, else null (also when cancelled or failed; a failure is
	 * reported as {@link PlugInErrors} says). {@code precision} is {@code fp32} (null or blank:
	 * the same) or {@code bf16}.
	 */
	public static ImagePlus upscale(String input, String output, String model, int tile,
		String precision, String compression, boolean overwrite)
	{
		try {
			if (tile < 1) throw new IllegalArgumentException("The tile size must be at least 1 " +
				"pixel, got " + tile);
			InferenceMode mode = InferenceMode.precision(precision == null || precision.isBlank()
				? SuperResolutionPlugIn.PRECISIONS[0] : precision);
			AviWriter.Compression avi = AviWriter.Compression.parse(compression == null ||
				compression.isBlank() ? COMPRESSIONS[0] : compression);
			boolean fromFile = input != null && !input.isBlank();
			ImagePlus current = fromFile ? null : WindowManager.getCurrentImage();
			if (!fromFile && current == null) throw new IllegalArgumentException("There is no image " +
				"open and no input video given; open a video or give " + INPUT + "=[file]");
			Path out = output == null || output.isBlank() ? null : Paths.get(output.trim());
			Path in = fromFile ? Paths.get(input.trim()) : fileOf(current);
			if (out != null && in != null) VideoFiles.checkOutput(in, out);
			if (out != null) VideoFiles.checkWritable(out, overwrite); // before any work
			try (EspcnModel m = BundledModels.shipped().resolve(model); FrameSource source = fromFile
				? VideoFiles.open(in, VideoInfo.DEFAULT_FPS) : new TimeSeriesFrames(current))
			{
				IJ.resetEscape();
				return run(source, out, m, mode, tile, avi, overwrite, fromFile ? in.getFileName()
					.toString() : current.getTitle(), IJ::escapePressed, p -> {});
			}
		}
		catch (Exception e) {
			IJ.showProgress(1.0);
			PlugInErrors.report(COMMAND, PlugInErrors.describe(e));
			return null;
		}
	}

	/**
	 * The run behind {@link #upscale}, stopped by {@code cancelled} (Esc), reporting to ImageJ's
	 * progress bar and then to {@code listener}.
	 */
	static ImagePlus run(FrameSource source, Path out, EspcnModel model, InferenceMode mode,
		int tile,
		AviWriter.Compression avi, boolean overwrite, String title, BooleanSupplier cancelled,
		VideoPipeline.Listener listener) throws IOException
	{
		int s = model.scale();
		VideoInfo info = source.info().scaled(s);
		VideoPipeline.Options options = VideoPipeline.Options.defaults().withCancellation(cancelled)
			.withProgress(p -> {
				progress(p);
				listener.progress(p);
			});
		FrameUpscaler upscaler = new FrameUpscaler(new SuperResolver(model.upscaler(mode),
			SuperResolver.Options.defaults().withTileSize(tile).withCancellation(cancelled)));
		String resultTitle = ImagePlusUpscaling.titleOf(title, ImagePlusUpscaling.modelLabel(model
			.card().name));
		try (FrameSink sink = out != null ? VideoFiles.create(out, info, avi, overwrite)
			: stackSink(source, info, resultTitle))
		{
			VideoPipeline.Result r = VideoUpscaling.run(source, upscaler, sink, options);
			IJ.showProgress(1.0);
			String what = String.format(Locale.ROOT, "%d frames, %dx%d -> %dx%d, %.1f s (%.2f " +
				"frames/s)", r.frames(), info.width() / s, info.height() / s, info.width(), info
					.height(), r.seconds(), r.fps());
			String where = out != null ? out.toString() : resultTitle;
			if (r.cancelled()) CommandRecording.skip();
			if (r.cancelled()) IJ.log(COMMAND + ": cancelled; " + (r.frames() > 0 ? where + " holds " +
				"the first " + what : "nothing was written"));
			else IJ.log(COMMAND + ": " + title + " -> " + where + ": " + what);
			IJ.showStatus(COMMAND + (r.cancelled() ? " cancelled" : " done"));
			if (out != null || r.frames() == 0) return null;
			ImagePlus result = ((ImageStackSink) sink).result();
			return source instanceof TimeSeriesFrames ? ImagePlusUpscaling.dressLike(
				((TimeSeriesFrames) source).image(), result, s, ((TimeSeriesFrames) source)
					.convertsToRgb()) : result;
		}
	}

	private static FrameSink stackSink(FrameSource source, VideoInfo info, String title)
		throws IOException
	{
		if (!(source instanceof TimeSeriesFrames)) return new ImageStackSink(title, info, 1, 1,
			false, 4);
		TimeSeriesFrames t = (TimeSeriesFrames) source;
		ImagePlus imp = t.image();
		int bytes = t.convertsToRgb() || imp.getBitDepth() == 24 ? 4 : imp.getBitDepth() / 8;
		return new ImageStackSink(title, info, imp.getNChannels(), t.slicesAreFrames() ? 1 : imp
			.getNSlices(), t.slicesAreFrames(), bytes);
	}

	private static void progress(Progress p) {
		if (!Double.isNaN(p.fraction())) IJ.showProgress(p.fraction());
		IJ.showStatus(COMMAND + ": " + p + " (Esc stops)");
	}

	/** The file an open image was read from, if any, so that it is never written over. */
	private static Path fileOf(ImagePlus imp) {
		FileInfo fi = imp.getOriginalFileInfo();
		if (fi == null || fi.fileName == null || fi.directory == null || fi.directory.isEmpty())
			return null;
		return Paths.get(fi.directory, fi.fileName);
	}
}
