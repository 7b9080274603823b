package io.github.espcnfiji.zarr;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** numcodecs' {@code zlib}: a zlib stream (RFC 1950). */
final class Zlib implements Compressor {

	private final int level;

	Zlib(int level) {
		if (level < 0 || level > 9) throw new IllegalArgumentException("zlib level must be 0-9, got " +
			level);
		this.level = level;
	}

	@Override
	public byte[] encode(byte[] raw, int typeSize) {
		return deflate(raw, 0, raw.length, level, false);
	}

	@Override
	public byte[] decode(byte[] stored, int length) throws IOException {
		return inflate(stored, 0, stored.length, length, false);
	}

	@Override
	public JsonElement json() {
		JsonObject o = new JsonObject();
		o.addProperty("id", "zlib");
		o.addProperty("level", level);
		return o;
	}

	@Override
	public String toString() {
		return "zlib level " + level;
	}

	static byte[] deflate(byte[] raw, int offset, int count, int level, boolean nowrap) {
		Deflater d = new Deflater(level, nowrap);
		try {
			d.setInput(raw, offset, count);
			d.finish();
			ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, count / 2));
			byte[] buffer = new byte[65536];
			while (!d.finished())
				out.write(buffer, 0, d.deflate(buffer));
			return out.toByteArray();
		}
		finally {
			d.end();
		}
	}

	/**
	 * Inflates exactly {@code length} bytes, which must be the whole stream, up to its end (and,
	 * unless {@code nowrap}, its checksum, which is checked).
	 */
	static byte[] inflate(byte[] stored, int offset, int count, int length, boolean nowrap)
		throws IOException
	{
		Inflater inf = new Inflater(nowrap);
		try {
			inf.setInput(stored, offset, count);
			byte[] out = new byte[length];
			int n = 0;
			while (n < length) {
				int k = inf.inflate(out, n, length - n);
				if (k == 0 && (inf.finished() || inf.needsInput() || inf.needsDictionary())) break;
				n += k;
			}
			if (n < length) throw new IOException(inf.needsInput() ? "truncated zlib data: " + n +
				" of " + length + " bytes" : "zlib data decodes to " + n + " bytes where " + length +
					" are needed");
			if (!inf.finished() && inf.inflate(new byte[1]) > 0) throw new IOException(
				"zlib data decodes to more than the " + length + " bytes needed");
			// the last bytes of a zlib stream are its checksum, read only once the data is done:
			// a stream cut there decodes in full, so its end must be there too
			if (!inf.finished()) throw new IOException("truncated zlib data: " + (nowrap
				? "the end of the stream is missing" : "the end of the stream and its checksum are missing"));
			return out;
		}
		catch (DataFormatException e) {
			throw new IOException("corrupt zlib data (" + e.getMessage() + ")");
		}
		finally {
			inf.end();
		}
	}
}
