package io.github.espcnfiji.cli;

import io.github.espcnfiji.io.ImageFiles;
import io.github.espcnfiji.results.CurvePlot;
import io.github.espcnfiji.results.TrainingLog;

import java.nio.file.Path;

/**
 * {@code plot}: the curves of a training run ({@code training-log.csv}: loss, validation PSNR,
 * learning-rate changes) as a PNG, drawn headless.
 */
public final class PlotCommand implements Command {

	@Override
	public String name() {
		return "plot";
	}

	@Override
	public String summary() {
		return "draw a training run's loss and validation PSNR per epoch as a PNG";
	}

	@Override
	public OptionSpec options() {
		return new OptionSpec().required("log", "FILE", "a run's training-log.csv").required(
			"output", "FILE.png", "the plot to write").optional("title", "TEXT",
				"the plot's title (default the run folder's name)").flag("overwrite",
					"replace an existing output file");
	}

	@Override
	public int run(Options o, Console console) throws Exception {
		Path log = o.path("log"), output = o.path("output");
		String title = o.string("title").orElse(runName(log));
		ImageFiles.write(output, CurvePlot.draw(TrainingLog.read(log), title), o.flag(
			"overwrite"));
		console.result("wrote %s", output);
		return 0;
	}

	/** The folder holding the log (the run), or the log's own name. */
	static String runName(Path log) {
		Path abs = log.toAbsolutePath().normalize(), parent = abs.getParent();
		return parent != null && parent.getFileName() != null ? parent.getFileName().toString() : abs
			.getFileName().toString();
	}
}
