package io.github.espcnfiji.ij1;

import ij.IJ;
import ij.gui.Plot;
import ij.gui.PlotWindow;
import io.github.espcnfiji.train.EpochReport;
import io.github.espcnfiji.train.TrainingListener;

import java.awt.GraphicsEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A training run in ImageJ: a log line per epoch (loss, validation PSNR, ETA), the step in the
 * progress bar, Esc to stop (the best model stays saved), and, with a display, plots of the loss
 * and the validation PSNR redrawn after every epoch.
 */
class TrainingProgress implements TrainingListener {

	private final String command;
	private final boolean plots = !GraphicsEnvironment.isHeadless();
	private final List<Double> epochs = new ArrayList<>();
	private final List<Double> losses = new ArrayList<>();
	private final List<Double> psnrs = new ArrayList<>();
	private PlotWindow lossWindow;
	private PlotWindow psnrWindow;

	TrainingProgress(String command) {
		this.command = command;
		IJ.resetEscape();
	}

	@Override
	public void started(int firstEpoch, int epochs, int patches, int stepsPerEpoch) {
		IJ.log(String.format(Locale.ROOT,
			"%s: epochs %d to %d, %d patches, %d steps per epoch (Esc stops; the best model is kept)",
			command, firstEpoch, epochs, patches, stepsPerEpoch));
	}

	@Override
	public void step(int epoch, int step, int steps, double loss) {
		IJ.showProgress(step, steps);
		if (step % 50 == 0 || step == steps) IJ.showStatus(String.format(Locale.ROOT,
			"%s: epoch %d, step %d/%d, loss %.5f", command, epoch, step, steps, loss));
	}

	@Override
	public void epochDone(EpochReport report) {
		IJ.log(command + ": " + report.describe());
		epochs.add((double) report.epoch);
		losses.add(report.loss);
		psnrs.add(report.validationPsnr);
		if (plots) {
			lossWindow = draw(lossWindow, "ESPCN training loss", "Loss (MSE)", losses);
			psnrWindow = draw(psnrWindow, "ESPCN validation PSNR", "PSNR (dB)", psnrs);
		}
	}

	@Override
	public boolean cancelled() {
		return IJ.escapePressed();
	}

	private PlotWindow draw(PlotWindow window, String title, String yLabel, List<Double> ys) {
		Plot plot = new Plot(title, "Epoch", yLabel);
		plot.add("connected circle", values(epochs), values(ys));
		if (window == null || window.isClosed()) return plot.show();
		window.drawPlot(plot);
		return window;
	}

	private static double[] values(List<Double> list) {
		return list.stream().mapToDouble(Double::doubleValue).toArray();
	}
}
