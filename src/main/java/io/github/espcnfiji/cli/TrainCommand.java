package io.github.espcnfiji.cli;

import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.model.Activation;
import io.github.espcnfiji.model.ModelCard;
import io.github.espcnfiji.train.EpochReport;
import io.github.espcnfiji.train.EspcnTrainer;
import io.github.espcnfiji.train.TrainingConfig;
import io.github.espcnfiji.train.TrainingListener;
import io.github.espcnfiji.train.TrainingPair;
import io.github.espcnfiji.train.TrainingResult;
import io.github.espcnfiji.train.TrainingRun;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code train --train DIR[,DIR] --validation DIR --scale N --epochs N --output DIR [--resume]}. */
final class TrainCommand {

	private TrainCommand() {}

	static int run(Map<String, String> o, String commandLine) throws Exception {
		TrainingConfig c = new TrainingConfig();
		c.scale = Integer.parseInt(o.getOrDefault("scale", "3"));
		c.epochs = Integer.parseInt(o.getOrDefault("epochs", "200"));
		c.activation = Activation.parse(o.getOrDefault("activation", "tanh"));
		c.batchSize = Integer.parseInt(o.getOrDefault("batch", "16"));
		c.patchSize = Integer.parseInt(o.getOrDefault("patch", "17"));
		c.stride = Integer.parseInt(o.getOrDefault("stride", "13"));
		c.learningRate = Double.parseDouble(o.getOrDefault("lr", "1e-3"));
		c.lastLayerFactor = Double.parseDouble(o.getOrDefault("last-layer-lr", "0.1"));
		c.schedule = TrainingConfig.Schedule.parse(o.getOrDefault("schedule", "step80"));
		c.augment = Boolean.parseBoolean(o.getOrDefault("augment", "false"));
		c.seed = Long.parseLong(o.getOrDefault("seed", "1"));
		if (o.containsKey("filters")) c.filters = ints(o.get("filters"));
		if (o.containsKey("kernels")) c.kernels = ints(o.get("kernels"));
		c.validate();
		boolean resume = o.containsKey("resume");
		Path out = Paths.get(require(o, "output"));

		List<Path> trainFiles = new ArrayList<>();
		for (String d : require(o, "train").split(","))
			trainFiles.addAll(TrainImages.list(Paths.get(d)));
		List<Path> valFiles = TrainImages.list(Paths.get(require(o, "validation")));
		int limit = Integer.parseInt(o.getOrDefault("validation-count", "0"));
		if (limit > 0 && limit < valFiles.size()) {
			List<Path> picked = new ArrayList<>();
			for (int i = 0; i < limit; i++)
				picked.add(valFiles.get(i * valFiles.size() / limit));
			valFiles = picked;
		}
		System.err.printf(Locale.ROOT, "Loading %d training and %d validation images%n", trainFiles
			.size(), valFiles.size());
		List<TrainingPair> train = pairs(trainFiles, c.scale);
		List<TrainingPair> val = pairs(valFiles, c.scale);

		ModelCard template = new ModelCard();
		template.name = "espcn-x" + c.scale;
		for (String d : o.get("train").split(","))
			template.training.trainData.add(Paths.get(d).getFileName().toString());
		template.training.validationData = Paths.get(o.get("validation")).getFileName() +
			" (" + valFiles.size() + " images)";
		template.training.command = commandLine;
		TrainingResult r = new EspcnTrainer(c, train, val, new TrainingRun(out, template),
			new TrainingListener() {

				@Override
				public void started(int first, int epochs, int patches, int steps) {
					System.err.printf(Locale.ROOT, "Training x%d from epoch %d of %d: %d patches, %d steps per epoch%n",
						c.scale, first, epochs, patches, steps);
				}

				@Override
				public void epochDone(EpochReport report) {
					System.err.println(report.describe());
				}
			}).run(resume);
		System.out.printf(Locale.ROOT, "Best validation PSNR %.3f dB at epoch %d; model in %s%n",
			r.bestValidationPsnr, r.bestEpoch, r.modelFolder);
		return 0;
	}

	private static List<TrainingPair> pairs(List<Path> files, int scale) {
		List<TrainingPair> out = new ArrayList<>();
		for (FloatPlane[] img : TrainImages.loadAll(files))
			out.add(TrainingPair.of(img, scale));
		return out;
	}

	private static int[] ints(String s) {
		return Arrays.stream(s.split(",")).mapToInt(x -> Integer.parseInt(x.trim())).toArray();
	}

	private static String require(Map<String, String> o, String key) {
		String v = o.get(key);
		if (v == null) throw new IllegalArgumentException("Missing --" + key);
		return v;
	}
}
