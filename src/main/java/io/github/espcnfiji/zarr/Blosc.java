package io.github.espcnfiji.zarr;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.airlift.compress.Decompressor;
import io.airlift.compress.MalformedInputException;
import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdCompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.IOException;
import java.util.Arrays;

/**
 * numcodecs' {@code blosc}: the Blosc 1 container (as c-blosc 1.x writes it), with LZ4 and
 * Zstandard from aircompressor (pure Java) and zlib from {@code java.util.zip}.
 * <p>
 * The container is a 16-byte header (format version, codec version, flags, sample size,
 * uncompressed size, block size, stored size; little endian), then, unless the data was stored
 * raw, the offset of every block, and each block as one stream, or one stream per byte of a
 * sample when split, each stream a 4-byte length and the codec's bytes (stored raw when the
 * length equals the stream's size). Before compression a block may be byte-shuffled (byte
 * {@code j} of every sample together) or bit-shuffled (bit {@code j} of every sample together).
 * <p>
 * Read: codecs lz4, lz4hc, zstd, zlib and snappy, any shuffle, split or not. Written: lz4, zstd
 * or zlib, blocks of at most 256 KiB, never split. Not supported: blosclz (whose decoder exists
 * only in C) and Blosc 2's extended header.
 */
final class Blosc implements Compressor {

	static final int NO_SHUFFLE = 0, BYTE_SHUFFLE = 1, BIT_SHUFFLE = 2;
	private static final int HEADER = 16;
	private static final int DEFAULT_BLOCK = 256 * 1024;
	private static final int SHUFFLED = 0x1, MEMCPYED = 0x2, BIT_SHUFFLED = 0x4, DONT_SPLIT = 0x10;
	private static final String[] CODECS = { "blosclz", "lz4", "snappy", "zlib", "zstd" };

	private final String cname;
	private final int clevel;
	private final int shuffle;
	private final int blocksize;

	Blosc(String cname, int clevel, int shuffle, int blocksize) {
		if (!Arrays.asList("lz4", "lz4hc", "zstd", "zlib", "snappy", "blosclz").contains(cname))
			throw new IllegalArgumentException("unsupported blosc codec " + cname +
				" (supported: lz4, zstd, zlib)");
		if (shuffle < -1 || shuffle > 2) throw new IllegalArgumentException(
			"unsupported blosc shuffle " + shuffle + " (supported: 0 none, 1 byte, 2 bit)");
		if (clevel < 0 || clevel > 9) throw new IllegalArgumentException("blosc clevel must be " +
			"0-9, got " + clevel);
		this.cname = cname;
		this.clevel = clevel;
		this.shuffle = shuffle;
		this.blocksize = blocksize;
	}

	@Override
	public JsonElement json() {
		JsonObject o = new JsonObject();
		o.addProperty("id", "blosc");
		o.addProperty("cname", cname);
		o.addProperty("clevel", clevel);
		o.addProperty("shuffle", shuffle);
		o.addProperty("blocksize", blocksize);
		return o;
	}

	@Override
	public String toString() {
		return "blosc " + cname + " level " + clevel + (shuffle == BIT_SHUFFLE ? " bit shuffle"
			: shuffle == NO_SHUFFLE ? "" : " byte shuffle");
	}

	// ---- writing

	@Override
	public byte[] encode(byte[] raw, int typeSize) {
		if (!cname.equals("lz4") && !cname.equals("zstd") && !cname.equals("zlib"))
			throw new IllegalArgumentException("blosc " + cname + " cannot be written (choose lz4, " +
				"zstd or zlib)");
		int n = raw.length;
		int ts = typeSize > 255 ? 1 : typeSize;
		int shuffleMode = shuffle == -1 ? (ts > 1 ? BYTE_SHUFFLE : BIT_SHUFFLE) : shuffle;
		int block = blocksize > 0 ? blocksize : DEFAULT_BLOCK;
		block = Math.max(ts, Math.min(block, n) / ts * ts);
		if (n == 0) block = 0;
		int nblocks = n == 0 ? 0 : (n + block - 1) / block;
		int codec = Arrays.asList(CODECS).indexOf(cname);
		int flags = DONT_SPLIT | codec << 5;
		if (shuffleMode == BYTE_SHUFFLE && ts > 1) flags |= SHUFFLED;
		if (shuffleMode == BIT_SHUFFLE) flags |= BIT_SHUFFLED;
		byte[][] streams = new byte[nblocks][];
		long total = HEADER + 4L * nblocks;
		for (int b = 0; b < nblocks; b++) {
			int start = b * block, size = Math.min(block, n - start);
			byte[] plain = Arrays.copyOfRange(raw, start, start + size);
			if ((flags & SHUFFLED) != 0) plain = Shuffle.bytes(plain, ts);
			else if ((flags & BIT_SHUFFLED) != 0) plain = Shuffle.bits(plain, ts);
			byte[] packed = compress(plain);
			streams[b] = packed.length == 0 || packed.length >= size ? plain : packed;
			total += 4 + streams[b].length;
		}
		if (total > n + HEADER) return memcpyed(raw, ts, block);
		byte[] out = new byte[(int) total];
		header(out, flags, ts, n, block, (int) total);
		int pos = HEADER + 4 * nblocks;
		for (int b = 0; b < nblocks; b++) {
			putInt(out, HEADER + 4 * b, pos);
			putInt(out, pos, streams[b].length);
			System.arraycopy(streams[b], 0, out, pos + 4, streams[b].length);
			pos += 4 + streams[b].length;
		}
		return out;
	}

	private byte[] memcpyed(byte[] raw, int ts, int block) {
		byte[] out = new byte[HEADER + raw.length];
		header(out, MEMCPYED | DONT_SPLIT | Arrays.asList(CODECS).indexOf(cname) << 5, ts, raw.length,
			block, out.length);
		System.arraycopy(raw, 0, out, HEADER, raw.length);
		return out;
	}

	private static void header(byte[] out, int flags, int ts, int n, int block, int total) {
		out[0] = 2;
		out[1] = 1;
		out[2] = (byte) flags;
		out[3] = (byte) ts;
		putInt(out, 4, n);
		putInt(out, 8, block);
		putInt(out, 12, total);
	}

	private byte[] compress(byte[] plain) {
		switch (cname) {
			case "lz4": {
				Lz4Compressor c = new Lz4Compressor();
				byte[] out = new byte[c.maxCompressedLength(plain.length)];
				return Arrays.copyOf(out, c.compress(plain, 0, plain.length, out, 0, out.length));
			}
			case "zstd": {
				ZstdCompressor c = new ZstdCompressor();
				byte[] out = new byte[c.maxCompressedLength(plain.length)];
				return Arrays.copyOf(out, c.compress(plain, 0, plain.length, out, 0, out.length));
			}
			default:
				return Zlib.deflate(plain, 0, plain.length, clevel, false);
		}
	}

	// ---- reading

	@Override
	public byte[] decode(byte[] in, int length) throws IOException {
		if (in.length < HEADER) throw new IOException("truncated blosc data: " + in.length +
			" bytes, less than the 16-byte header");
		int version = in[0] & 0xff, flags = in[2] & 0xff, ts = in[3] & 0xff;
		int n = getInt(in, 4), block = getInt(in, 8), total = getInt(in, 12);
		if (version < 1 || version > 4) throw new IOException("not blosc 1 data (format version " +
			version + ")");
		if (total > in.length) throw new IOException("truncated blosc data: the header says " +
			total + " bytes, there are " + in.length);
		if (n != length) throw new IOException("blosc data of " + n + " bytes where the chunk " +
			"shape and dtype need " + length);
		if ((flags & MEMCPYED) != 0) {
			if (HEADER + n > total) throw new IOException("truncated blosc data");
			return Arrays.copyOfRange(in, HEADER, HEADER + n);
		}
		if (n == 0) return new byte[0];
		if (block <= 0 || ts == 0) throw new IOException("corrupt blosc header (block size " + block +
			", sample size " + ts + ")");
		int codec = flags >>> 5;
		Decompressor decoder = decoder(codec);
		int nblocks = (int) ((n + (long) block - 1) / block);
		if (HEADER + 4L * nblocks > total) throw new IOException("truncated blosc data");
		byte[] out = new byte[n];
		for (int b = 0; b < nblocks; b++) {
			int start = b * block, size = Math.min(block, n - start);
			boolean leftover = size < block;
			int splits = (flags & DONT_SPLIT) == 0 && !leftover ? ts : 1;
			if (size % splits != 0) splits = 1;
			int streamSize = size / splits;
			byte[] plain = new byte[size];
			int pos = getInt(in, HEADER + 4 * b);
			for (int s = 0; s < splits; s++) {
				if (pos < 0 || pos + 4L > total) throw new IOException("truncated or corrupt blosc " +
					"data (block " + b + " starts beyond the end)");
				int c = getInt(in, pos);
				pos += 4;
				if (c < 0 || pos + (long) c > total) throw new IOException("truncated blosc data " +
					"(block " + b + " ends beyond the end)");
				if (c == streamSize) System.arraycopy(in, pos, plain, s * streamSize, c);
				else decompress(decoder, codec, in, pos, c, plain, s * streamSize, streamSize);
				pos += c;
			}
			if ((flags & SHUFFLED) != 0 && ts > 1) plain = Shuffle.unbytes(plain, ts);
			else if ((flags & BIT_SHUFFLED) != 0 && size >= ts) plain = Shuffle.unbits(plain, ts);
			System.arraycopy(plain, 0, out, start, size);
		}
		return out;
	}

	private static Decompressor decoder(int codec) throws IOException {
		switch (codec) {
			case 1:
				return new Lz4Decompressor();
			case 2:
				return new SnappyDecompressor();
			case 3:
				return null; // zlib
			case 4:
				return new ZstdDecompressor();
			default:
				throw new IOException("blosc data compressed with " + (codec == 0 ? "blosclz"
					: "codec " + codec) + ", which cannot be read (supported: lz4, zstd, zlib, snappy)");
		}
	}

	private static void decompress(Decompressor decoder, int codec, byte[] in, int pos, int count,
		byte[] out, int at, int size) throws IOException
	{
		int got;
		if (decoder == null) {
			System.arraycopy(Zlib.inflate(in, pos, count, size, false), 0, out, at, size);
			return;
		}
		try {
			got = decoder.decompress(in, pos, count, out, at, size);
		}
		catch (MalformedInputException | IndexOutOfBoundsException e) {
			throw new IOException("corrupt " + CODECS[codec] + " data in blosc (" + e.getMessage() +
				")");
		}
		if (got != size) throw new IOException("corrupt " + CODECS[codec] + " data in blosc: " +
			got + " bytes where " + size + " are needed");
	}

	private static int getInt(byte[] b, int o) {
		return (b[o] & 0xff) | (b[o + 1] & 0xff) << 8 | (b[o + 2] & 0xff) << 16 | (b[o + 3] &
			0xff) << 24;
	}

	private static void putInt(byte[] b, int o, int v) {
		b[o] = (byte) v;
		b[o + 1] = (byte) (v >>> 8);
		b[o + 2] = (byte) (v >>> 16);
		b[o + 3] = (byte) (v >>> 24);
	}
}
