package io.github.espcnfiji.zarr;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The first image of an OME-NGFF 0.4 {@code multiscales} entry of a Zarr group's
 * {@code .zattrs}: its axes and its levels, each a dataset path with a {@code scale} and an
 * optional {@code translation} (the group-level {@code coordinateTransformations} folded in).
 * A plain Zarr array (a folder with {@code .zarray}) reads as one level with axes named from the
 * end ({@code y, x}; {@code z, y, x}; {@code c, z, y, x}; {@code t, c, z, y, x}) and scale 1.
 * <pre>{@code
 * Multiscales m = Multiscales.read(Path.of("image.zarr"));
 * ZarrArray full = ZarrArray.open(m.levelPath(0));
 * }</pre>
 */
public final class Multiscales {

	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();
	private static final List<String> ORDER = List.of("t", "c", "z", "y", "x");

	/** One resolution level. */
	public static final class Level {

		private final String path;
		private final double[] scale;
		private final double[] translation;

		public Level(String path, double[] scale, double[] translation) {
			this.path = path;
			this.scale = scale.clone();
			this.translation = translation == null ? null : translation.clone();
		}

		public String path() {
			return path;
		}

		public double[] scale() {
			return scale.clone();
		}

		/** The translation, or null when there is none. */
		public double[] translation() {
			return translation == null ? null : translation.clone();
		}
	}

	private final Path root;
	private final String name;
	private final List<Axis> axes;
	private final List<Level> levels;

	public Multiscales(Path root, String name, List<Axis> axes, List<Level> levels) {
		this.root = root;
		this.name = name;
		this.axes = Collections.unmodifiableList(new ArrayList<>(axes));
		this.levels = Collections.unmodifiableList(new ArrayList<>(levels));
		for (Level l : levels)
			if (l.scale.length != axes.size() || (l.translation != null && l.translation.length != axes
				.size())) throw new IllegalArgumentException("level " + l.path +
					" has transformations for " + l.scale.length + " axes, the image has " + axes.size());
	}

	/** Axes named from the end for an array of {@code n} (2 to 5) dimensions. */
	public static List<Axis> defaultAxes(int n) {
		if (n < 2 || n > 5) throw new IllegalArgumentException("OME-NGFF images have 2 to 5 " +
			"dimensions, not " + n);
		List<Axis> axes = new ArrayList<>();
		for (String a : ORDER.subList(5 - n, 5))
			axes.add(Axis.named(a, null));
		return axes;
	}

	/** Whether {@code path} is a Zarr folder: it holds {@code .zarray}, {@code .zgroup} or {@code .zattrs}. */
	public static boolean isZarr(Path path) {
		return Files.isDirectory(path) && (Files.isRegularFile(path.resolve(".zarray")) || Files
			.isRegularFile(path.resolve(".zgroup")) || Files.isRegularFile(path.resolve(".zattrs")));
	}

	/**
	 * Whether {@code path} is meant as a Zarr image: a Zarr folder ({@link #isZarr}), or a folder
	 * that lost its metadata but looks like one (named {@code *.zarr}, or holding an array's
	 * folder), so that {@link #read} refuses it naming what is missing, rather than its being taken
	 * as a folder without image files.
	 */
	public static boolean meantAsZarr(Path path) throws IOException {
		if (isZarr(path)) return true;
		if (!Files.isDirectory(path)) return false;
		if (path.getFileName() != null && path.getFileName().toString().toLowerCase(
			java.util.Locale.ROOT).endsWith(".zarr")) return true;
		try (java.util.stream.Stream<Path> entries = Files.list(path)) {
			return entries.anyMatch(e -> Files.isRegularFile(e.resolve(".zarray")));
		}
	}

	/**
	 * The image at {@code root}: an OME-NGFF group or a plain array.
	 *
	 * @throws ZarrFormatException naming {@code .zattrs} (or {@code .zarray}) when there is no
	 *           image, or its metadata is malformed
	 */
	public static Multiscales read(Path root) throws IOException {
		if (Files.isRegularFile(root.resolve(".zarray"))) {
			ZarrArray a = ZarrArray.open(root);
			int n = a.shape().length;
			List<Axis> axes;
			try {
				axes = defaultAxes(n);
			}
			catch (IllegalArgumentException e) {
				throw new ZarrFormatException(root.resolve(".zarray"), e.getMessage());
			}
			double[] ones = new double[n];
			java.util.Arrays.fill(ones, 1);
			return new Multiscales(root, null, axes, List.of(new Level("", ones, null)));
		}
		Path attrs = root.resolve(".zattrs");
		if (!Files.isRegularFile(attrs)) throw new ZarrFormatException(root,
			"neither a Zarr array (.zarray) nor an OME-Zarr image (.zattrs with multiscales)");
		try {
			JsonObject o = JsonParser.parseString(Files.readString(attrs, StandardCharsets.UTF_8))
				.getAsJsonObject();
			JsonArray all = o.getAsJsonArray("multiscales");
			if (all == null || all.size() == 0) throw new IllegalArgumentException(
				"no multiscales: not an OME-NGFF image");
			JsonObject m = all.get(0).getAsJsonObject();
			List<Axis> axes = new ArrayList<>();
			JsonArray ax = m.getAsJsonArray("axes");
			if (ax == null) throw new IllegalArgumentException("multiscales without axes (OME-NGFF " +
				"before 0.4 is not supported)");
			for (JsonElement e : ax) {
				if (e.isJsonPrimitive()) axes.add(Axis.named(e.getAsString(), null));
				else {
					JsonObject a = e.getAsJsonObject();
					axes.add(new Axis(a.get("name").getAsString(), text(a, "type"), text(a, "unit")));
				}
			}
			double[] outerScale = null, outerShift = null;
			if (m.has("coordinateTransformations")) {
				double[][] t = transforms(m.getAsJsonArray("coordinateTransformations"));
				outerScale = t[0];
				outerShift = t[1];
			}
			List<Level> levels = new ArrayList<>();
			for (JsonElement e : m.getAsJsonArray("datasets")) {
				JsonObject d = e.getAsJsonObject();
				double[][] t = transforms(d.getAsJsonArray("coordinateTransformations"));
				double[] scale = t[0] == null ? ones(axes.size()) : t[0];
				double[] shift = t[1];
				if (outerScale != null || outerShift != null) {
					double[] os = outerScale == null ? ones(scale.length) : outerScale;
					for (int i = 0; i < scale.length; i++) {
						if (shift != null) shift[i] *= os[i];
						scale[i] *= os[i];
					}
					if (outerShift != null) {
						if (shift == null) shift = new double[scale.length];
						for (int i = 0; i < scale.length; i++)
							shift[i] += outerShift[i];
					}
				}
				levels.add(new Level(d.get("path").getAsString(), scale, shift));
			}
			if (levels.isEmpty()) throw new IllegalArgumentException("multiscales without datasets");
			return new Multiscales(root, text(m, "name"), axes, levels);
		}
		catch (JsonParseException e) {
			throw new ZarrFormatException(attrs, "not valid JSON (" + (e.getCause() != null ? e
				.getCause() : e).getMessage() + ")");
		}
		catch (IllegalArgumentException | IllegalStateException | NullPointerException |
			ClassCastException | UnsupportedOperationException e)
		{
			throw new ZarrFormatException(attrs, e.getMessage() == null ? "malformed multiscales"
				: e.getMessage());
		}
	}

	/** Writes {@code .zgroup} and {@code .zattrs} (OME-NGFF 0.4) into {@link #root()}. */
	public void write() throws IOException {
		Files.createDirectories(root);
		Files.writeString(root.resolve(".zgroup"), "{\n  \"zarr_format\": 2\n}",
			StandardCharsets.UTF_8);
		JsonObject m = new JsonObject();
		m.addProperty("version", "0.4");
		if (name != null) m.addProperty("name", name);
		JsonArray ax = new JsonArray();
		for (Axis a : axes) {
			JsonObject o = new JsonObject();
			o.addProperty("name", a.name());
			if (a.type() != null) o.addProperty("type", a.type());
			if (a.unit() != null) o.addProperty("unit", a.unit());
			ax.add(o);
		}
		m.add("axes", ax);
		JsonArray datasets = new JsonArray();
		for (Level l : levels) {
			JsonObject d = new JsonObject();
			d.addProperty("path", l.path);
			JsonArray t = new JsonArray();
			t.add(transform("scale", l.scale));
			if (l.translation != null) t.add(transform("translation", l.translation));
			d.add("coordinateTransformations", t);
			datasets.add(d);
		}
		m.add("datasets", datasets);
		JsonArray all = new JsonArray();
		all.add(m);
		JsonObject attrs = new JsonObject();
		attrs.add("multiscales", all);
		Files.writeString(root.resolve(".zattrs"), GSON.toJson(attrs), StandardCharsets.UTF_8);
	}

	public Path root() {
		return root;
	}

	/** The image's name, or null. */
	public String name() {
		return name;
	}

	public List<Axis> axes() {
		return axes;
	}

	public List<Level> levels() {
		return levels;
	}

	/** The folder of level {@code i}'s array. */
	public Path levelPath(int i) {
		String p = levels.get(i).path;
		return p.isEmpty() ? root : root.resolve(p);
	}

	/** The position of the axis named {@code name}, or -1. */
	public int axisIndex(String name) {
		for (int i = 0; i < axes.size(); i++)
			if (axes.get(i).name().equals(name)) return i;
		return -1;
	}

	private static JsonObject transform(String type, double[] values) {
		JsonObject o = new JsonObject();
		o.addProperty("type", type);
		o.add(type, GSON.toJsonTree(values));
		return o;
	}

	/** {scale, translation} of a list of transformations; either may be null. */
	private static double[][] transforms(JsonArray list) {
		double[] scale = null, shift = null;
		if (list == null) return new double[2][];
		for (JsonElement e : list) {
			JsonObject t = e.getAsJsonObject();
			String type = t.get("type").getAsString();
			if (type.equals("identity")) continue;
			if (!t.has(type)) throw new IllegalArgumentException("coordinate transformation " + type +
				" without inline values (a path) is not supported");
			double[] v = GSON.fromJson(t.get(type), double[].class);
			if (type.equals("scale")) scale = v;
			else if (type.equals("translation")) shift = v;
			else throw new IllegalArgumentException("coordinate transformation " + type +
				" is not supported (only scale and translation)");
		}
		return new double[][] { scale, shift };
	}

	private static double[] ones(int n) {
		double[] v = new double[n];
		java.util.Arrays.fill(v, 1);
		return v;
	}

	private static String text(JsonObject o, String key) {
		return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsString() : null;
	}
}
