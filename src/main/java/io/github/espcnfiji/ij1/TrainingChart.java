package io.github.espcnfiji.ij1;

import ij.ImageStack;
import ij.gui.Plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one window of a training run: a two-slice stack of plots, the validation PSNR per epoch
 * with bicubic's PSNR on the same images as a baseline, and the training loss per epoch; and the
 * warning when a run stays below that baseline.
 */
final class TrainingChart {

	/** Epochs after which a validation PSNR still below bicubic's is worth a warning. */
	static final int WARN_AFTER_EPOCHS = 3;

	private final List<Double> epochs = new ArrayList<>();
	private final List<Double> losses = new ArrayList<>();
	private final List<Double> psnrs = new ArrayList<>();
	private double baseline = Double.NaN;

	void baseline(double bicubicPsnr) {
		baseline = bicubicPsnr;
	}

	double baseline() {
		return baseline;
	}

	void add(int epoch, double loss, double validationPsnr) {
		epochs.add((double) epoch);
		losses.add(loss);
		psnrs.add(validationPsnr);
	}

	/** Slice 1: validation PSNR and the bicubic line; slice 2: the loss. */
	ImageStack draw() {
		double[] x = values(epochs);
		Plot psnr = new Plot("Validation PSNR", "Epoch", "Validation PSNR (dB)");
		psnr.setColor(Color.BLUE);
		psnr.add("connected circle", x, values(psnrs));
		String legend = "ESPCN";
		if (Double.isFinite(baseline) && x.length > 0) {
			psnr.setColor(Color.GRAY);
			double first = x[0], last = Math.max(x[x.length - 1], first + 1);
			psnr.add("line", new double[] { first, last }, new double[] { baseline, baseline });
			legend += "\tbicubic " + String.format(Locale.ROOT, "%.2f dB", baseline);
			double lo = Math.min(baseline, min(psnrs)), hi = Math.max(baseline, max(psnrs));
			psnr.setLimits(first, last, lo - 0.1, hi + 0.1);
		}
		psnr.setColor(Color.BLACK);
		psnr.addLegend(legend);
		Plot loss = new Plot("Training loss", "Epoch", "Training loss (MSE)");
		loss.setColor(Color.RED);
		loss.add("connected circle", x, values(losses));
		ImageStack stack = new ImageStack();
		stack.addSlice("Validation PSNR", psnr.getProcessor());
		stack.addSlice("Training loss", loss.getProcessor());
		return stack;
	}

	/**
	 * The warning for a run whose best validation PSNR is still below bicubic's after
	 * {@link #WARN_AFTER_EPOCHS} epochs, or null.
	 */
	String lagWarning(int epoch, double bestPsnr) {
		if (!Double.isFinite(baseline) || epoch < WARN_AFTER_EPOCHS || bestPsnr >= baseline)
			return null;
		return String.format(Locale.ROOT, "after %d epochs the best validation PSNR (%.2f dB) is " +
			"still below bicubic's (%.2f dB): check that the training images are sharp and many " +
			"enough, and that the scale is the one you need", epoch, bestPsnr, baseline);
	}

	private static double[] values(List<Double> list) {
		return list.stream().mapToDouble(Double::doubleValue).toArray();
	}

	private static double min(List<Double> list) {
		return list.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).min().orElse(
			0);
	}

	private static double max(List<Double> list) {
		return list.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).max().orElse(
			1);
	}
}
