package io.github.espcnfiji.model;

import io.github.espcnfiji.bioimageio.InvalidPackageException;
import io.github.espcnfiji.bioimageio.ModelPackage;
import io.github.espcnfiji.bioimageio.PackageFiles;
import io.github.espcnfiji.bioimageio.RdfNode;
import io.github.espcnfiji.bioimageio.TensorAxis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A bioimage.io model package as a model of this plugin: a local {@code .zip} or folder (nothing
 * is downloaded) whose description is format 0.5, with one 2D input and one output whose y and
 * x are the input's times a whole factor, TorchScript weights, every file present with the
 * sha256 its description states and test tensors of the declared shapes. The network that
 * runs is the one ESPCN for Fiji attached when it exported the package ({@code card.json} and
 * {@code weights.npz}, named by {@code config.espcn}); other packages are refused with the
 * reason, in one line.
 */
final class PackageImport {

	/** The formats of weights bioimage.io knows, for messages. */
	private static final List<String> TORCHSCRIPT = List.of("torchscript");

	/** A package's model, as the raw files {@link ModelFiles} assembles. */
	static final class Imported {

		final String source;
		final byte[] card;
		final byte[] weights;

		Imported(String source, byte[] card, byte[] weights) {
			this.source = source;
			this.card = card;
			this.weights = weights;
		}
	}

	private PackageImport() {}

	static boolean isPackage(Path path) throws IOException {
		return PackageFiles.isPackage(path);
	}

	/**
	 * Opens and checks a package, then reads its model.
	 *
	 * @throws InvalidPackageException with a one-line reason when it cannot run here
	 */
	static Imported read(Path path) throws IOException {
		ModelPackage p = ModelPackage.open(path);
		RdfNode rdf = p.rdf();
		String version = rdf.get("format_version").text();
		if (!version.startsWith("0.5."))
			throw rdf.get("format_version").error("is " + version +
				"; only bioimage.io format 0.5 packages are read (update it with bioimageio.spec)");
		checkWeights(rdf.get("weights"));
		if (rdf.get("inputs").items().size() != 1 || rdf.get("outputs").items().size() != 1)
			throw rdf.get("inputs").error("and outputs declare " + rdf.get("inputs").items().size() +
				" and " + rdf.get("outputs").items().size() + " tensors; only one input and one " +
				"output are supported");
		p.checkFiles(); // every sha256 before anything is used
		p.checkTestTensors();
		int scale = scaleOf(p);
		RdfNode espcn = rdf.get("config").get("espcn");
		if (!espcn.get("card").exists() || !espcn.get("weights").exists())
			throw new InvalidPackageException(p.files() + " is a bioimage.io package of another " +
				"network (its config has no espcn section); only packages exported by ESPCN for Fiji " +
				"run here");
		String card = espcn.get("card").text(), weights = espcn.get("weights").text();
		Map<String, String> named = p.referencedFiles();
		for (String f : new String[] { card, weights })
			if (named.get(f) == null) throw espcn.error("names " + f +
				", which the package does not attach with a sha256");
		Imported out = new Imported(p.files().toString().replaceAll("/$", ""), p.files().read(card), p
			.files().read(weights));
		ModelCard c = CardJson.parse(new String(out.card, StandardCharsets.UTF_8), out.source + "!/" +
			card);
		if (c.scale != scale) throw new InvalidPackageException(out.source + ": its card is for x" +
			c.scale + ", but its axes declare x" + scale);
		return out;
	}

	private static void checkWeights(RdfNode weights) throws InvalidPackageException {
		List<String> formats = weights.keys();
		if (formats.isEmpty()) throw weights.error("declares no weights");
		if (formats.stream().noneMatch(TORCHSCRIPT::contains)) throw weights.error(
			"are for " + String.join(", ", formats) + " only; only TorchScript weights run here");
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
