package io.github.espcnfiji.ij1;

import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.gui.Plot;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;
import io.github.espcnfiji.command.ByteScalePlanes;
import io.github.espcnfiji.command.ImageComparison;
import io.github.espcnfiji.core.EvaluationProtocol;
import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.Scores;
import io.github.espcnfiji.io.ImagePlusBridge;
import io.github.espcnfiji.model.BundledModels;
import io.github.espcnfiji.model.EspcnModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Plugins&gt;ESPCN&gt;ESPCN Measure PSNR: PSNR (dB) and SSIM on the luma with a border of
 * {@code scale} pixels cropped (see {@link ImageComparison}), per slice, written to the Results
 * table, with a last row of means (Slice "Mean") for stacks.
 * <ul>
 * <li>Two open images: {@code reference=[title] test=[title] scale=3}; columns Reference, Test,
 * Slice, PSNR, SSIM.</li>
 * <li>One high-resolution image, {@code test=*None*} (or no test key headless): the evaluation
 * protocol; the image is shrunk by bicubic, super-resolved by the model and enlarged by bicubic,
 * and both are compared with it: {@code reference=[title] test=*None* scale=3 model=[x3]};
 * columns Reference, Test, Slice, PSNR, SSIM (the model's), Bicubic PSNR, Bicubic SSIM, Gain (dB)
 * and Model (the model card's name).</li>
 * </ul>
 * A macro reads the last row: {@code getResult("PSNR", nResults - 1)}.
 */
public final class MeasurePsnrPlugIn implements PlugIn {

	public static final String COMMAND = "ESPCN Measure PSNR";
	/** Macro key: the title of the ground-truth image. */
	public static final String REFERENCE = "reference";
	/** Macro key: the title of the image to measure, or {@link #NONE} for the protocol. */
	public static final String TEST = "test";
	/** Macro key: the scale, which is also the border cropped. */
	public static final String SCALE = "scale";
	/** Macro key: the model of the protocol (only with {@code test=*None*}). */
	public static final String MODEL = "model";
	/** The test choice that means "downscale the reference, super-resolve and compare". */
	public static final String NONE = "*None*";
	/** The Slice column's value in the last row of a stack: the means over its slices. */
	public static final String MEAN = "Mean";
	static final String REFERENCE_LABEL = "Reference (ground truth)";
	static final String TEST_LABEL = "Test image";
	static final String SCALE_LABEL = "Scale";
	static final String MODEL_LABEL = "Model (for test = *None*)";

	@Override
	public void run(String arg) {
		if (!MacroOptions.currentHasOnly(COMMAND, REFERENCE, TEST, SCALE, MODEL)) return;
		String reference, test, model;
		int scale;
		if (Help.fromMacro()) {
			try {
				MacroOptions o = MacroOptions.current();
				ImagePlus current = WindowManager.getCurrentImage();
				reference = o.string(REFERENCE, current == null ? null : current.getTitle());
				test = o.string(TEST, NONE);
				scale = o.integer(SCALE, 3);
				model = o.string(MODEL, SuperResolutionPlugIn.DEFAULT_MODEL);
			}
			catch (IllegalArgumentException e) {
				PlugInErrors.report(COMMAND, e.getMessage());
				return;
			}
		}
		else {
			String[] titles = imageTitles();
			if (titles.length == 0) {
				PlugInErrors.report(COMMAND, "There is no image open; open the images first");
				return;
			}
			List<String> tests = new ArrayList<>(Arrays.asList(titles)); // images only, no plots
			tests.add(NONE);
			Remembered last = new Remembered(COMMAND);
			GenericDialog gd = new GenericDialog(COMMAND);
			gd.addChoice(REFERENCE_LABEL, titles, titles[0]);
			gd.addChoice(TEST_LABEL, tests.toArray(new String[0]), titles.length > 1 ? titles[1]
				: NONE);
			gd.addNumericField(SCALE_LABEL, last.get(SCALE, 3), 0);
			ModelChooser.addTo(gd, MODEL_LABEL, last.get(MODEL, SuperResolutionPlugIn.DEFAULT_MODEL));
			gd.addMessage("Test = " + NONE + ": the reference is shrunk by bicubic, super-resolved\n" +
				"by the model and enlarged by bicubic; both are compared with it.");
			gd.addHelp(Help.MENUS);
			gd.showDialog();
			if (gd.wasCanceled()) {
				CommandRecording.skip();
				return;
			}
			reference = gd.getNextChoice();
			test = gd.getNextChoice();
			scale = (int) gd.getNextNumber();
			model = gd.getNextChoice().trim();
			last.set(SCALE, scale);
			last.set(MODEL, model);
		}
		measure(reference, test, scale, model);
	}

	/**
	 * Measures as the class comment says and adds the rows to the Results table; false (after
	 * reporting) when it failed.
	 */
	public static boolean measure(String reference, String test, int scale, String model) {
		try {
			ImagePlus ref = image(reference, "reference");
			ResultsTable rt = ResultsTable.getResultsTable();
			if (test == null || test.equals(NONE)) protocol(ref, scale, model, rt);
			else compare(ref, image(test, "test"), scale, rt);
			rt.show("Results");
			return true;
		}
		catch (Exception e) {
			PlugInErrors.report(COMMAND, PlugInErrors.describe(e));
			return false;
		}
	}

	/** The titles of the open images, leaving out plot windows (which are images to ImageJ). */
	static String[] imageTitles() {
		List<ImagePlus> open = new ArrayList<>();
		for (int id : WindowManager.getIDList() == null ? new int[0] : WindowManager.getIDList())
			open.add(WindowManager.getImage(id));
		return imageTitles(open);
	}

	/** The titles of those of {@code open} that are images, not plots. */
	static String[] imageTitles(List<ImagePlus> open) {
		List<String> titles = new ArrayList<>();
		for (ImagePlus imp : open)
			if (imp != null && imp.getProperty(Plot.PROPERTY_KEY) == null) titles.add(imp.getTitle());
		return titles.toArray(new String[0]);
	}

	/** The comparison of two open images by title. */
	public static ImageComparison compare(String reference, String test, int scale) {
		return ImageComparison.of(ImagePlusBridge.wrap(image(reference, "reference")),
			ImagePlusBridge.wrap(image(test, "test")), scale);
	}

	private static void compare(ImagePlus ref, ImagePlus test, int scale, ResultsTable rt) {
		ImageComparison c;
		try {
			c = ImageComparison.of(ImagePlusBridge.wrap(ref), ImagePlusBridge.wrap(test), scale);
		}
		catch (IllegalArgumentException e) {
			throw new IllegalArgumentException(e.getMessage() + ". To measure a model on a " +
				"high-resolution image, choose test=" + NONE + ": it is shrunk, super-resolved and " +
				"compared with itself", e);
		}
		for (int p = 0; p < c.planes(); p++)
			row(rt, ref, test.getTitle(), Integer.toString(p + 1), c.psnr(p), c.ssim(p));
		if (c.planes() > 1) row(rt, ref, test.getTitle(), MEAN, c.meanPsnr(), c.meanSsim());
	}

	private static void protocol(ImagePlus ref, int scale, String model, ResultsTable rt)
		throws Exception
	{
		List<FloatPlane[]> planes = ByteScalePlanes.of(ImagePlusBridge.wrap(ref));
		double[] sums = new double[4];
		String test, name;
		try (EspcnModel m = BundledModels.shipped().resolve(model)) {
			name = m.card().name;
			test = "ESPCN " + name + " (x" + m.scale() + ") vs bicubic";
			for (int p = 0; p < planes.size(); p++) {
				Scores s = EvaluationProtocol.evaluate(planes.get(p), scale, m);
				double[] v = { s.modelPsnr().getAsDouble(), s.modelSsim().getAsDouble(), s
					.bicubicPsnr(), s.bicubicSsim() };
				for (int i = 0; i < 4; i++)
					sums[i] += v[i];
				protocolRow(rt, ref, test, name, Integer.toString(p + 1), v);
			}
		}
		if (planes.size() > 1) {
			double[] mean = new double[4];
			for (int i = 0; i < 4; i++)
				mean[i] = sums[i] / planes.size();
			protocolRow(rt, ref, test, name, MEAN, mean);
		}
	}

	/** A row of the protocol: the model's PSNR/SSIM, bicubic's and the gain (model - bicubic). */
	private static void protocolRow(ResultsTable rt, ImagePlus ref, String test, String model,
		String slice, double[] v)
	{
		row(rt, ref, test, slice, v[0], v[1]);
		rt.addValue("Bicubic PSNR", v[2]);
		rt.addValue("Bicubic SSIM", v[3]);
		rt.addValue("Gain (dB)", v[0] - v[2]);
		rt.addValue("Model", model);
	}

	/** One row; {@code slice} is the slice's number, or {@link #MEAN} for the stack's mean. */
	private static void row(ResultsTable rt, ImagePlus ref, String test, String slice, double psnr,
		double ssim)
	{
		rt.incrementCounter();
		rt.addValue("Reference", ref.getTitle());
		rt.addValue("Test", test);
		if (slice.equals(MEAN)) rt.addValue("Slice", MEAN);
		else rt.addValue("Slice", Integer.parseInt(slice));
		rt.addValue("PSNR", psnr);
		rt.addValue("SSIM", ssim);
	}

	private static ImagePlus image(String title, String role) {
		if (title == null || title.isBlank()) throw new IllegalArgumentException("No " + role +
			" image given" + (WindowManager.getImageCount() == 0 ? ": there is no image open" : ""));
		ImagePlus imp = WindowManager.getImage(title);
		if (imp == null) throw new IllegalArgumentException("No open image is titled '" + title +
			"' (the " + role + " image)");
		return imp;
	}
}
