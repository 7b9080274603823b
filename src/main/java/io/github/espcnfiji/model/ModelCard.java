package io.github.espcnfiji.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a model is and how it came to be: the JSON card stored beside the parameters. The
 * architecture fields must agree with the parameters; the rest documents the model.
 */
public final class ModelCard {

	/** The card format this code writes and reads. */
	public static final int FORMAT_VERSION = 1;

	public int formatVersion = FORMAT_VERSION;
	public String name = "espcn";
	public String description = "";
	public int scale;
	public String activation = Activation.TANH.id();
	public int channels = 1;
	/** Hidden convolution widths, e.g. [64, 32]. */
	public int[] filters = { 64, 32 };
	/** Kernel sizes of all convolutions, e.g. [5, 3, 3]. */
	public int[] kernels = { 5, 3, 3 };
	/** How inputs are made: the colour channel the network sees. */
	public String colorChannel = "Y (BT.601, MATLAB rgb2ycbcr), scaled to [0, 1]";
	public Training training = new Training();
	/** Measured quality per test set, filled by evaluation. */
	public Map<String, Metrics> metrics = new LinkedHashMap<>();

	/** The recipe and data a model was trained with. */
	public static final class Training {

		public List<String> trainData = new ArrayList<>();
		public String validationData = "";
		public int epochs;
		public int epochsCompleted;
		public int bestEpoch;
		public double bestValidationPsnr;
		public int batchSize = 16;
		public int patchSize = 17;
		public int stride = 13;
		public double learningRate = 1e-3;
		public double lastLayerLearningRateFactor = 0.1;
		public String schedule = "x0.1 at 80% of epochs";
		/** What training minimised (l2, l1, charbonnier); absent from cards older than the choice: l2. */
		public String loss;
		/**
		 * The network whose outputs the training targets blended in (knowledge distillation):
		 * its name or path, architecture and a digest of its weights (16 hex digits of a SHA-256
		 * over its parameters' names and values); absent when none.
		 */
		public String teacher;
		/** The teacher's part of each target, the rest being the high-resolution image. */
		public Double teacherShare;
		/**
		 * Patches whose high-resolution luma varied by less than this standard deviation (grey
		 * levels of 255) were left out; absent when every patch was trained on.
		 */
		public Double minPatchContrast;
		public String augmentation = "none";
		public long seed;
		public String lowResMaker = "MATLAB-style bicubic (antialiased)";
		public String command = "";
		/**
		 * The processors the run was computed on, each with the instruction set oneDNN used on it
		 * (see {@link CpuInfo}), one entry per distinct machine of its sessions.
		 */
		public List<String> machines = new ArrayList<>();
	}

	/** PSNR and SSIM (Y channel, border of scale pixels cropped) on one test set. */
	public static final class Metrics {

		public int images;
		public double psnr;
		public double ssim;
		public double bicubicPsnr;
		public double bicubicSsim;
	}

	public static ModelCard forSpec(EspcnSpec spec) {
		ModelCard c = new ModelCard();
		c.scale = spec.scale();
		c.channels = spec.channels();
		c.activation = spec.activation().id();
		c.filters = spec.filters();
		c.kernels = spec.kernels();
		return c;
	}

	/** The architecture this card describes; throws with a clear message if it is invalid. */
	public EspcnSpec spec() {
		if (filters == null || kernels == null)
			throw new IllegalArgumentException("Model card lacks 'filters' or 'kernels'");
		return new EspcnSpec(scale, channels, Activation.parse(activation == null ? "" : activation),
			filters, kernels);
	}

	/**
	 * The name a trained model's card gets: its output folder's name ({@code models/espcn-x3}
	 * gives {@code espcn-x3}, {@code ~/models/nuclei-x2} gives {@code nuclei-x2}), so that a
	 * user's model is told apart from the bundled ones; {@code espcn-xN} without a folder name.
	 */
	public static String nameFor(java.nio.file.Path output, int scale) {
		java.nio.file.Path name = output == null ? null : output.toAbsolutePath().normalize()
			.getFileName();
		String s = name == null ? "" : name.toString().trim();
		if (s.toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) s = s.substring(0, s.length() - 4);
		return s.isEmpty() ? "espcn-x" + scale : s;
	}
}
