package io.github.espcnfiji.bioimageio.export;

import io.github.espcnfiji.bioimageio.RdfYaml;
import io.github.espcnfiji.files.Sha256;
import io.github.espcnfiji.bioimageio.TorchArchive;
import io.github.espcnfiji.model.EspcnSpec;
import io.github.espcnfiji.model.ModelCard;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code rdf.yaml} of an exported package (format_version {@value #FORMAT_VERSION}): the
 * model card's name, description, training data and recipe; the paper's citation; the tensors
 * with explicit axes (batch, channel, y, x), the output's y and x referring to the input's with
 * axis scales r² and r (so that both the 0.5 rule, {@code size * r² / r}, and the older
 * {@code size * scale} give r times the input); a halo of r times the receptive radius; test
 * tensors; both weight formats; the sha256 of every file.
 */
final class RdfDescription {

	static final String FORMAT_VERSION = "0.5.7";
	static final String DOI = "10.1109/CVPR.2016.207";
	static final String INPUT = "input", OUTPUT = "output";
	/** The smallest input side the package declares (the RGB module mirrors 2 pixels). */
	static final int MIN_SIDE = 8;

	private final ModelCard card;
	private final EspcnSpec spec;
	private final boolean rgb;
	private final Map<String, byte[]> files;

	/** {@code files}: the package's other files by name, hashed here. */
	RdfDescription(ModelCard card, boolean rgb, Map<String, byte[]> files) {
		this.card = card;
		this.spec = card.spec();
		this.rgb = rgb;
		this.files = files;
	}

	byte[] toYaml(Instant now) {
		Map<String, Object> rdf = new LinkedHashMap<>();
		rdf.put("type", "model");
		rdf.put("format_version", FORMAT_VERSION);
		rdf.put("name", name(card, rgb));
		rdf.put("description", clip(card.description == null || card.description.isBlank()
			? "ESPCN super-resolution x" + spec.scale() : card.description, 1024));
		rdf.put("authors", List.of(map("name", "ESPCN for Fiji developers")));
		rdf.put("cite", List.of(map("text", "Shi et al., Real-Time Single Image and Video " +
			"Super-Resolution Using an Efficient Sub-Pixel Convolutional Neural Network, CVPR 2016",
			"doi", DOI)));
		rdf.put("license", "BSD-2-Clause");
		rdf.put("git_repo", "https://github.com/espcn-fiji/ESPCN_");
		rdf.put("documentation", FileNames.README);
		rdf.put("covers", List.of(FileNames.COVER));
		rdf.put("tags", List.of("super-resolution", "espcn", "sub-pixel-convolution", "2d",
			"pytorch", "x" + spec.scale(), rgb ? "rgb" : "grayscale", "deepimagej"));
		rdf.put("timestamp", now.truncatedTo(ChronoUnit.SECONDS).toString());
		rdf.put("attachments", List.of(file(FileNames.CARD), file(FileNames.WEIGHTS)));
		rdf.put("training_data", trainingData());
		rdf.put("inputs", List.of(input()));
		rdf.put("outputs", List.of(output()));
		rdf.put("weights", weights());
		rdf.put("config", config());
		return RdfYaml.write(rdf);
	}

	static String name(ModelCard card, boolean rgb) {
		String base = card.name == null || card.name.isBlank() ? "espcn-x" + card.scale : card.name;
		String n = base.replaceAll("[^A-Za-z0-9_\\- ()]", "-") + " super-resolution " + (rgb
			? "(RGB)" : "(luma)");
		return clip(n, 128);
	}

	private Map<String, Object> trainingData() {
		List<String> sets = card.training == null || card.training.trainData == null
			? List.of() : card.training.trainData;
		Map<String, Object> d = new LinkedHashMap<>();
		d.put("type", "dataset");
		d.put("format_version", "0.3.0");
		d.put("name", "Training images " + (sets.isEmpty() ? "(not recorded)" : String.join(" ",
			sets)).replaceAll("[^A-Za-z0-9_\\- ()]", "-"));
		d.put("description", sets.isEmpty() ? "The model card does not record the training data." :
			String.join(", ", sets) + (sets.contains("T91")
				? " (the 91 images of Yang et al., Image super-resolution via sparse representation, " +
					"IEEE TIP 2010)" : "") + "; validation: " + card.training.validationData);
		return d;
	}

	private Map<String, Object> input() {
		Map<String, Object> t = new LinkedHashMap<>();
		t.put("id", INPUT);
		t.put("description", rgb ? "RGB image, 0-255" : "luma (BT.601 Y) or grey, 0-255");
		List<Object> axes = new ArrayList<>();
		axes.add(map("type", "batch"));
		axes.add(map("type", "channel", "id", "channel", "channel_names", channelNames()));
		for (String a : new String[] { "y", "x" })
			axes.add(map("type", "space", "id", a, "size", map("min", MIN_SIDE, "step", 1), "scale",
				(double) spec.scale() * spec.scale()));
		t.put("axes", axes);
		t.put("test_tensor", file(FileNames.TEST_INPUT));
		t.put("data", map("type", "float32", "range", Arrays.asList(0.0, 255.0)));
		List<Object> pre = new ArrayList<>();
		pre.add(map("id", "ensure_dtype", "kwargs", map("dtype", "float32")));
		if (!rgb) pre.add(map("id", "scale_linear", "kwargs", map("gain", 1.0 / 255, "offset", 0.0)));
		t.put("preprocessing", pre);
		return t;
	}

	private Map<String, Object> output() {
		Map<String, Object> t = new LinkedHashMap<>();
		t.put("id", OUTPUT);
		t.put("description", (rgb ? "RGB image" : "luma or grey") + ", 0-255, x" + spec.scale());
		List<Object> axes = new ArrayList<>();
		axes.add(map("type", "batch"));
		axes.add(map("type", "channel", "id", "channel", "channel_names", channelNames()));
		for (String a : new String[] { "y", "x" })
			axes.add(map("type", "space", "id", a, "size", map("tensor_id", INPUT, "axis_id", a),
				"scale", (double) spec.scale(), "halo", spec.scale() * spec.receptiveRadius()));
		t.put("axes", axes);
		t.put("test_tensor", file(FileNames.TEST_OUTPUT));
		t.put("data", map("type", "float32", "range", Arrays.asList(0.0, 255.0)));
		List<Object> post = new ArrayList<>();
		if (!rgb) post.add(map("id", "scale_linear", "kwargs", map("gain", 255.0, "offset", 0.0)));
		post.add(map("id", "clip", "kwargs", map("min", 0.0, "max", 255.0)));
		t.put("postprocessing", post);
		return t;
	}

	private List<String> channelNames() {
		return rgb ? List.of("R", "G", "B") : List.of("Y");
	}

	private Map<String, Object> weights() {
		Map<String, Object> kwargs = new LinkedHashMap<>();
		kwargs.put("scale_factor", spec.scale());
		kwargs.put("num_channels", spec.channels());
		kwargs.put("filters", toList(spec.filters()));
		kwargs.put("kernels", toList(spec.kernels()));
		kwargs.put("activation", spec.activation().id());
		Map<String, Object> architecture = file(FileNames.ARCHITECTURE);
		architecture.put("callable", rgb ? "ESPCNRGB" : "ESPCN");
		architecture.put("kwargs", kwargs);
		Map<String, Object> stateDict = file(FileNames.STATE_DICT);
		stateDict.put("architecture", architecture);
		stateDict.put("pytorch_version", "1.13");
		Map<String, Object> script = file(FileNames.TORCHSCRIPT);
		script.put("parent", "pytorch_state_dict");
		script.put("pytorch_version", "1.13");
		script.put("comment", "TorchScript archive format " + TorchArchive.VERSION +
			", written by ESPCN for Fiji; runs with torch.jit.load (checked in PyTorch 1.13 and 2.7)");
		return map("pytorch_state_dict", stateDict, "torchscript", script);
	}

	/**
	 * The loss a card names ({@code train --loss}) as the description's loss function: MSE for
	 * l2 and for cards older than the choice (no loss), PyTorch's name for L1, and Charbonnier's
	 * (PyTorch has none) under the name such implementations use.
	 */
	private static String lossFunction(String loss) {
		if (loss == null || loss.equals("l2")) return "MSELoss";
		if (loss.equals("l1")) return "L1Loss";
		if (loss.equals("charbonnier")) return "CharbonnierLoss";
		return loss;
	}

	private Map<String, Object> config() {
		Map<String, Object> training = new LinkedHashMap<>();
		ModelCard.Training t = card.training;
		if (t != null) {
			training.put("training_preprocessing", "luma (BT.601 Y / 255) of high-resolution " +
				"patches, low-resolution made by " + t.lowResMaker + "; patch " + t.patchSize +
				", stride " + t.stride + "; augmentation: " + t.augmentation);
			training.put("training_epochs", t.epochs);
			training.put("training_batch_size", t.batchSize);
			training.put("initial_learning_rate", t.learningRate);
			training.put("learning_rate_schedule", t.schedule + "; last layer x" +
				t.lastLayerLearningRateFactor);
			training.put("loss_function", lossFunction(t.loss));
			// train's Loss.CHARBONNIER_EPS (this package does not depend on train)
			if ("charbonnier".equals(t.loss)) training.put("loss_function_kwargs", map("eps", 1e-3));
			training.put("optimizer", "Adam");
		}
		Map<String, Object> bioimageio = new LinkedHashMap<>();
		bioimageio.put("architecture_type", "ESPCN");
		bioimageio.put("architecture_description", "ESPCN: " + spec);
		bioimageio.put("task", "super-resolution");
		bioimageio.put("model_parameter_count", parameterCount());
		bioimageio.put("training", training);
		Map<String, Object> espcn = new LinkedHashMap<>();
		espcn.put("card", FileNames.CARD);
		espcn.put("weights", FileNames.WEIGHTS);
		espcn.put("variant", rgb ? "rgb" : "luma");
		espcn.put("scale", spec.scale());
		if (t != null && t.command != null && !t.command.isBlank()) espcn.put("training_command",
			t.command);
		return map("bioimageio", bioimageio, "espcn", espcn);
	}

	private long parameterCount() {
		long n = 0;
		for (String key : spec.parameterKeys())
			n += Arrays.stream(spec.shapeOf(key)).reduce(1, (a, b) -> a * b);
		return n;
	}

	private Map<String, Object> file(String name) {
		byte[] bytes = files.get(name);
		if (bytes == null) throw new IllegalStateException("No " + name + " in the package");
		return map("source", name, "sha256", Sha256.of(bytes));
	}

	private static List<Integer> toList(int[] values) {
		List<Integer> out = new ArrayList<>();
		for (int v : values)
			out.add(v);
		return out;
	}

	private static Map<String, Object> map(Object... keyValues) {
		Map<String, Object> m = new LinkedHashMap<>();
		for (int i = 0; i < keyValues.length; i += 2)
			m.put((String) keyValues[i], keyValues[i + 1]);
		return m;
	}

	private static String clip(String s, int max) {
		return s.length() <= max ? s : s.substring(0, max - 3) + "...";
	}
}
