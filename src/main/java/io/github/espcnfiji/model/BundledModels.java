package io.github.espcnfiji.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The models shipped inside the plugin, found by name: {@code x2}, {@code x3} and {@code x4}
 * (the paper's network, the defaults), {@code deep-x2}, {@code deep-x3} and {@code deep-x4}
 * (ESPCN-deep, the named variant of seven thin layers: better and faster than the defaults) and {@code wide-x3} (ESPCN-wide, the variant
 * with twice the filters) are the folders {@code espcn-x2/}, ..., {@code espcn-wide-x3/} under
 * {@code models/} on the class path (the
 * repository's {@code models/} folder, packed into the jar at {@code /models/}), each holding
 * {@code card.json} and {@code weights.npz} as in {@link ModelFiles}. They are read as
 * class-path streams, so they load alike from {@code target/classes} and from inside a jar.
 * <p>
 * {@link #resolve(String)} is what users type: a bundled name or the path of a model folder or
 * {@code .zip}.
 */
public final class BundledModels {

	/** The class-path folder of the shipped models. */
	public static final String ROOT = "models/";
	/** The names a model may be shipped under, in order. */
	public static final List<String> NAMES = List.of("x2", "x3", "x4", "deep-x2", "deep-x3",
		"deep-x4", "wide-x3");

	private final ClassLoader loader;
	private final String root;

	/**
	 * Models under the class-path folder {@code root} (e.g. {@code "models/"}) of
	 * {@code loader}; tests point this at their own resources.
	 */
	public BundledModels(ClassLoader loader, String root) {
		if (loader == null) throw new IllegalArgumentException("No class loader");
		String r = root.startsWith("/") ? root.substring(1) : root;
		this.loader = loader;
		this.root = r.isEmpty() || r.endsWith("/") ? r : r + "/";
	}

	/** The models shipped with this plugin. */
	public static BundledModels shipped() {
		return new BundledModels(BundledModels.class.getClassLoader(), ROOT);
	}

	/** The class-path folder of a bundled name: {@code x3} -> {@code espcn-x3}. */
	public static String folderOf(String name) {
		return "espcn-" + normalize(name);
	}

	/** The names of the models present, in {@link #NAMES} order (empty if none is shipped). */
	public List<String> available() {
		List<String> out = new ArrayList<>();
		for (String name : NAMES)
			if (loader.getResource(resource(name, ModelFiles.CARD)) != null) out.add(name);
		return out;
	}

	/** Whether {@code name} ({@code x3}, {@code X3} or {@code espcn-x3}) is a present model. */
	public boolean has(String name) {
		return name != null && available().contains(normalize(name));
	}

	/** Loads and checks a bundled model; close the result to free its memory. */
	public EspcnModel load(String name) throws IOException {
		String n = requirePresent(name);
		return ModelFiles.assemble(bytes(n, ModelFiles.CARD), bytes(n, ModelFiles.WEIGHTS),
			describe(n));
	}

	/** Reads and checks a bundled model's card only. */
	public ModelCard loadCard(String name) throws IOException {
		String n = requirePresent(name);
		return CardJson.parse(new String(bytes(n, ModelFiles.CARD), StandardCharsets.UTF_8),
			describe(n) + "/" + ModelFiles.CARD);
	}

	/**
	 * A bundled model by name or, for anything that is not a bundled name, the model folder or
	 * {@code .zip} at that path.
	 *
	 * @throws NoSuchFileException if it is neither, with the bundled names in the message
	 */
	public EspcnModel resolve(String nameOrPath) throws IOException {
		return has(nameOrPath) ? load(nameOrPath) : ModelFiles.load(pathOf(nameOrPath));
	}

	/** As {@link #resolve(String)}, reading only the card. */
	public ModelCard resolveCard(String nameOrPath) throws IOException {
		return has(nameOrPath) ? loadCard(nameOrPath) : ModelFiles.loadCard(pathOf(nameOrPath));
	}

	private Path pathOf(String nameOrPath) throws NoSuchFileException {
		String s = nameOrPath == null ? "" : nameOrPath.trim();
		try {
			if (!s.isEmpty()) {
				Path p = Path.of(s);
				if (Files.exists(p)) return p;
			}
		}
		catch (InvalidPathException e) {
			// not a path either: fall through to the message below
		}
		throw new NoSuchFileException(s, null, "no such model: " + bundledList() +
			"; otherwise give the path of a model folder or .zip");
	}

	private String requirePresent(String name) throws NoSuchFileException {
		if (!has(name))
			throw new NoSuchFileException(String.valueOf(name), null, "no bundled model of that name: " +
				bundledList());
		return normalize(name);
	}

	private String bundledList() {
		List<String> names = available();
		return names.isEmpty() ? "no models are bundled with this build" : "bundled models are " +
			String.join(", ", names);
	}

	private byte[] bytes(String name, String file) throws IOException {
		String resource = resource(name, file);
		try (InputStream in = loader.getResourceAsStream(resource)) {
			if (in == null)
				throw new InvalidModelException(describe(name) + " lacks " + file +
					"; the plugin is incomplete, reinstall it");
			return in.readAllBytes();
		}
	}

	private String resource(String name, String file) {
		return root + folderOf(name) + "/" + file;
	}

	private String describe(String name) {
		return "bundled model " + name + " (" + root + folderOf(name) + ")";
	}

	private static String normalize(String name) {
		String n = name.trim().toLowerCase(Locale.ROOT);
		return n.startsWith("espcn-") ? n.substring("espcn-".length()) : n;
	}
}
