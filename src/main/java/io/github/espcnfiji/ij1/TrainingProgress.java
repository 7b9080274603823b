package io.github.espcnfiji.ij1;

import ij.IJ;
import ij.ImagePlus;
import io.github.espcnfiji.train.EpochReport;
import io.github.espcnfiji.train.TrainingListener;

import java.awt.GraphicsEnvironment;
import java.util.Locale;

/**
 * A training run in ImageJ: a log line per epoch (loss, validation PSNR, ETA), the step in the
 * progress bar, Esc to stop (the best model stays saved), a warning when the validation PSNR
 * stays below bicubic's, and, with a display, one window ({@link TrainingChart}) with the
 * validation PSNR against the bicubic line and the loss, redrawn after every epoch.
 */
class TrainingProgress implements TrainingListener {

	private final String command;
	private final String title;
	private final boolean plots = !GraphicsEnvironment.isHeadless();
	private final TrainingChart chart = new TrainingChart();
	private ImagePlus window;
	private boolean warned;

	TrainingProgress(String command) {
		this(command, command);
	}

	/** @param title the chart window's title (e.g. the model's name) */
	TrainingProgress(String command, String title) {
		this.command = command;
		this.title = title;
		IJ.resetEscape();
	}

	@Override
	public void baseline(double bicubicPsnr) {
		chart.baseline(bicubicPsnr);
		IJ.log(String.format(Locale.ROOT, "%s: bicubic reaches %.3f dB on the validation images; " +
			"the model should rise above it", command, bicubicPsnr));
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
		chart.add(report.epoch, report.loss, report.validationPsnr);
		String warning = warned ? null : chart.lagWarning(report.epoch, report.bestPsnr);
		if (warning != null) {
			warned = true;
			IJ.log(command + ": warning: " + warning);
		}
		if (plots) show();
	}

	@Override
	public boolean cancelled() {
		return IJ.escapePressed();
	}

	/** The one chart window: made on the first epoch, redrawn in place after each. */
	private void show() {
		if (window == null || window.getWindow() == null) {
			window = new ImagePlus(title + " (training)", chart.draw());
			window.show();
			return;
		}
		int slice = window.getCurrentSlice();
		window.setStack(chart.draw());
		window.setSlice(slice);
	}
}
