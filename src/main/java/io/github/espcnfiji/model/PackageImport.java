package io.github.espcnfiji.model;

import io.github.espcnfiji.bioimageio.InvalidPackageException;
import io.github.espcnfiji.bioimageio.ModelPackage;
import io.github.espcnfiji.bioimageio.PackageFiles;
import io.github.espcnfiji.bioimageio.Processing;
import io.github.espcnfiji.bioimageio.RdfNode;
import io.github.espcnfiji.bioimageio.TensorAxis;

import ai.djl.ndarray.NDManager;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A bioimage.io model package as a model of this plugin: a local {@code .zip} or folder (nothing
 * is downloaded) whose description is format 0.5, with one 2D one-channel input and one output
 * whose y and x are the input's times a whole factor, TorchScript weights, every file present
 * with the sha256 its description states and test tensors of the declared shapes. A package that
 * ESPCN for Fiji exported runs as the ESPCN model it attached ({@code card.json} and
 * {@code weights.npz}, named by {@code config.espcn}); any other runs its TorchScript through
 * {@link PackageNetwork}, tiled with the halo its output declares or {@value #DEFAULT_HALO}
 * input pixels, its preprocessing and postprocessing applied. What cannot run is refused with the
 * reason, in one line.
 */
final class PackageImport {

	/** The tiles' halo, in input pixels, for a package that declares none. */
	static final int DEFAULT_HALO = 32;
	/** The largest tile side, in input pixels, for a package without a fixed input size. */
	static final int TILE = 256;

	private PackageImport() {}

	static boolean isPackage(Path path) throws IOException {
		return PackageFiles.isPackage(path);
	}

	/** Loads a package's model; close it to free its memory. */
	static EspcnModel load(Path path) throws IOException {
		Checked c = check(path);
		if (c.espcn) return ModelFiles.assemble(c.card, c.weights, c.source);
		RdfNode input = c.p.rdf().get("inputs").items().get(0), output = c.p.rdf().get("outputs")
			.items().get(0);
		Processing pre = Processing.parse(input.get("preprocessing"), false);
		Processing post = Processing.parse(output.get("postprocessing"), true);
		PackageNetwork.Layout in = layout(input, c.p.axes("inputs").values().iterator().next());
		PackageNetwork.Layout out = layout(output, c.p.axes("outputs").values().iterator().next());
		int halo = haloOf(c.p, c.scale);
		int tile = TILE;
		for (int side = 0; side < 2; side++)
			if (in.stepSide[side] == 0) tile = (int) Math.min(tile, in.minSide[side] - 2 * halo);
		if (tile < 1) throw input.get("axes").error("fix the input's size at " + in.minSide[1] +
			"x" + in.minSide[0] + ", too small for tiles with a halo of " + halo + " pixels");
		byte[] script = c.p.files().read(c.p.rdf().get("weights").get("torchscript").get("source")
			.text());
		ModelCard card = cardOf(c);
		int tileSide = tile;
		try {
			return DjlRuntime.call(() -> {
				NDManager manager = NDManager.newBaseManager();
				try {
					return EspcnModel.ofNetwork(card, manager, new PackageNetwork(card.name, manager, script,
						c.scale, halo, tileSide, in, out, pre, post));
				}
				catch (RuntimeException e) {
					manager.close();
					throw e;
				}
			});
		}
		catch (RuntimeException e) {
			String m = String.valueOf(e.getMessage()).strip().split("\\R", 2)[0];
			throw new InvalidPackageException(c.source + ": its TorchScript does not load here: " + m);
		}
	}

	/** Reads and checks a package's card (for other networks, one made from its description). */
	static ModelCard loadCard(Path path) throws IOException {
		Checked c = check(path);
		return c.espcn ? CardJson.parse(new String(c.card, StandardCharsets.UTF_8), c.source + "!/" +
			c.p.rdf().get("config").get("espcn").get("card").text()) : cardOf(c);
	}

	/** A package that passed the checks. */
	private static final class Checked {

		ModelPackage p;
		String source;
		int scale;
		boolean espcn;
		byte[] card, weights;
	}

	private static Checked check(Path path) throws IOException {
		Checked c = new Checked();
		c.p = ModelPackage.open(path);
		RdfNode rdf = c.p.rdf();
		c.source = c.p.files().toString().replaceAll("/$", "");
		String version = rdf.get("format_version").text();
		if (!version.startsWith("0.5."))
			throw rdf.get("format_version").error("is " + version +
				"; only bioimage.io format 0.5 packages are read (update it with bioimageio.spec)");
		checkWeights(rdf.get("weights"));
		if (rdf.get("inputs").items().size() != 1 || rdf.get("outputs").items().size() != 1)
			throw rdf.get("inputs").error("and outputs declare " + rdf.get("inputs").items().size() +
				" and " + rdf.get("outputs").items().size() + " tensors; only one input and one " +
				"output are supported");
		c.p.checkFiles(); // every sha256 before anything is used
		c.p.checkTestTensors();
		c.scale = scaleOf(c.p);
		RdfNode espcn = rdf.get("config").get("espcn");
		c.espcn = espcn.get("card").exists() && espcn.get("weights").exists();
		if (!c.espcn) return c;
		String card = espcn.get("card").text(), weights = espcn.get("weights").text();
		Map<String, String> named = c.p.referencedFiles();
		for (String f : new String[] { card, weights })
			if (named.get(f) == null) throw espcn.error("names " + f +
				", which the package does not attach with a sha256");
		c.card = c.p.files().read(card);
		c.weights = c.p.files().read(weights);
		ModelCard m = CardJson.parse(new String(c.card, StandardCharsets.UTF_8), c.source + "!/" +
			card);
		if (m.scale != c.scale) throw new InvalidPackageException(c.source + ": its card is for x" +
			m.scale + ", but its axes declare x" + c.scale);
		return c;
	}

	private static ModelCard cardOf(Checked c) throws InvalidPackageException {
		ModelCard card = new ModelCard();
		RdfNode rdf = c.p.rdf();
		card.name = rdf.get("name").optionalText().orElse(c.source);
		card.description = rdf.get("description").optionalText().orElse("") +
			" (bioimage.io package " + c.source + ")";
		card.scale = c.scale;
		card.channels = 1;
		card.activation = "";
		card.filters = null;
		card.kernels = null;
		card.colorChannel = "the package's one input channel, given on 0-255";
		return card;
	}

	private static void checkWeights(RdfNode weights) throws InvalidPackageException {
		List<String> formats = weights.keys();
		if (formats.isEmpty()) throw weights.error("declares no weights");
		if (!formats.contains("torchscript")) throw weights.error("are for " + String.join(", ",
			formats) + " only; only TorchScript weights run here");
	}

	/** Where the package's axes put y and x, with the input sides' series. */
	private static PackageNetwork.Layout layout(RdfNode tensor, List<TensorAxis> axes)
		throws InvalidPackageException
	{
		String[] names = new String[axes.size()];
		PackageNetwork.Layout l = new PackageNetwork.Layout(names);
		for (int i = 0; i < axes.size(); i++) {
			TensorAxis a = axes.get(i);
			switch (a.type) {
				case "batch":
					names[i] = "batch";
					break;
				case "channel":
					if (a.channelNames.size() != 1) throw tensor.get("axes").error("declare " + a.channelNames
						.size() + " channels " + a.channelNames + "; only one-channel tensors are supported");
					names[i] = "channel";
					break;
				case "space":
					if (!a.id.equals("y") && !a.id.equals("x")) throw tensor.get("axes").error(
						"have a space axis '" + a.id + "'; only 2D images (y and x) are supported");
					names[i] = a.id;
					int side = a.id.equals("y") ? 0 : 1;
					l.minSide[side] = a.kind == TensorAxis.SizeKind.FIXED || a.kind ==
						TensorAxis.SizeKind.PARAMETERIZED ? a.size : 1;
					l.stepSide[side] = a.kind == TensorAxis.SizeKind.PARAMETERIZED ? a.step : a.kind ==
						TensorAxis.SizeKind.FIXED ? 0 : 1;
					break;
				default:
					throw tensor.get("axes").error("have a " + a.type + " axis; only 2D images (batch, " +
						"channel, y, x) are supported");
			}
		}
		List<String> n = java.util.Arrays.asList(names);
		if (!n.contains("y") || !n.contains("x") || n.indexOf("y") != n.lastIndexOf("y") || n
			.indexOf("x") != n.lastIndexOf("x"))
			throw tensor.get("axes").error("are " + axes + "; a 2D image needs space axes y and x");
		return l;
	}

	/** The halo in input pixels: the largest output halo over the factor, or the default. */
	private static int haloOf(ModelPackage p, int scale) throws InvalidPackageException {
		long h = 0;
		for (TensorAxis a : p.axes("outputs").values().iterator().next())
			h = Math.max(h, a.halo);
		return h == 0 ? DEFAULT_HALO : (int) ((h + scale - 1) / scale);
	}

	/**
	 * The whole factor from the input's y and x to the output's: each output space axis must
	 * refer to the input's axis of its id, with no offset.
	 */
	private static int scaleOf(ModelPackage p) throws InvalidPackageException {
		Map.Entry<String, List<TensorAxis>> in = p.axes("inputs").entrySet().iterator().next();
		List<TensorAxis> out = p.axes("outputs").values().iterator().next();
		RdfNode outAxes = p.rdf().get("outputs").items().get(0).get("axes");
		long spaces = in.getValue().stream().filter(a -> a.type.equals("space")).count();
		if (spaces != 2 || in.getValue().stream().anyMatch(a -> a.type.equals("time") || a.type
			.equals("index")))
			throw p.rdf().get("inputs").items().get(0).get("axes").error("are " + in.getValue() +
				"; only 2D images (space axes y and x, with batch and channel) are supported");
		int scale = 0;
		for (TensorAxis a : out) {
			if (!a.type.equals("space")) continue;
			TensorAxis ref = in.getValue().stream().filter(b -> b.id.equals(a.id)).findFirst().orElse(
				null);
			if (a.kind != TensorAxis.SizeKind.REFERENCE || ref == null || !in.getKey().equals(
				a.referenceTensor) || !a.referenceAxis.equals(a.id) || a.offset != 0)
				throw outAxes.error("axis '" + a.id + "' is not the input's '" + a.id +
					"' times a factor; only outputs that scale the input are supported");
			double factor = ref.scale / a.scale;
			long whole = Math.round(factor);
			if (whole < 1 || Math.abs(factor - whole) > 1e-9) throw outAxes.error("axis '" + a.id +
				"' scales the input by " + factor + "; only whole factors are supported");
			if (scale != 0 && scale != whole) throw outAxes.error("scale y and x differently (" +
				scale + " and " + whole + "); only equal factors are supported");
			scale = (int) whole;
		}
		if (scale == 0) throw outAxes.error("have no space axes");
		return scale;
	}
}
