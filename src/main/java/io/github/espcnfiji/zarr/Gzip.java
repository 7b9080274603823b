package io.github.espcnfiji.zarr;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** numcodecs' {@code gzip}: a gzip member (RFC 1952). */
final class Gzip implements Compressor {

	private final int level;

	Gzip(int level) {
		if (level < 0 || level > 9) throw new IllegalArgumentException("gzip level must be 0-9, got " +
			level);
		this.level = level;
	}

	@Override
	public byte[] encode(byte[] raw, int typeSize) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(64, raw.length / 2));
		try (GZIPOutputStream out = new GZIPOutputStream(bytes) {

			{
				def.setLevel(level);
			}
		})
		{
			out.write(raw);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e); // in memory: does not happen
		}
		return bytes.toByteArray();
	}

	@Override
	public byte[] decode(byte[] stored, int length) throws IOException {
		byte[] out = new byte[length];
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(stored))) {
			int n = in.readNBytes(out, 0, length);
			if (n < length) throw new IOException("gzip data decodes to " + n + " bytes where " +
				length + " are needed");
			if (in.read() >= 0) throw new IOException("gzip data decodes to more than the " + length +
				" bytes needed");
		}
		catch (EOFException e) {
			throw new IOException("truncated gzip data");
		}
		catch (java.util.zip.ZipException e) {
			throw new IOException("corrupt gzip data (" + e.getMessage() + ")");
		}
		return out;
	}

	@Override
	public JsonElement json() {
		JsonObject o = new JsonObject();
		o.addProperty("id", "gzip");
		o.addProperty("level", level);
		return o;
	}

	@Override
	public String toString() {
		return "gzip level " + level;
	}
}
