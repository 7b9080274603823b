package io.github.espcnfiji.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Checks the structure an image file declares before any decoder sees it, so that what a
 * decoder would quietly patch up is refused with one line naming the file:
 * <ul>
 * <li>a truncated file: a PNG whose chunks run past the end or that ends without {@code IEND};
 * a TIFF whose strips or tiles lie beyond the end; a JPEG that ends before its end-of-image
 * marker (decoders fill the missing part with black or grey and only warn);</li>
 * <li>a size that cannot be real: more pixels than the file's bytes could hold at the format's
 * best compression (a 222-byte TIFF claiming 100000x100000), or more pixels per plane than
 * {@code maxPixels} (by default {@link ImageFiles#DEFAULT_MAX_PIXELS}, Pillow's limit);</li>
 * <li>what ImageJ would misread: a multi-page TIFF whose pages differ in size (ImageJ keeps the
 * first page only) and a CMYK JPEG.</li>
 * </ul>
 * PNG, TIFF, JPEG, BMP, GIF and PGM/PPM/PBM are checked; other formats pass unchecked. The
 * checks read headers and, for JPEG and GIF, scan the file once; pixels are never decoded here.
 */
final class ImageFileCheck {

	/** Deflate's best ratio is 1032:1; LZW's about 3600:1; this bounds them all with room. */
	private static final long MAX_COMPRESSION = 4096;
	/** An 8x8 JPEG block needs at least one bit: at most 512 pixels per byte of the file. */
	private static final long JPEG_PIXELS_PER_BYTE = 512;

	private final Path file;
	private final String name;
	private final long maxPixels;

	private ImageFileCheck(Path file, long maxPixels) {
		this.file = file;
		this.name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
		this.maxPixels = maxPixels;
	}

	/**
	 * Checks {@code file} as the class comment says.
	 *
	 * @throws IOException with one line naming the file when it is truncated, implausible, too
	 *           large or of a kind that would be misread
	 */
	static void check(Path file, long maxPixels) throws IOException {
		new ImageFileCheck(file, maxPixels).run();
	}

	private void run() throws IOException {
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = ch.size();
			byte[] magic = read(ch, 0, (int) Math.min(8, size));
			if (startsWith(magic, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) png(ch, size);
			else if (startsWith(magic, 'I', 'I', 42, 0) || startsWith(magic, 'M', 'M', 0, 42)) tiff(ch,
				size, magic[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
			else if (startsWith(magic, 0xFF, 0xD8, 0xFF)) jpeg(ch, size);
			else if (startsWith(magic, 'B', 'M')) bmp(ch, size);
			else if (startsWith(magic, 'G', 'I', 'F', '8')) gif(ch, size);
			else if (magic.length >= 2 && magic[0] == 'P' && magic[1] >= '1' && magic[1] <= '6') pnm(ch,
				size, magic[1] - '0');
		}
	}

	// ---- PNG: 8-byte signature, then chunks (length, type, data, CRC) up to IEND

	private void png(FileChannel ch, long size) throws IOException {
		long pos = 8, idat = 0, width = 0, height = 0;
		int bitDepth = 8, colourType = 0;
		boolean first = true;
		while (true) {
			if (pos + 8 > size) throw truncated("it ends without its IEND chunk");
			ByteBuffer head = ByteBuffer.wrap(read(ch, pos, 8));
			long length = head.getInt() & 0xFFFFFFFFL;
			String type = new String(new byte[] { head.get(), head.get(), head.get(), head.get() },
				java.nio.charset.StandardCharsets.ISO_8859_1);
			if (pos + 12 + length > size) throw truncated("its " + type + " chunk at byte " + pos +
				" needs " + (12 + length) + " bytes, and the file ends after " + (size - pos));
			if (first) {
				if (!type.equals("IHDR") || length < 13) throw new IOException(name +
					" is not a valid PNG: it does not start with an IHDR chunk");
				ByteBuffer ihdr = ByteBuffer.wrap(read(ch, pos + 8, 13));
				width = ihdr.getInt() & 0xFFFFFFFFL;
				height = ihdr.getInt() & 0xFFFFFFFFL;
				bitDepth = ihdr.get() & 0xFF;
				colourType = ihdr.get() & 0xFF;
				first = false;
			}
			if (type.equals("IDAT")) idat += length;
			if (type.equals("IEND")) break;
			pos += 12 + length;
		}
		if (idat == 0) throw truncated("it has no image data (IDAT chunk)");
		int samples = colourType == 2 ? 3 : colourType == 4 ? 2 : colourType == 6 ? 4 : 1;
		long rowBytes = (width * samples * bitDepth + 7) / 8 + 1;
		checkSize(width, height, 1, height * rowBytes, idat * MAX_COMPRESSION, idat);
	}

	// ---- TIFF: header, then a chain of IFDs (pages), each pointing at its strips or tiles

	private void tiff(FileChannel ch, long size, ByteOrder order) throws IOException {
		if (size < 8) throw truncated("its header is cut short");
		long ifd = ByteBuffer.wrap(read(ch, 4, 4)).order(order).getInt() & 0xFFFFFFFFL;
		Set<Long> seen = new HashSet<>();
		long firstWidth = -1, firstHeight = -1, pages = 0;
		for (int page = 1; ifd != 0; page++) {
			if (!seen.add(ifd)) throw new IOException(name + " is not a valid TIFF: its pages form " +
				"a loop");
			if (ifd + 2 > size) throw truncated("page " + page + " starts at byte " + ifd +
				", beyond the end of the file");
			int count = ByteBuffer.wrap(read(ch, ifd, 2)).order(order).getShort() & 0xFFFF;
			if (ifd + 2 + 12L * count + 4 > size) throw truncated("the directory of page " + page +
				" runs past the end of the file");
			ByteBuffer entries = ByteBuffer.wrap(read(ch, ifd + 2, 12 * count + 4)).order(order);
			TiffPage p = new TiffPage();
			for (int i = 0; i < count; i++)
				p.entry(ch, size, order, entries, page);
			ifd = entries.getInt() & 0xFFFFFFFFL;
			if (p.reducedResolution) continue; // a thumbnail or pyramid level, not a page
			p.check(page, size);
			pages++;
			if (firstWidth < 0) {
				firstWidth = p.width;
				firstHeight = p.height;
			}
			else if (p.width != firstWidth || p.height != firstHeight) throw new IOException(name +
				" holds pages of different sizes (page 1 is " + firstWidth + "x" + firstHeight +
				", page " + page + " is " + p.width + "x" + p.height + "); only a multi-page TIFF " +
				"of one size can be read (as a stack): save its pages as separate files");
		}
		if (pages == 0) throw new IOException(name + " is not a valid TIFF: it holds no image");
	}

	/** One TIFF page's tags, as far as the checks need them. */
	private final class TiffPage {

		long width = -1, height = -1, compression = 1, samples = 1, bitsPerSample = 1;
		long tileWidth, tileHeight;
		long[] offsets, counts;
		boolean tiled, reducedResolution;

		void entry(FileChannel ch, long size, ByteOrder order, ByteBuffer b, int page)
			throws IOException
		{
			int tag = b.getShort() & 0xFFFF, type = b.getShort() & 0xFFFF;
			long n = b.getInt() & 0xFFFFFFFFL;
			byte[] inline = new byte[4];
			b.get(inline);
			int unit = type == 3 ? 2 : type == 4 || type == 9 ? 4 : type == 16 ? 8 : 0;
			if (unit == 0 || !wanted(tag)) return;
			long bytes = n * unit;
			ByteBuffer values;
			if (bytes <= 4) values = ByteBuffer.wrap(inline).order(order);
			else {
				long at = ByteBuffer.wrap(inline).order(order).getInt() & 0xFFFFFFFFL;
				if (at + bytes > size) throw truncated("tag " + tag + " of page " + page +
					" points beyond the end of the file");
				if (bytes > Integer.MAX_VALUE) throw new IOException(name + " is not a valid TIFF: " +
					"page " + page + " has " + n + " values in tag " + tag);
				values = ByteBuffer.wrap(read(ch, at, (int) bytes)).order(order);
			}
			long[] v = new long[(int) Math.min(n, Integer.MAX_VALUE)];
			for (int i = 0; i < v.length; i++)
				v[i] = unit == 2 ? values.getShort() & 0xFFFF : unit == 4 ? values.getInt() &
					0xFFFFFFFFL : values.getLong();
			if (v.length == 0) return;
			switch (tag) {
				case 254: reducedResolution = (v[0] & 1) != 0; break;
				case 256: width = v[0]; break;
				case 257: height = v[0]; break;
				case 258: bitsPerSample = v[0]; break;
				case 259: compression = v[0]; break;
				case 277: samples = v[0]; break;
				case 322: tileWidth = v[0]; break;
				case 323: tileHeight = v[0]; break;
				case 273: offsets = v; break;
				case 279: counts = v; break;
				case 324: offsets = v; tiled = true; break;
				case 325: counts = v; tiled = true; break;
				default: break;
			}
		}

		private boolean wanted(int tag) {
			return tag == 254 || tag >= 256 && tag <= 259 || tag == 273 || tag == 277 || tag == 279 ||
				tag >= 322 && tag <= 325;
		}

		void check(int page, long size) throws IOException {
			if (width <= 0 || height <= 0) throw new IOException(name + " is not a valid TIFF: " +
				"page " + page + " has no width or height");
			if (offsets == null) throw new IOException(name + " is not a valid TIFF: page " + page +
				" has no image data");
			long raw = tiled && tileWidth > 0 && tileHeight > 0 ? ceil(width, tileWidth) * tileWidth *
				ceil(height, tileHeight) * tileHeight * samples * bitsPerSample / 8 : (width * samples *
					bitsPerSample + 7) / 8 * height;
			long data = 0;
			for (int i = 0; i < offsets.length; i++) {
				long count = counts != null && i < counts.length ? counts[i] : compression == 1 &&
					offsets.length == 1 ? raw : 0;
				if (offsets[i] + count > size) throw truncated("the image data of page " + page +
					" runs to byte " + (offsets[i] + count) + ", and the file has " + size);
				data += count;
			}
			long room = compression == 1 ? data : data * MAX_COMPRESSION;
			checkSize(width, height, page, raw, room, data);
		}
	}

	// ---- JPEG: markers up to the first scan, then entropy-coded data up to EOI

	private void jpeg(FileChannel ch, long size) throws IOException {
		long width, height;
		Scanner in = new Scanner(ch, 2);
		while (true) {
			int b = in.read();
			if (b < 0) throw truncated("it ends before its end-of-image marker");
			if (b != 0xFF) continue; // entropy-coded data
			int marker = in.read();
			while (marker == 0xFF)
				marker = in.read();
			if (marker < 0) throw truncated("it ends before its end-of-image marker");
			if (marker == 0x00 || marker >= 0xD0 && marker <= 0xD7 || marker == 0x01) continue;
			if (marker == 0xD9) return;
			int hi = in.read(), lo = in.read();
			if (lo < 0) throw truncated("it ends inside a marker segment");
			int length = hi << 8 | lo;
			if (length < 2) throw new IOException(name + " is not a valid JPEG: a marker segment " +
				"has length " + length);
			boolean frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 &&
				marker != 0xCC;
			if (!frame || length < 8) {
				if (!in.skip(length - 2)) throw truncated("it ends inside a marker segment");
				continue;
			}
			byte[] segment = new byte[6];
			for (int i = 0; i < 6; i++)
				segment[i] = (byte) in.read();
			if (!in.skip(length - 8)) throw truncated("it ends inside a marker segment");
			height = (segment[1] & 0xFF) << 8 | segment[2] & 0xFF;
			width = (segment[3] & 0xFF) << 8 | segment[4] & 0xFF;
			if ((segment[5] & 0xFF) == 4) throw new IOException(name + " is a CMYK JPEG (4 colour " +
				"channels), which cannot be read here; convert it to RGB first");
			// pixels against what the whole file could hold at one bit per 8x8 block
			checkSize(width, Math.max(1, height), 1, width * height, JPEG_PIXELS_PER_BYTE * size,
				size);
		}
	}

	/** Sequential bytes of a file from a position, through a buffer, without locks. */
	private static final class Scanner {

		private final FileChannel ch;
		private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
		private long next;

		Scanner(FileChannel ch, long from) {
			this.ch = ch;
			this.next = from;
			buffer.flip();
		}

		/** The next byte, or -1 at the end of the file. */
		int read() throws IOException {
			if (!buffer.hasRemaining()) {
				buffer.clear();
				int n = ch.read(buffer, next);
				buffer.flip();
				if (n <= 0) return -1;
				next += n;
			}
			return buffer.get() & 0xFF;
		}

		/** Skips {@code n} bytes; false if the file ends first. */
		boolean skip(long n) throws IOException {
			long inBuffer = Math.min(n, buffer.remaining());
			buffer.position(buffer.position() + (int) inBuffer);
			long rest = n - inBuffer;
			if (rest == 0) return true;
			next += rest;
			return next <= ch.size();
		}
	}

	// ---- BMP: file header, DIB header, pixel rows (uncompressed, RLE or embedded)

	private void bmp(FileChannel ch, long size) throws IOException {
		if (size < 26) throw truncated("its header is cut short");
		ByteBuffer h = ByteBuffer.wrap(read(ch, 0, (int) Math.min(size, 34))).order(
			ByteOrder.LITTLE_ENDIAN);
		long offset = h.getInt(10) & 0xFFFFFFFFL;
		int dib = h.getInt(14);
		long width, height;
		int bpp, compression = 0;
		if (dib == 12) {
			width = h.getShort(18) & 0xFFFF;
			height = h.getShort(20) & 0xFFFF;
			bpp = h.getShort(24) & 0xFFFF;
		}
		else {
			if (size < 34) throw truncated("its header is cut short");
			width = h.getInt(18);
			height = Math.abs((long) h.getInt(22));
			bpp = h.getShort(28) & 0xFFFF;
			compression = h.getInt(30);
		}
		long raw = (width * bpp + 31) / 32 * 4 * height, data = Math.max(0, size - offset);
		boolean plain = compression == 0 || compression == 3 || compression == 6;
		if (plain && offset + raw > size) throw truncated("its " + height + " rows need " + raw +
			" bytes from byte " + offset + ", and the file has " + size);
		checkSize(width, height, 1, raw, plain ? data : data * MAX_COMPRESSION, data);
	}

	// ---- GIF: header, colour table, then blocks (images, extensions) up to the trailer

	private void gif(FileChannel ch, long size) throws IOException {
		if (size < 13) throw truncated("its header is cut short");
		ByteBuffer h = ByteBuffer.wrap(read(ch, 0, 13)).order(ByteOrder.LITTLE_ENDIAN);
		long width = h.getShort(6) & 0xFFFF, height = h.getShort(8) & 0xFFFF;
		checkSize(width, height, 1, width * height, size * MAX_COMPRESSION, size);
		Scanner in = new Scanner(ch, 13);
		int flags = h.get(10) & 0xFF;
		if ((flags & 0x80) != 0 && !in.skip(3L << ((flags & 7) + 1)))
			throw truncated("it ends inside its colour table");
		while (true) {
			int block = in.read();
			if (block == 0x3B) return; // the trailer
			if (block == 0x2C) { // an image: descriptor, local colour table, LZW data
				byte[] d = new byte[9];
				for (int i = 0; i < 9; i++)
					d[i] = (byte) in.read();
				if (!in.skip((d[8] & 0x80) != 0 ? 3L << ((d[8] & 7) + 1) : 0) || in.read() < 0)
					throw truncated("it ends inside an image");
			}
			else if (block == 0x21) { // an extension: its label, then sub-blocks
				if (in.read() < 0) throw truncated("it ends before its trailer");
			}
			else if (block < 0) throw truncated("it ends before its trailer");
			else throw new IOException(name + " is not a valid GIF: unknown block " + block +
				" (damaged or truncated)");
			for (int n = in.read(); n != 0; n = in.read())
				if (n < 0 || !in.skip(n)) throw truncated("it ends inside a data block");
		}
	}

	// ---- PGM, PPM, PBM: a text header (magic, width, height, maximum), then the samples

	private void pnm(FileChannel ch, long size, int kind) throws IOException {
		Scanner in = new Scanner(ch, 2);
		long[] v = new long[kind == 1 || kind == 4 ? 2 : 3];
		int c = in.read();
		long at = 2;
		for (int i = 0; i < v.length; i++) {
			while (c == '#' || c == ' ' || c == '\t' || c == '\r' || c == '\n') {
				if (c == '#') while (c >= 0 && c != '\n') {
					c = in.read();
					at++;
				}
				c = in.read();
				at++;
			}
			if (c < '0' || c > '9') throw new IOException(name + " is not a valid PGM/PPM/PBM: " +
				"its header has no " + (i == 0 ? "width" : i == 1 ? "height" : "maximum value"));
			for (v[i] = 0; c >= '0' && c <= '9' && v[i] < 1L << 40; c = in.read(), at++)
				v[i] = v[i] * 10 + c - '0';
		}
		long width = v[0], height = v[1], samples = kind == 3 || kind == 6 ? 3 : 1;
		long bytes = kind == 4 ? (width + 7) / 8 * height : width * height * samples * (kind >= 5 &&
			v[2] > 255 ? 2 : 1);
		long data = Math.max(0, size - at - 1);
		if (kind >= 4 && bytes > data) throw truncated("its " + width + "x" + height + " samples " +
			"need " + bytes + " bytes, and " + data + " follow the header");
		// text samples take at least one character each
		checkSize(width, height, 1, kind >= 4 ? bytes : width * height * samples, data, data);
	}

	// ---- shared

	/**
	 * Refuses a page of {@code width} x {@code height} pixels above the limit, or whose
	 * {@code raw} bytes exceed the {@code room} its {@code data} bytes could hold.
	 */
	private void checkSize(long width, long height, int page, long raw, long room, long data)
		throws IOException
	{
		if (width <= 0 || height <= 0) throw new IOException(name + " declares an empty image (" +
			width + "x" + height + ")");
		long pixels = width * height;
		if (raw > room) throw new IOException(name + (page > 1 ? " (page " + page + ")" : "") +
			" claims " + width + "x" + height + " pixels, more than its " + data +
			" bytes of image data could hold: the file is damaged or truncated");
		if (pixels > maxPixels) throw new IOException(name + " is " + width + "x" + height + " = " +
			count(pixels) + ", more than the limit of " + count(maxPixels) + " that guards against " +
			"damaged or hostile files; raise it with --max-pixels N if the image is real");
	}

	private static String count(long pixels) {
		return pixels >= 10_000_000 ? String.format(Locale.ROOT, "%.0f Mpx", pixels / 1e6)
			: pixels + " pixels";
	}

	private IOException truncated(String how) {
		return new IOException(name + " is truncated: " + how);
	}

	private static long ceil(long a, long b) {
		return (a + b - 1) / b;
	}

	private static byte[] read(FileChannel ch, long at, int n) throws IOException {
		ByteBuffer b = ByteBuffer.allocate(n);
		while (b.hasRemaining())
			if (ch.read(b, at + b.position()) < 0) break;
		return b.array();
	}

	private static boolean startsWith(byte[] bytes, int... prefix) {
		if (bytes.length < prefix.length) return false;
		for (int i = 0; i < prefix.length; i++)
			if ((bytes[i] & 0xFF) != prefix[i]) return false;
		return true;
	}
}
