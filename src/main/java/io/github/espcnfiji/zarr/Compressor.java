package io.github.espcnfiji.zarr;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.io.IOException;

/**
 * How a chunk's bytes are stored: a {@code .zarray}'s {@code compressor}. Read: {@code null},
 * {@code zlib}, {@code gzip} and {@code blosc} (lz4, zstd, zlib inside; no shuffle, byte shuffle
 * or bit shuffle); written: all of them.
 */
public interface Compressor {

	/** The stored form of {@code raw}, whose samples are {@code typeSize} bytes long. */
	byte[] encode(byte[] raw, int typeSize);

	/**
	 * The raw bytes of {@code stored}, which must decode to {@code length} bytes.
	 *
	 * @throws IOException when the bytes are truncated or corrupt, or decode to another length
	 */
	byte[] decode(byte[] stored, int length) throws IOException;

	/** The {@code .zarray} entry. */
	JsonElement json();

	/** No compression. */
	Compressor NONE = new Compressor() {

		@Override
		public byte[] encode(byte[] raw, int typeSize) {
			return raw;
		}

		@Override
		public byte[] decode(byte[] stored, int length) throws IOException {
			if (stored.length != length) throw new IOException("holds " + stored.length +
				" bytes where the chunk shape and dtype need " + length);
			return stored;
		}

		@Override
		public JsonElement json() {
			return JsonNull.INSTANCE;
		}

		@Override
		public String toString() {
			return "none";
		}
	};

	/**
	 * The compressor a {@code .zarray}'s {@code compressor} entry describes.
	 *
	 * @throws IllegalArgumentException for ids and settings this package does not handle
	 */
	static Compressor of(JsonElement json) {
		if (json == null || json.isJsonNull()) return NONE;
		if (!json.isJsonObject()) throw new IllegalArgumentException("compressor must be null or " +
			"an object, got " + json);
		JsonObject o = json.getAsJsonObject();
		String id = o.has("id") ? o.get("id").getAsString() : "";
		switch (id) {
			case "zlib":
				return new Zlib(level(o, "level", 1));
			case "gzip":
				return new Gzip(level(o, "level", 1));
			case "blosc":
				return new Blosc(o.has("cname") ? o.get("cname").getAsString() : "lz4", level(o, "clevel",
					5), o.has("shuffle") ? o.get("shuffle").getAsInt() : Blosc.BYTE_SHUFFLE, o.has(
						"blocksize") ? o.get("blocksize").getAsInt() : 0);
			default:
				throw new IllegalArgumentException("unsupported compressor " + json +
					" (supported: null, zlib, gzip, blosc with lz4, zstd or zlib)");
		}
	}

	/**
	 * The compressor a command-line name describes: {@code none}, {@code zlib}, {@code gzip},
	 * {@code blosc-lz4}, {@code blosc-zstd} or {@code blosc-zlib} (Blosc with byte shuffle, level
	 * 5).
	 */
	static Compressor named(String name) {
		switch (name) {
			case "none":
				return NONE;
			case "zlib":
				return new Zlib(5);
			case "gzip":
				return new Gzip(5);
			case "blosc-lz4":
			case "blosc-zstd":
			case "blosc-zlib":
				return new Blosc(name.substring(6), 5, Blosc.BYTE_SHUFFLE, 0);
			default:
				throw new IllegalArgumentException("unknown compressor " + name + " (choose none, " +
					"zlib, gzip, blosc-lz4, blosc-zstd or blosc-zlib)");
		}
	}

	private static int level(JsonObject o, String key, int fallback) {
		return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsInt() : fallback;
	}
}
