package io.github.espcnfiji.bioimageio;

import io.github.espcnfiji.files.Sha256;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A bioimage.io model package opened for use: its files ({@link PackageFiles}) and its parsed
 * description, with the checks the schema cannot make: every file the description names is
 * present and has the {@code sha256} it states ({@link #checkFiles()}), and the test tensors have
 * the shapes their axes declare ({@link #checkTestTensors()}).
 * <pre>{@code
 * ModelPackage p = ModelPackage.open(Path.of("espcn-x3.zip"));
 * p.checkFiles();
 * p.checkTestTensors();
 * }</pre>
 */
public final class ModelPackage {

	private final PackageFiles files;
	private final String descriptionFile;
	private final RdfNode rdf;

	private ModelPackage(PackageFiles files, String descriptionFile, RdfNode rdf) {
		this.files = files;
		this.descriptionFile = descriptionFile;
		this.rdf = rdf;
	}

	/**
	 * Opens a package and reads its description.
	 *
	 * @throws InvalidPackageException when it is not a package, an entry leaves it, or its
	 *           description is missing, not YAML, or not of a model
	 */
	public static ModelPackage open(Path path) throws IOException {
		PackageFiles files = PackageFiles.open(path);
		String name = files.descriptionName();
		String where = files.toString() + (files.toString().endsWith("/") ? "" : "!/") + name;
		RdfNode rdf = RdfNode.root(where, RdfYaml.read(files.read(name), where));
		if (!"model".equals(rdf.get("type").optionalText().orElse(null)))
			throw rdf.get("type").error("is not 'model': this package holds no model");
		return new ModelPackage(files, name, rdf);
	}

	public PackageFiles files() {
		return files;
	}

	/** The root of the description. */
	public RdfNode rdf() {
		return rdf;
	}

	/** The description's file name inside the package. */
	public String descriptionFile() {
		return descriptionFile;
	}

	/**
	 * The files the description names, each with the sha256 it states (null where the format
	 * has none: covers, documentation): weights and architectures, test and sample tensors,
	 * attachments, covers, documentation.
	 */
	public Map<String, String> referencedFiles() throws InvalidPackageException {
		Map<String, String> out = new LinkedHashMap<>();
		for (RdfNode w : entries(rdf.get("weights"))) {
			addFile(out, w);
			if (w.get("architecture").get("source").exists()) addFile(out, w.get("architecture"));
		}
		for (String side : new String[] { "inputs", "outputs" })
			for (RdfNode t : rdf.get(side).items())
				for (String k : new String[] { "test_tensor", "sample_tensor" })
					if (t.get(k).exists()) addFile(out, t.get(k));
		for (RdfNode a : rdf.get("attachments").items())
			addFile(out, a);
		for (RdfNode c : rdf.get("covers").items())
			addPlain(out, c);
		if (rdf.get("documentation").exists()) addPlain(out, rdf.get("documentation"));
		return out;
	}

	/**
	 * Checks that every file the description names is in the package and that each stated
	 * sha256 is the file's.
	 *
	 * @throws InvalidPackageException on the first file missing or changed, naming it
	 */
	public void checkFiles() throws IOException {
		for (Map.Entry<String, String> e : referencedFiles().entrySet()) {
			byte[] bytes = files.read(e.getKey());
			if (e.getValue() != null && !e.getValue().equalsIgnoreCase(Sha256.of(bytes)))
				throw new InvalidPackageException(files + " holds " + e.getKey() +
					" with sha256 " + Sha256.of(bytes) + ", not the " + e.getValue() + " its " +
					descriptionFile + " states: the file was changed or damaged");
		}
	}

	/** The axes of each input (then each output), by tensor id. */
	public Map<String, List<TensorAxis>> axes(String side) throws InvalidPackageException {
		Map<String, List<TensorAxis>> out = new LinkedHashMap<>();
		for (RdfNode t : rdf.get(side).items()) {
			List<TensorAxis> axes = new ArrayList<>();
			for (RdfNode a : t.get("axes").items())
				axes.add(TensorAxis.parse(a));
			if (axes.isEmpty()) throw t.get("axes").error("declares no axes");
			out.put(t.get("id").optionalText().orElse(side.equals("inputs") ? "input" : "output"),
				axes);
		}
		return out;
	}

	/**
	 * Reads each test tensor and checks its shape against its axes: fixed lengths, series
	 * ({@code min + n * step}), channel counts, one batch size throughout, and outputs' lengths
	 * that refer to inputs' computed from the input test tensors.
	 *
	 * @throws InvalidPackageException on the first disagreement, naming the tensor and both
	 *           shapes
	 */
	public void checkTestTensors() throws IOException {
		Map<String, Map<String, TensorAxis.Measured>> known = new LinkedHashMap<>();
		long[] batch = { -1 };
		for (String side : new String[] { "inputs", "outputs" }) {
			List<RdfNode> tensors = rdf.get(side).items();
			List<Map.Entry<String, List<TensorAxis>>> axes = new ArrayList<>(axes(side).entrySet());
			for (int i = 0; i < tensors.size(); i++) {
				RdfNode t = tensors.get(i);
				String name = t.get("test_tensor").get("source").text();
				long[] shape = Npy.read(files.read(name), files + "!/" + name).shape();
				checkShape(t, name, shape, axes.get(i).getValue(), known, batch);
				Map<String, TensorAxis.Measured> m = new LinkedHashMap<>();
				for (int a = 0; a < shape.length; a++)
					m.put(axes.get(i).getValue().get(a).id, new TensorAxis.Measured(shape[a], axes.get(i)
						.getValue().get(a).scale));
				known.put(axes.get(i).getKey(), m);
			}
		}
	}

	private void checkShape(RdfNode t, String name, long[] shape, List<TensorAxis> axes,
		Map<String, Map<String, TensorAxis.Measured>> known, long[] batch)
		throws InvalidPackageException
	{
		if (shape.length != axes.size()) throw t.error("test tensor " + name + " has " +
			shape.length + " dimensions " + Arrays.toString(shape) + ", but " + axes.size() +
			" axes are declared " + axes);
		for (int a = 0; a < axes.size(); a++) {
			TensorAxis axis = axes.get(a);
			long n = shape[a];
			RdfNode where = t.get("axes").items().get(a);
			if (axis.type.equals("batch")) {
				if (batch[0] >= 0 && batch[0] != n) throw t.error("test tensor " + name +
					" has batch size " + n + ", but another test tensor has " + batch[0]);
				batch[0] = n;
			}
			OptionalLong expected = axis.expected(known, where);
			if (expected.isPresent() && expected.getAsLong() != n || !axis.fitsSeries(n))
				throw t.error("test tensor " + name + " has shape " + Arrays.toString(shape) +
					", but its axis '" + axis.id + "' is declared " + describe(axis, expected) +
					": the declared shapes disagree with the test tensors");
		}
	}

	private static String describe(TensorAxis axis, OptionalLong expected) {
		if (expected.isPresent()) return "as " + expected.getAsLong() + " long";
		return "as " + axis.size + " + n * " + axis.step + " long";
	}

	/** The entries of a map (weights by format), each as a node. */
	private static List<RdfNode> entries(RdfNode map) throws InvalidPackageException {
		List<RdfNode> out = new ArrayList<>();
		if (!map.exists()) return out;
		if (!map.isMap()) throw map.error("is not a mapping");
		for (String k : keys(map))
			if (map.get(k).isMap()) out.add(map.get(k));
		return out;
	}

	/** The keys of a map node, in file order. */
	public static List<String> keys(RdfNode map) {
		return map.keys();
	}

	private void addFile(Map<String, String> out, RdfNode file) throws InvalidPackageException {
		String source = file.get("source").text();
		checkLocal(file.get("source"), source);
		out.put(source, file.get("sha256").optionalText().orElse(null));
	}

	private void addPlain(Map<String, String> out, RdfNode file) throws InvalidPackageException {
		String source = file.text();
		checkLocal(file, source);
		out.putIfAbsent(source, null);
	}

	private void checkLocal(RdfNode where, String source) throws InvalidPackageException {
		String s = source.toLowerCase(java.util.Locale.ROOT);
		if (s.startsWith("http://") || s.startsWith("https://"))
			throw where.error("is a URL (" + source +
				"); nothing is downloaded: use a package that holds its files");
		if (PackageFiles.leaves(source)) throw where.error("('" + source +
			"') leaves the package; refusing it");
	}
}
