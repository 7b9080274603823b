package io.github.espcnfiji.results;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The curves of a training run as one image: the training loss per epoch (log scale) above the
 * validation PSNR and the best PSNR so far, with a dotted line where the learning rate changes.
 * Drawn with ImageJ's {@link Plot}, which needs no display.
 * <pre>{@code
 * ImagePlus curves = CurvePlot.draw(TrainingLog.read(log), "espcn-x3");
 * ImageFiles.write(Paths.get("x3-curve.png"), curves, false);
 * }</pre>
 */
public final class CurvePlot {

	private static final int WIDTH = 760, PANEL = 250, TITLE = 30;
	/** The PSNR panel shows this far below the best, so that the end of the run is readable. */
	private static final double PSNR_RANGE = 1.5;

	private CurvePlot() {}

	/** The two panels under a title line. */
	public static ImagePlus draw(TrainingLog log, String title) {
		double[] epoch = log.epoch();
		double[] rate = log.learningRate();
		List<Integer> changes = new ArrayList<>();
		for (int i = 1; i < epoch.length; i++)
			if (!Double.isNaN(rate[i]) && rate[i] != rate[i - 1]) changes.add(i);
		double first = epoch[0], last = Math.max(epoch[epoch.length - 1], first + 1);

		Plot loss = new Plot("loss", "epoch", "training loss (MSE)");
		loss.setSize(WIDTH, PANEL);
		loss.setColor(new Color(0xc0392b));
		loss.add("line", epoch, log.loss());
		double[] lossRange = range(log.loss(), Double.NEGATIVE_INFINITY);
		boolean logScale = lossRange[0] > 0;
		double lossLow = logScale ? lossRange[0] / 1.1 : lossRange[0], lossHigh = logScale
			? lossRange[1] * 1.1 : lossRange[1];
		if (logScale) loss.setLogScaleY();
		loss.setLimits(first, last, lossLow, lossHigh);
		markRateChanges(loss, epoch, rate, changes, lossLow, lossHigh, true);

		Plot psnr = new Plot("psnr", "epoch", "validation PSNR (dB)");
		psnr.setSize(WIDTH, PANEL);
		double[] best = log.bestPsnr();
		double top = range(best, Double.NEGATIVE_INFINITY)[1];
		double[] psnrRange = range(log.validationPsnr(), top - PSNR_RANGE);
		double low = Math.floor(psnrRange[0] * 10) / 10, high = Math.ceil((top + 0.05) * 10) / 10;
		psnr.setColor(Color.GRAY);
		psnr.add("line", epoch, best);
		psnr.setColor(new Color(0x2e86c1));
		psnr.add("line", epoch, log.validationPsnr());
		psnr.setLimits(first, last, low, high);
		psnr.setColor(Color.BLACK);
		psnr.setLegend("best so far\tvalidation PSNR", Plot.AUTO_POSITION);
		markRateChanges(psnr, epoch, rate, changes, low, high, false);

		ImageProcessor top1 = loss.getProcessor(), bottom = psnr.getProcessor();
		int w = Math.max(top1.getWidth(), bottom.getWidth());
		ColorProcessor out = new ColorProcessor(w, TITLE + top1.getHeight() + bottom.getHeight());
		out.setColor(Color.WHITE);
		out.fill();
		out.insert(top1.convertToRGB(), 0, TITLE);
		out.insert(bottom.convertToRGB(), 0, TITLE + top1.getHeight());
		out.setColor(Color.BLACK);
		out.setAntialiasedText(true);
		out.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
		String subtitle = String.format(Locale.ROOT, "%d epochs, best validation PSNR %.3f dB",
			epoch.length, top) + (psnrRange[0] > range(log.validationPsnr(),
				Double.NEGATIVE_INFINITY)[0] ? String.format(Locale.ROOT,
					" (PSNR axis from %.1f dB)", low) : "");
		out.drawString(title + ": " + subtitle, 10, TITLE - 8);
		return new ImagePlus(title, out);
	}

	/** Dotted vertical lines where the rate changes, labelled with the new rate. */
	private static void markRateChanges(Plot plot, double[] epoch, double[] rate,
		List<Integer> changes, double low, double high, boolean label)
	{
		plot.setColor(Color.GRAY);
		for (int i : changes) {
			double x = (epoch[i - 1] + epoch[i]) / 2;
			plot.drawDottedLine(x, low, x, high, 3);
			if (label) plot.addText(String.format(Locale.ROOT, " lr %.0e", rate[i]), x, low > 0 ? Math
				.sqrt(low * high) : (low + high) / 2);
		}
		plot.setColor(Color.BLACK);
	}

	/** The finite minimum (not below {@code floor}) and maximum of the values. */
	private static double[] range(double[] v, double floor) {
		double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
		for (double x : v) {
			if (!Double.isFinite(x)) continue;
			min = Math.min(min, Math.max(x, floor));
			max = Math.max(max, x);
		}
		if (min > max) throw new IllegalArgumentException("The log has no finite values to plot");
		if (min == max) return new double[] { min - 1e-3 * Math.abs(min) - 1e-9, max + 1e-3 * Math
			.abs(max) + 1e-9 };
		return new double[] { min, max };
	}
}
