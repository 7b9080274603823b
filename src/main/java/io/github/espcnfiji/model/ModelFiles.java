package io.github.espcnfiji.model;

import io.github.espcnfiji.core.Tensor;
import io.github.espcnfiji.files.PendingFile;
import io.github.espcnfiji.files.PendingFolder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Models on disk. A model is a folder holding {@code card.json} (the {@link ModelCard}) and
 * {@code weights.npz} (the parameters under the reference PyTorch code's names, see
 * {@link Npz}), or a {@code .zip} of such a folder, with the two files at its root or in one top
 * folder. Saving writes to a temporary sibling and moves it into place, so an interrupted save
 * leaves nothing half-written; loading checks the card and that the weights fit it exactly.
 * <p>
 * A bioimage.io model package (a {@code .zip} or folder with an {@code rdf.yaml}) loads too,
 * after its files' sha256 are checked: one this plugin exported as its ESPCN model, another
 * with TorchScript weights as that network (class {@code PackageImport}).
 * <p>
 * PyTorch weights of the reference code ({@code model.state_dict()} saved as an {@code .npz})
 * come in through {@link #importPyTorch} and go out through {@link #exportPyTorch}.
 */
public final class ModelFiles {

	/** The model card's file name inside a model. */
	public static final String CARD = "card.json";
	/** The weights' file name inside a model. */
	public static final String WEIGHTS = "weights.npz";

	private static final Set<String> MODEL_FILES = Set.of(CARD, WEIGHTS);

	private ModelFiles() {}

	/**
	 * Saves {@code model}'s card and current weights; see
	 * {@link #save(ModelCard, Map, Path, boolean)}.
	 */
	public static void save(EspcnModel model, Path target, boolean overwrite) throws IOException {
		save(model.card(), model.weights(), target, overwrite);
	}

	/**
	 * Saves a model as a folder, or as a {@code .zip} when {@code target}'s name ends in
	 * {@code .zip} (its files then sit in a top folder named after the archive, so unzipping it
	 * gives a model folder). An existing empty folder is used; an existing model is replaced only
	 * when {@code overwrite} is set, and a folder holding other files never is.
	 *
	 * @throws FileAlreadyExistsException if {@code target} exists and may not be replaced
	 * @throws InvalidModelException if the weights do not fit the card
	 */
	public static void save(ModelCard card, Map<String, Tensor> weights, Path target,
		boolean overwrite) throws IOException
	{
		EspcnSpec spec;
		try {
			spec = card.spec();
		}
		catch (IllegalArgumentException e) {
			throw new InvalidModelException("Cannot save an invalid model card: " + e.getMessage(), e);
		}
		ModelCheck.checkWeights(spec, weights, "the weights to save");
		byte[] cardBytes = CardJson.toJson(card).getBytes(StandardCharsets.UTF_8);
		byte[] weightBytes = Npz.toBytes(ordered(spec, weights));
		Path abs = target.toAbsolutePath().normalize();
		if (abs.getParent() == null) throw new IOException("Cannot save a model as " + target);
		Files.createDirectories(abs.getParent());
		if (isZipName(abs)) saveZip(cardBytes, weightBytes, abs, overwrite);
		else saveFolder(cardBytes, weightBytes, abs, overwrite);
	}

	/** Loads and checks a model folder or {@code .zip}; close the result to free its memory. */
	public static EspcnModel load(Path source) throws IOException {
		if (PackageImport.isPackage(source)) return PackageImport.load(source);
		Stored s = read(source, true);
		return assemble(s.card, s.weights, s.source);
	}

	/** Reads and checks only the card of a model folder or {@code .zip}. */
	public static ModelCard loadCard(Path source) throws IOException {
		if (PackageImport.isPackage(source)) return PackageImport.loadCard(source);
		Stored s = read(source, false);
		return CardJson.parse(new String(s.card, StandardCharsets.UTF_8), s.source + "/" + CARD);
	}

	/**
	 * Reads PyTorch weights of the reference code: an {@code .npz} of a {@code state_dict}
	 * ({@code first_part.0.weight}, ..., {@code last_part.0.bias}; a {@code module.} prefix
	 * left by {@code DataParallel} is dropped). The layer widths and kernel sizes come from the
	 * weights' shapes; the scale and activation, which the weights do not record, are given.
	 */
	public static EspcnModel importPyTorch(Path npz, int scale, Activation activation)
		throws IOException
	{
		String source = npz.toString();
		Map<String, Tensor> weights = withoutPrefix(Npz.read(npz), "module.");
		EspcnSpec spec = inferSpec(weights, scale, activation, source);
		ModelCheck.checkWeights(spec, weights, source);
		ModelCard card = ModelCard.forSpec(spec);
		card.name = "espcn-x" + scale;
		card.description = "Imported from PyTorch weights " + npz.getFileName();
		return EspcnModel.create(card, weights);
	}

	/**
	 * Writes the model's weights as an {@code .npz} that the reference code loads with
	 * {@code model.load_state_dict({k: torch.from_numpy(v) for k, v in numpy.load(path).items()})}.
	 */
	public static void exportPyTorch(EspcnModel model, Path npz) throws IOException {
		Path abs = npz.toAbsolutePath();
		if (abs.getParent() != null) Files.createDirectories(abs.getParent());
		Npz.write(ordered(model.spec(), model.weights()), abs);
	}

	/** Builds a checked model from the bytes of its two files; {@code source} names it. */
	static EspcnModel assemble(byte[] cardJson, byte[] weightsNpz, String source)
		throws IOException
	{
		ModelCard card = CardJson.parse(new String(cardJson, StandardCharsets.UTF_8), source + "/" +
			CARD);
		String weightsSource = source + "/" + WEIGHTS;
		Map<String, Tensor> weights = Npz.read(weightsNpz, weightsSource);
		ModelCheck.checkWeights(card.spec(), weights, weightsSource);
		return EspcnModel.create(card, weights);
	}

	// -- reading

	/** The raw files of a stored model. */
	private static final class Stored {

		final String source;
		final byte[] card;
		final byte[] weights;

		Stored(String source, byte[] card, byte[] weights) {
			this.source = source;
			this.card = card;
			this.weights = weights;
		}
	}

	private static Stored read(Path path, boolean withWeights) throws IOException {
		if (Files.isDirectory(path)) return readFolder(path, withWeights);
		if (!Files.exists(path))
			throw new NoSuchFileException(path.toString(), null,
				"no such model folder or .zip file");
		if (path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npz"))
			throw new InvalidModelException(path + " is a weights file, not a model: a model is a " +
				"folder or .zip holding " + CARD + " and " + WEIGHTS +
				"; import PyTorch weights with ModelFiles.importPyTorch");
		if (!startsWithZipSignature(path))
			throw new InvalidModelException(path + " is neither a model folder nor a .zip file");
		return readZip(path, withWeights);
	}

	private static Stored readFolder(Path folder, boolean withWeights) throws IOException {
		Path card = folder.resolve(CARD);
		if (!Files.isRegularFile(card))
			throw new InvalidModelException(folder + " holds no " + CARD +
				": it is not an ESPCN model folder");
		byte[] weights = null;
		if (withWeights) {
			Path w = folder.resolve(WEIGHTS);
			if (!Files.isRegularFile(w))
				throw new InvalidModelException(folder + " holds no " + WEIGHTS +
					": the model's weights are missing");
			long size = Files.size(w);
			if (size > Npz.MAX_BYTES) throw new InvalidModelException(Npz.tooLarge(w.toString(), size)
				.getMessage());
			weights = Files.readAllBytes(w);
		}
		return new Stored(folder.toString(), Files.readAllBytes(card), weights);
	}

	private static Stored readZip(Path zipPath, boolean withWeights) throws IOException {
		try (ZipFile zip = new ZipFile(zipPath.toFile())) {
			String prefix = modelPrefix(zip, zipPath);
			String source = zipPath + (prefix.isEmpty() ? "" : "!/" + prefix.substring(0, prefix
				.length() - 1));
			byte[] card = entry(zip, prefix + CARD, zipPath);
			ZipEntry w = zip.getEntry(prefix + WEIGHTS);
			if (withWeights && w == null)
				throw new InvalidModelException(zipPath + " holds no " + prefix + WEIGHTS +
					": the model's weights are missing");
			return new Stored(source, card, withWeights ? entry(zip, prefix + WEIGHTS, zipPath)
				: null);
		}
		catch (ZipException e) {
			throw new InvalidModelException(zipPath + " is not a readable .zip file (truncated or " +
				"corrupt; download or copy it again): " + e.getMessage(), e);
		}
	}

	/** "" when the card is at the archive's root, "top/" when it is in one top folder. */
	private static String modelPrefix(ZipFile zip, Path zipPath) throws InvalidModelException {
		if (zip.getEntry(CARD) != null) return "";
		List<String> found = new ArrayList<>();
		for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements();) {
			String name = en.nextElement().getName();
			int slash = name.indexOf('/');
			if (slash > 0 && name.equals(name.substring(0, slash + 1) + CARD) && !name.startsWith(
				"__MACOSX/")) found.add(name.substring(0, slash + 1));
		}
		if (found.isEmpty())
			throw new InvalidModelException(zipPath + " holds no " + CARD + " and no rdf.yaml (at its " +
				"root or in one top folder): it is neither an ESPCN model nor a bioimage.io package");
		if (found.size() > 1)
			throw new InvalidModelException(zipPath + " holds several models " + found +
				"; unzip it and open one of its folders");
		return found.get(0);
	}

	private static byte[] entry(ZipFile zip, String name, Path zipPath) throws IOException {
		ZipEntry e = zip.getEntry(name);
		if (e == null) throw new InvalidModelException(zipPath + " holds no " + name);
		String source = zipPath + "!/" + name;
		if (e.getSize() > Npz.MAX_BYTES) throw new InvalidModelException(Npz.tooLarge(source, e
			.getSize()).getMessage());
		try (InputStream in = zip.getInputStream(e)) {
			byte[] bytes = in.readNBytes((int) Npz.MAX_BYTES + 1);
			if (bytes.length > Npz.MAX_BYTES) throw new InvalidModelException(Npz.tooLarge(source,
				bytes.length).getMessage());
			return bytes;
		}
	}

	private static boolean startsWithZipSignature(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			byte[] head = in.readNBytes(2);
			return head.length == 2 && head[0] == 'P' && head[1] == 'K';
		}
	}

	// -- writing

	private static void saveFolder(byte[] card, byte[] weights, Path target, boolean overwrite)
		throws IOException
	{
		boolean exists = Files.exists(target);
		if (exists) {
			if (!Files.isDirectory(target))
				throw new FileAlreadyExistsException(target.toString(), null,
					"exists and is not a folder; choose another name");
			List<String> present = list(target);
			if (!present.isEmpty() && !overwrite)
				throw new FileAlreadyExistsException(target.toString(), null,
					"already exists; allow overwriting or choose another folder");
			if (!MODEL_FILES.containsAll(present))
				throw new FileAlreadyExistsException(target.toString(), null, "holds other files than " +
					CARD + " and " + WEIGHTS + "; not overwriting it, choose an empty or new folder");
		}
		// an empty folder is replaced as a missing one is made
		try (PendingFolder folder = PendingFolder.create(target, exists)) {
			Files.write(folder.temporary().resolve(WEIGHTS), weights);
			Files.write(folder.temporary().resolve(CARD), card);
			folder.commit();
		}
	}

	private static void saveZip(byte[] card, byte[] weights, Path target, boolean overwrite)
		throws IOException
	{
		if (Files.exists(target) && !overwrite)
			throw new FileAlreadyExistsException(target.toString(), null,
				"already exists; allow overwriting or choose another name");
		if (Files.isDirectory(target))
			throw new FileAlreadyExistsException(target.toString(), null,
				"is a folder, not a .zip file; choose another name");
		String name = target.getFileName().toString();
		String top = name.substring(0, name.length() - ".zip".length()) + "/";
		PendingFile.write(target, overwrite, out -> {
			ZipOutputStream zip = new ZipOutputStream(out);
			zip.putNextEntry(new ZipEntry(top));
			zip.closeEntry();
			zip.putNextEntry(new ZipEntry(top + CARD));
			zip.write(card);
			zip.closeEntry();
			zip.putNextEntry(new ZipEntry(top + WEIGHTS));
			zip.write(weights);
			zip.closeEntry();
			zip.finish();
		});
	}

	private static List<String> list(Path folder) throws IOException {
		List<String> names = new ArrayList<>();
		try (Stream<Path> s = Files.list(folder)) {
			s.forEach(p -> names.add(p.getFileName().toString()));
		}
		return names;
	}


	private static boolean isZipName(Path p) {
		return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
	}

	// -- PyTorch state_dicts

	/** The weights in the spec's parameter order (the order PyTorch's state_dict has). */
	private static Map<String, Tensor> ordered(EspcnSpec spec, Map<String, Tensor> weights) {
		Map<String, Tensor> out = new LinkedHashMap<>();
		for (String key : spec.parameterKeys())
			out.put(key, weights.get(key));
		return out;
	}

	private static Map<String, Tensor> withoutPrefix(Map<String, Tensor> weights, String prefix) {
		if (weights.isEmpty() || !weights.keySet().stream().allMatch(k -> k.startsWith(prefix)))
			return weights;
		Map<String, Tensor> out = new LinkedHashMap<>();
		weights.forEach((k, v) -> out.put(k.substring(prefix.length()), v));
		return out;
	}

	/** The architecture that the reference-code weights' shapes describe. */
	private static EspcnSpec inferSpec(Map<String, Tensor> weights, int scale,
		Activation activation, String source) throws InvalidModelException
	{
		List<Integer> filters = new ArrayList<>();
		List<Integer> kernels = new ArrayList<>();
		int channels = -1;
		for (int i = 0;; i += 2) {
			Tensor w = weights.get("first_part." + i + ".weight");
			if (w == null) break;
			long[] s = convShape(w, "first_part." + i + ".weight", source);
			if (channels < 0) channels = (int) s[1];
			filters.add((int) s[0]);
			kernels.add((int) s[2]);
		}
		Tensor last = weights.get("last_part.0.weight");
		if (filters.isEmpty() || last == null)
			throw new InvalidModelException(source + " holds no ESPCN weights of the reference code " +
				"(first_part.0.weight ... last_part.0.weight); it has " + weights.keySet());
		long[] s = convShape(last, "last_part.0.weight", source);
		kernels.add((int) s[2]);
		if (s[0] != (long) channels * scale * scale) {
			long r = Math.round(Math.sqrt((double) s[0] / channels));
			throw new InvalidModelException(source + ": last_part.0.weight has " + s[0] +
				" outputs, which " + (r * r * channels == s[0] ? "fits x" + r : "fits no scale") +
				", not x" + scale + " (" + channels * scale * scale + " outputs)");
		}
		try {
			return new EspcnSpec(scale, channels, activation, filters.stream().mapToInt(
				Integer::intValue).toArray(), kernels.stream().mapToInt(Integer::intValue).toArray());
		}
		catch (IllegalArgumentException e) {
			throw new InvalidModelException(source + " describes an invalid network: " + e
				.getMessage(), e);
		}
	}

	private static long[] convShape(Tensor w, String key, String source)
		throws InvalidModelException
	{
		long[] s = w.shape();
		if (s.length != 4 || s[2] != s[3])
			throw new InvalidModelException(source + ": '" + key +
				"' is not a square 2D convolution weight (out, in, k, k)");
		return s;
	}
}
