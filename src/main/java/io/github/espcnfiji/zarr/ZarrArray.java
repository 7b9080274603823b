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
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Zarr v2 array on disk: its {@code .zarray} and its chunk files, read and written as boxes of
 * float samples in C order (the last dimension fastest).
 * <p>
 * Supported: {@code dtype} {@code |u1}, {@code <u2}/{@code >u2}, {@code <f4}/{@code >f4};
 * {@code order} C; {@code dimension_separator} {@code .} or {@code /}; no {@code filters}; the
 * compressors of {@link Compressor}; a {@code fill_value} the dtype holds; at least one pixel.
 * A missing chunk reads as {@code fill_value} (null: 0); edge chunks are stored whole, padded
 * with the fill value, as Zarr stores them. A few decoded chunks
 * are cached, so reading neighbouring boxes decodes each chunk about once.
 * <pre>{@code
 * ZarrArray a = ZarrArray.open(Path.of("image.zarr/0"));
 * float[] plane = a.read(new long[] { 0, 0, 0 }, new int[] { 1, 512, 512 }); // z = 0, 512 x 512
 * }</pre>
 */
public final class ZarrArray {

	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls()
		.create();
	private static final int CACHED_CHUNKS = 16;

	private final Path dir;
	private final long[] shape;
	private final int[] chunks;
	private final DataType type;
	private final Compressor compressor;
	private final float fill;
	private final String separator;
	private final int chunkLength;
	private final Map<String, byte[]> cache = new LinkedHashMap<String, byte[]>(16, 0.75f, true) {

		private static final long serialVersionUID = 1L;

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
			return size() > CACHED_CHUNKS;
		}
	};

	private ZarrArray(Path dir, long[] shape, int[] chunks, DataType type, Compressor compressor,
		float fill, String separator)
	{
		this.dir = dir;
		this.shape = shape;
		this.chunks = chunks;
		this.type = type;
		this.compressor = compressor;
		this.fill = fill;
		this.separator = separator;
		long n = type.bytes();
		for (int c : chunks)
			n *= c;
		if (n > Integer.MAX_VALUE - 64) throw new IllegalArgumentException("chunks " + Arrays
			.toString(chunks) + " of " + type + " exceed 2 GiB");
		this.chunkLength = (int) n;
	}

	/**
	 * Opens the array in {@code dir}.
	 *
	 * @throws ZarrFormatException naming the {@code .zarray} when it is missing, malformed or
	 *           asks for what is not supported
	 */
	public static ZarrArray open(Path dir) throws IOException {
		Path meta = dir.resolve(".zarray");
		if (!Files.isRegularFile(meta)) throw new ZarrFormatException(meta,
			"missing: not a Zarr v2 array");
		try {
			JsonObject o = JsonParser.parseString(Files.readString(meta, StandardCharsets.UTF_8))
				.getAsJsonObject();
			if (!o.has("zarr_format") || o.get("zarr_format").getAsInt() != 2)
				throw new IllegalArgumentException("zarr_format " + o.get("zarr_format") +
					" is not supported (only 2)");
			String order = o.has("order") ? o.get("order").getAsString() : "C";
			if (!order.equals("C")) throw new IllegalArgumentException("order " + order +
				" is not supported (only C)");
			JsonElement filters = o.get("filters");
			if (filters != null && !filters.isJsonNull() && !(filters.isJsonArray() && filters
				.getAsJsonArray().size() == 0)) throw new IllegalArgumentException("filters " + filters +
					" are not supported (only null)");
			long[] shape = longs(o.getAsJsonArray("shape"), "shape");
			long[] c = longs(o.getAsJsonArray("chunks"), "chunks");
			if (c.length != shape.length) throw new IllegalArgumentException("chunks " + Arrays
				.toString(c) + " and shape " + Arrays.toString(shape) + " differ in dimensions");
			int[] chunks = new int[c.length];
			for (int i = 0; i < c.length; i++) {
				if (c[i] < 1 || c[i] > Integer.MAX_VALUE) throw new IllegalArgumentException("chunks " +
					Arrays.toString(c) + " must be positive");
				chunks[i] = (int) c[i];
			}
			if (shape.length < 1) throw new IllegalArgumentException("a 0-dimensional array");
			for (long extent : shape)
				if (extent == 0) throw new IllegalArgumentException("shape " + Arrays.toString(shape) +
					" holds no pixels (an empty array)");
			DataType type = DataType.parse(o.get("dtype").getAsString());
			String sep = o.has("dimension_separator") ? o.get("dimension_separator").getAsString()
				: ".";
			if (!sep.equals(".") && !sep.equals("/")) throw new IllegalArgumentException(
				"dimension_separator " + sep + " is not supported (only . and /)");
			checkLayout(dir, sep, shape.length);
			return new ZarrArray(dir, shape, chunks, type, Compressor.of(o.get("compressor")), fill(o
				.get("fill_value"), type), sep);
		}
		catch (JsonParseException e) {
			throw new ZarrFormatException(meta, "not valid JSON (" + (e.getCause() != null ? e
				.getCause() : e).getMessage() + ")");
		}
		catch (IllegalArgumentException | IllegalStateException | NullPointerException |
			ClassCastException | UnsupportedOperationException e)
		{
			throw new ZarrFormatException(meta, e.getMessage() == null ? "malformed .zarray"
				: e.getMessage());
		}
	}

	/**
	 * Creates an empty array in {@code dir} (made if missing): writes its {@code .zarray}.
	 */
	public static ZarrArray create(Path dir, long[] shape, int[] chunks, DataType type,
		Compressor compressor, float fill, String separator) throws IOException
	{
		if (shape.length != chunks.length) throw new IllegalArgumentException("shape and chunks " +
			"differ in dimensions");
		ZarrArray a = new ZarrArray(dir, shape.clone(), chunks.clone(), type, compressor, fill,
			separator);
		Files.createDirectories(dir);
		JsonObject o = new JsonObject();
		o.add("chunks", GSON.toJsonTree(chunks));
		o.add("compressor", compressor.json());
		o.addProperty("dimension_separator", separator);
		o.addProperty("dtype", type.code());
		if (Float.isNaN(fill)) o.addProperty("fill_value", "NaN");
		else if (type.kind() == DataType.Kind.FLOAT32) o.addProperty("fill_value", (double) fill);
		else o.addProperty("fill_value", (long) fill);
		o.add("filters", null);
		o.addProperty("order", "C");
		o.add("shape", GSON.toJsonTree(shape));
		o.addProperty("zarr_format", 2);
		Files.writeString(dir.resolve(".zarray"), GSON.toJson(o), StandardCharsets.UTF_8);
		return a;
	}

	public Path dir() {
		return dir;
	}

	public long[] shape() {
		return shape.clone();
	}

	public int[] chunks() {
		return chunks.clone();
	}

	public DataType dataType() {
		return type;
	}

	public Compressor compressor() {
		return compressor;
	}

	public float fillValue() {
		return fill;
	}

	public String separator() {
		return separator;
	}

	/** The number of chunks along each dimension. */
	public long[] chunkGrid() {
		return grid(shape, chunks);
	}

	/** The number of chunks along each dimension of an array. */
	static long[] grid(long[] shape, int[] chunks) {
		long[] g = new long[shape.length];
		for (int d = 0; d < g.length; d++)
			g[d] = (shape[d] + chunks[d] - 1) / chunks[d];
		return g;
	}

	/** The file of chunk {@code index} (which may not exist). */
	public Path chunkFile(long[] index) {
		StringBuilder key = new StringBuilder();
		for (int d = 0; d < index.length; d++) {
			if (d > 0) key.append(separator);
			key.append(index[d]);
		}
		return dir.resolve(key.toString());
	}

	/**
	 * The decoded bytes of chunk {@code index}, the whole chunk in C order (edge chunks padded),
	 * or empty when it is not stored (so all fill value).
	 *
	 * @throws ZarrFormatException naming the chunk file when it is truncated, corrupt, or holds
	 *           another number of bytes than the shape of the chunks and the dtype need
	 */
	public java.util.Optional<byte[]> readChunk(long[] index) throws IOException {
		Path file = chunkFile(index);
		String key = file.toString();
		synchronized (cache) {
			byte[] hit = cache.get(key);
			if (hit != null) return java.util.Optional.of(hit);
		}
		byte[] stored;
		try {
			stored = Files.readAllBytes(file);
		}
		catch (NoSuchFileException e) {
			return java.util.Optional.empty();
		}
		byte[] raw;
		try {
			raw = compressor.decode(stored, chunkLength);
		}
		catch (IOException e) {
			throw new ZarrFormatException(file, e.getMessage() + " (chunks " + Arrays.toString(chunks) +
				" of " + type + ", " + compressor + ", as " + dir.resolve(".zarray").getFileName() +
				" says)");
		}
		synchronized (cache) {
			cache.put(key, raw);
		}
		return java.util.Optional.of(raw);
	}

	/**
	 * Writes chunk {@code index} whole, under a temporary name renamed into place:
	 * {@code raw} holds the decoded chunk in C order.
	 */
	public void writeChunk(long[] index, byte[] raw) throws IOException {
		if (raw.length != chunkLength) throw new IllegalArgumentException("a chunk of " + raw.length +
			" bytes where " + chunkLength + " are needed");
		Path file = chunkFile(index);
		if (!separator.equals(".")) Files.createDirectories(file.getParent());
		// complete or absent: a task killed mid-write (Spark, Ctrl-C) never leaves a torn chunk
		byte[] encoded = compressor.encode(raw, type.bytes());
		io.github.espcnfiji.files.PendingFile.write(file, true, out -> out.write(encoded));
		synchronized (cache) {
			cache.remove(file.toString());
		}
	}

	/**
	 * The samples of the box {@code [offset, offset + size)}, in C order.
	 *
	 * @throws IllegalArgumentException when the box leaves the array
	 */
	public float[] read(long[] offset, int[] size) throws IOException {
		Box box = new Box(offset, size);
		float[] out = new float[box.count()];
		for (long[] c : box.chunks()) {
			java.util.Optional<byte[]> chunk = readChunk(c);
			box.forEachRun(c, (boxAt, chunkAt, n) -> {
				if (chunk.isEmpty()) Arrays.fill(out, boxAt, boxAt + n, fill);
				else for (int i = 0; i < n; i++)
					out[boxAt + i] = type.get(chunk.get(), chunkAt + i);
			});
		}
		return out;
	}

	/**
	 * Writes {@code data} (C order) into the box {@code [offset, offset + size)}; chunks it
	 * covers only in part are read, changed and written back.
	 */
	public void write(long[] offset, int[] size, float[] data) throws IOException {
		Box box = new Box(offset, size);
		if (data.length != box.count()) throw new IllegalArgumentException(data.length +
			" samples for a box of " + box.count());
		for (long[] c : box.chunks()) {
			byte[] raw;
			java.util.Optional<byte[]> old = box.coversChunk(c) ? java.util.Optional.empty()
				: readChunk(c);
			if (old.isPresent()) raw = old.get().clone();
			else {
				raw = new byte[chunkLength];
				if (fill != 0 || Float.floatToRawIntBits(fill) != 0) for (int i = 0; i < chunkLength / type
					.bytes(); i++)
					type.set(raw, i, fill);
			}
			byte[] target = raw;
			box.forEachRun(c, (boxAt, chunkAt, n) -> {
				for (int i = 0; i < n; i++)
					type.set(target, chunkAt + i, data[boxAt + i]);
			});
			writeChunk(c, raw);
		}
	}

	/**
	 * Refuses chunks stored with another separator than the {@code .zarray} says (which would
	 * otherwise read as all fill value): the first chunk entry found tells.
	 */
	private static void checkLayout(Path dir, String sep, int dims) throws IOException {
		if (dims < 2) return;
		try (java.nio.file.DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
			for (Path e : entries) {
				String name = e.getFileName().toString();
				if (name.startsWith(".") || !Character.isDigit(name.charAt(0))) continue;
				boolean nested = Files.isDirectory(e);
				if (sep.equals(".") && nested) throw new IllegalArgumentException(
					"dimension_separator is \".\" but the chunks are in nested folders (" + name +
						"/...); the .zarray disagrees with the chunks on disk");
				if (sep.equals("/") && !nested && name.contains(".")) throw new IllegalArgumentException(
					"dimension_separator is \"/\" but the chunks are flat files (" + name +
						"); the .zarray disagrees with the chunks on disk");
				return;
			}
		}
	}

	/**
	 * The value missing chunks read as: null is 0; a number the dtype holds (for uint8 and
	 * uint16 a whole number in range, which Zarr would otherwise store wrapped or truncated);
	 * for float32 also {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}.
	 */
	private static float fill(JsonElement e, DataType type) {
		if (e == null || e.isJsonNull()) return 0;
		if (!e.isJsonPrimitive() || e.getAsJsonPrimitive().isBoolean())
			throw new IllegalArgumentException("fill_value " + e + " is not supported (a number, " +
				"\"NaN\", \"Infinity\", \"-Infinity\" or null)");
		boolean floating = type.kind() == DataType.Kind.FLOAT32;
		if (e.getAsJsonPrimitive().isString()) {
			String s = e.getAsString();
			if (floating && s.equals("NaN")) return Float.NaN;
			if (floating && s.equals("Infinity")) return Float.POSITIVE_INFINITY;
			if (floating && s.equals("-Infinity")) return Float.NEGATIVE_INFINITY;
			throw new IllegalArgumentException("fill_value " + e + " is not supported for dtype " +
				type + (floating ? " (a number, \"NaN\", \"Infinity\", \"-Infinity\" or null)"
					: " (a whole number from 0 to " + max(type) + ", or null)"));
		}
		double v = e.getAsDouble();
		if (floating) return (float) v;
		if (v != Math.rint(v) || v < 0 || v > max(type)) throw new IllegalArgumentException(
			"fill_value " + e + " does not fit dtype " + type + " (a whole number from 0 to " + max(
				type) + ", or null)");
		return (float) v;
	}

	private static int max(DataType type) {
		return type.kind() == DataType.Kind.UINT8 ? 255 : 65535;
	}

	private static long[] longs(JsonArray a, String name) {
		if (a == null) throw new IllegalArgumentException("no " + name);
		long[] v = new long[a.size()];
		for (int i = 0; i < v.length; i++) {
			v[i] = a.get(i).getAsLong();
			if (v[i] < 0) throw new IllegalArgumentException(name + " " + a + " has a negative entry");
		}
		return v;
	}

	/** Copies one run of samples: {@code n} from box index {@code boxAt}, chunk index {@code chunkAt}. */
	@FunctionalInterface
	private interface Run {

		void copy(int boxAt, int chunkAt, int n) throws IOException;
	}

	/** A box of the array and its meeting with chunks. */
	private final class Box {

		private final long[] lo, hi;
		private final int[] size;

		Box(long[] offset, int[] size) {
			if (offset.length != shape.length || size.length != shape.length)
				throw new IllegalArgumentException("a " + offset.length + "-dimensional box of a " +
					shape.length + "-dimensional array");
			lo = offset.clone();
			hi = new long[shape.length];
			this.size = size.clone();
			for (int d = 0; d < shape.length; d++) {
				hi[d] = lo[d] + size[d];
				if (lo[d] < 0 || size[d] < 1 || hi[d] > shape[d]) throw new IllegalArgumentException(
					"box " + Arrays.toString(offset) + " + " + Arrays.toString(size) +
						" leaves the array of shape " + Arrays.toString(shape));
			}
		}

		int count() {
			long n = 1;
			for (int s : size)
				n *= s;
			if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("box too large: " + n);
			return (int) n;
		}

		/** The indexes of the chunks the box meets, in C order. */
		Iterable<long[]> chunks() {
			long[] first = new long[lo.length], last = new long[lo.length];
			for (int d = 0; d < lo.length; d++) {
				first[d] = lo[d] / chunks[d];
				last[d] = (hi[d] - 1) / chunks[d];
			}
			java.util.List<long[]> list = new java.util.ArrayList<>();
			long[] c = first.clone();
			while (true) {
				list.add(c.clone());
				int d = c.length - 1;
				while (d >= 0 && c[d] == last[d]) {
					c[d] = first[d];
					d--;
				}
				if (d < 0) return list;
				c[d]++;
			}
		}

		/** Whether the box holds all of chunk {@code c} that lies within the array. */
		boolean coversChunk(long[] c) {
			for (int d = 0; d < lo.length; d++) {
				long start = c[d] * chunks[d], end = Math.min(shape[d], start + chunks[d]);
				if (lo[d] > start || hi[d] < end) return false;
			}
			return true;
		}

		/** Calls {@code run} for every run (along the last dimension) of the box within chunk {@code c}. */
		void forEachRun(long[] c, Run run) throws IOException {
			int n = lo.length;
			long[] from = new long[n], to = new long[n];
			for (int d = 0; d < n; d++) {
				long start = c[d] * chunks[d];
				from[d] = Math.max(lo[d], start);
				to[d] = Math.min(hi[d], start + chunks[d]);
			}
			long[] p = from.clone();
			int len = (int) (to[n - 1] - from[n - 1]);
			while (true) {
				int boxAt = 0, chunkAt = 0;
				for (int d = 0; d < n; d++) {
					boxAt = boxAt * size[d] + (int) (p[d] - lo[d]);
					chunkAt = chunkAt * chunks[d] + (int) (p[d] - c[d] * chunks[d]);
				}
				run.copy(boxAt, chunkAt, len);
				int d = n - 2;
				while (d >= 0 && p[d] == to[d] - 1) {
					p[d] = from[d];
					d--;
				}
				if (d < 0) return;
				p[d]++;
			}
		}
	}
}
