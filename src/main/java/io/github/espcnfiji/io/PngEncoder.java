package io.github.espcnfiji.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A PNG writer for the three kinds of plane this project writes: 8-bit grey, 16-bit grey and
 * packed RGB (no palette, no alpha, no interlacing). It chooses each row's filter by libpng's
 * heuristic (the filter whose bytes, read as signed, have the smallest sum of absolute values)
 * among None, Sub, Up and Average, on every {@link #CHOOSE_EVERY}th row, the rows between
 * keeping that choice, and compresses at a low zlib level. Paeth, libpng's fifth candidate,
 * is left out: the heuristic picks it on most rows of super-resolved photographs, yet deflate
 * compresses those rows less well than the same rows filtered by Average or Up (4% larger
 * files at level 4), and it is the one filter the JIT cannot vectorise (docs/PERFORMANCE.md).
 * The rows are cut into
 * bands that are filtered and compressed side by side, as pigz does: each band's deflate stream
 * is primed with the 32 KiB of filtered data before it and ends on a byte boundary (a sync
 * flush), so that the bands concatenate into one zlib stream, whose Adler-32 is combined from
 * the bands'. Any PNG decoder reads the result; the decoded pixels are the input's exactly.
 * <p>
 * The calling thread always works; {@code helpers} only take bands it has not reached yet, so
 * a busy or single-threaded executor makes the encoding serial, never stuck.
 * <pre>{@code
 * PngEncoder.standard().writeRgb(pixels, width, height, out);
 * }</pre>
 */
public final class PngEncoder {

	/**
	 * zlib level for 8-bit grey: on super-resolved 1080p photographs, 4 gives files 6-8% larger
	 * than libpng's default (level 6, Z_FILTERED) of the same pixels; 2 would be 11% larger
	 * (docs/PERFORMANCE.md).
	 */
	public static final int DEFAULT_LEVEL = 4;

	/**
	 * zlib level for RGB: on super-resolved 1080p photographs, filtered without Paeth, 2 gives
	 * files about 6% larger than libpng's default of the same pixels (4: 1%) for a quarter less
	 * CPU than 4; 3 is both larger and slower than 4 (docs/PERFORMANCE.md).
	 */
	public static final int DEFAULT_LEVEL_RGB = 2;

	/**
	 * zlib level for 16-bit grey: super-resolved 16-bit planes have noisy low bytes that no level
	 * compresses much; on 1080p frames level 1 made files 0.5% larger than level 4 (and 3% smaller
	 * than libpng's default) in about half the time (docs/PERFORMANCE.md).
	 */
	public static final int DEFAULT_LEVEL_16 = 1;

	/** Filtered bytes per band; 32 KiB of the band before primes each. */
	static final int BAND_BYTES = 256 * 1024;

	/**
	 * Rows between two filter choices (the choice is kept in between): on 1080p photographs the
	 * files are the same size to 0.01% as with a choice for every row, for a quarter less CPU.
	 */
	static final int CHOOSE_EVERY = 4;

	/** The filters chosen from: None, Sub, Up and Average (PNG filter types 0-3). */
	static final int FILTERS = 4;

	private static final int WINDOW = 32 * 1024;
	private static final byte[] SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a,
		'\n' };
	private static final PngEncoder STANDARD = new PngEncoder(DEFAULT_LEVEL, DEFAULT_LEVEL_RGB,
		DEFAULT_LEVEL_16, ForkJoinPool.commonPool(), Runtime.getRuntime().availableProcessors() - 1);

	private final int level, levelRgb, level16;
	private final Executor helpers;
	private final int helperCount;

	/**
	 * @param level zlib compression level, 0-9
	 * @param helpers where up to {@code helperCount} helpers run beside the caller; null for none
	 */
	public PngEncoder(int level, Executor helpers, int helperCount) {
		this(level, level, level, helpers, helperCount);
	}

	/**
	 * @param level zlib compression level for 8-bit grey, 0-9
	 * @param levelRgb zlib compression level for RGB, 0-9
	 * @param level16 zlib compression level for 16-bit grey, 0-9
	 * @param helpers where up to {@code helperCount} helpers run beside the caller; null for none
	 */
	public PngEncoder(int level, int levelRgb, int level16, Executor helpers, int helperCount) {
		for (int l : new int[] { level, levelRgb, level16 })
			if (l < 0 || l > 9) throw new IllegalArgumentException("zlib level must be 0-9, got " + l);
		this.level = level;
		this.levelRgb = levelRgb;
		this.level16 = level16;
		this.helpers = helperCount > 0 ? helpers : null;
		this.helperCount = this.helpers == null ? 0 : helperCount;
	}

	/**
	 * Level {@link #DEFAULT_LEVEL} for 8-bit grey, {@link #DEFAULT_LEVEL_RGB} for RGB and
	 * {@link #DEFAULT_LEVEL_16} for 16-bit grey, helpers from the common fork-join pool.
	 */
	public static PngEncoder standard() {
		return STANDARD;
	}

	/** An encoder like this one with no helpers: all work on the calling thread. */
	public PngEncoder serial() {
		return helpers == null ? this : new PngEncoder(level, levelRgb, level16, null, 0);
	}

	/**
	 * Whether {@link #write} takes these pixels: 8-bit ({@code byte[]}), 16-bit
	 * ({@code short[]}) or RGB ({@code int[]}, bit depth 24) of {@code width x height}, not too
	 * large.
	 */
	public static boolean writes(int bitDepth, Object pixels, int width, int height) {
		int length = pixels instanceof byte[] ? ((byte[]) pixels).length : pixels instanceof short[]
			? ((short[]) pixels).length : pixels instanceof int[] ? ((int[]) pixels).length : -1;
		boolean typed = bitDepth == 8 && pixels instanceof byte[] || bitDepth == 16 &&
			pixels instanceof short[] || bitDepth == 24 && pixels instanceof int[];
		return typed && width >= 1 && height >= 1 && (long) width * height == length &&
			fits(width, height);
	}

	/** Writes the pixels of {@link #writes} as a PNG of that bit depth. */
	public void write(int bitDepth, Object pixels, int width, int height, OutputStream out)
		throws IOException
	{
		if (!writes(bitDepth, pixels, width, height)) throw new IllegalArgumentException(
			"No fast PNG for " + bitDepth + "-bit pixels of " + width + "x" + height);
		if (bitDepth == 8) writeGray8((byte[]) pixels, width, height, out);
		else if (bitDepth == 16) writeGray16((short[]) pixels, width, height, out);
		else writeRgb((int[]) pixels, width, height, out);
	}

	/** Writes 8-bit grey pixels, row by row. */
	public void writeGray8(byte[] pixels, int width, int height, OutputStream out)
		throws IOException
	{
		check(pixels.length, width, height);
		write(new Rows(width, height, 1, width) {

			@Override
			void raw(int y, byte[] row) {
				System.arraycopy(pixels, y * width, row, 0, width);
			}
		}, 8, 0, out);
	}

	/** Writes 16-bit grey pixels (unsigned), row by row. */
	public void writeGray16(short[] pixels, int width, int height, OutputStream out)
		throws IOException
	{
		check(pixels.length, width, height);
		write(new Rows(width, height, 2, 2 * width) {

			@Override
			void raw(int y, byte[] row) {
				for (int x = 0, i = y * width; x < width; x++, i++) {
					short v = pixels[i];
					row[2 * x] = (byte) (v >> 8);
					row[2 * x + 1] = (byte) v;
				}
			}
		}, 16, 0, out);
	}

	/** Writes packed RGB pixels ({@code 0xRRGGBB}, the top byte ignored), row by row. */
	public void writeRgb(int[] pixels, int width, int height, OutputStream out)
		throws IOException
	{
		check(pixels.length, width, height);
		write(new Rows(width, height, 3, 3 * width) {

			@Override
			void raw(int y, byte[] row) {
				for (int x = 0, i = y * width, j = 0; x < width; x++, i++, j += 3) {
					int c = pixels[i];
					row[j] = (byte) (c >> 16);
					row[j + 1] = (byte) (c >> 8);
					row[j + 2] = (byte) c;
				}
			}
		}, 8, 2, out);
	}

	private static void check(int length, int width, int height) {
		if (width < 1 || height < 1) throw new IllegalArgumentException("A PNG needs at least 1x1 " +
			"pixels, got " + width + "x" + height);
		if ((long) width * height != length) throw new IllegalArgumentException(length +
			" pixels given for a " + width + "x" + height + " image");
		if (!fits(width, height)) throw new IllegalArgumentException("A " + width + "x" + height +
			" image is too large for this PNG writer");
	}

	/** Whether the filtered image fits one array. */
	private static boolean fits(int width, int height) {
		return (long) height * (1 + 3L * width) <= Integer.MAX_VALUE - 64;
	}

	/** The raw (unfiltered) bytes of each row. */
	private abstract static class Rows {

		final int width, height, bpp, rowBytes;

		Rows(int width, int height, int bpp, int rowBytes) {
			this.width = width;
			this.height = height;
			this.bpp = bpp;
			this.rowBytes = rowBytes;
		}

		abstract void raw(int y, byte[] row);
	}

	private void write(Rows rows, int bitDepth, int colourType, OutputStream out)
		throws IOException
	{
		int level = bitDepth == 16 ? level16 : colourType == 2 ? levelRgb : this.level;
		int stride = 1 + rows.rowBytes;
		byte[] filtered = new byte[Math.multiplyExact(stride, rows.height)];
		int rowsPerBand = Math.max(1, BAND_BYTES / stride);
		int bands = (rows.height + rowsPerBand - 1) / rowsPerBand;
		// 1: filter the bands side by side (a row's filter needs the raw row above it only)
		together(bands, b -> filter(rows, b * rowsPerBand, Math.min(rows.height, (b + 1) *
			rowsPerBand), filtered));
		// 2: compress them side by side, each primed with the filtered bytes before it
		byte[][] packed = new byte[bands][];
		long[] adler = new long[bands];
		together(bands, b -> {
			int from = b * rowsPerBand * stride, to = Math.min(rows.height, (b + 1) * rowsPerBand) *
				stride;
			packed[b] = deflate(filtered, from, to, b == bands - 1, level);
			Adler32 a = new Adler32();
			a.update(filtered, from, to - from);
			adler[b] = a.getValue();
		});
		long checksum = adler[0];
		for (int b = 1; b < bands; b++) {
			int len = Math.min(rows.height, (b + 1) * rowsPerBand) * stride - b * rowsPerBand *
				stride;
			checksum = combine(checksum, adler[b], len);
		}

		out.write(SIGNATURE);
		byte[] ihdr = new byte[13];
		putInt(ihdr, 0, rows.width);
		putInt(ihdr, 4, rows.height);
		ihdr[8] = (byte) bitDepth;
		ihdr[9] = (byte) colourType;
		chunk(out, "IHDR", List.of(ihdr), 13);
		List<byte[]> data = new ArrayList<>(bands + 2);
		data.add(new byte[] { 0x78, (byte) (level <= 1 ? 0x01 : level <= 5 ? 0x5e : level == 6
			? 0x9c : 0xda) });
		long size = 2 + 4;
		for (byte[] p : packed) {
			data.add(p);
			size += p.length;
		}
		byte[] trailer = new byte[4];
		putInt(trailer, 0, (int) checksum);
		data.add(trailer);
		if (size > Integer.MAX_VALUE) throw new IOException("The compressed image is over 2 GiB");
		chunk(out, "IDAT", data, (int) size);
		chunk(out, "IEND", List.of(), 0);
	}

	/**
	 * Runs {@code work} for 0 .. n-1, on this thread and on helpers that start in time; waits
	 * for the items helpers took, never for helpers that did not start.
	 */
	private void together(int n, IntConsumer work) {
		AtomicInteger next = new AtomicInteger();
		CountDownLatch finished = new CountDownLatch(n);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Runnable claim = () -> {
			for (int i; (i = next.getAndIncrement()) < n;)
				try {
					if (failure.get() == null) work.accept(i);
				}
				catch (RuntimeException | Error e) {
					failure.compareAndSet(null, e);
				}
				finally {
					finished.countDown();
				}
		};
		for (int h = 0; h < Math.min(helperCount, n - 1); h++)
			try {
				helpers.execute(claim);
			}
			catch (RejectedExecutionException e) {
				break; // the caller does it
			}
		claim.run();
		boolean interrupted = false;
		while (true)
			try {
				finished.await();
				break;
			}
			catch (InterruptedException e) {
				interrupted = true; // the bands in a helper's hands are its own array slices: wait
			}
		if (interrupted) Thread.currentThread().interrupt();
		Throwable t = failure.get();
		if (t instanceof RuntimeException) throw (RuntimeException) t;
		if (t instanceof Error) throw (Error) t;
	}

	/** Filters rows [from, to) into {@code out}, each after its filter-type byte. */
	private static void filter(Rows rows, int from, int to, byte[] out) {
		int n = rows.rowBytes, stride = n + 1;
		byte[] prev = new byte[n], cur = new byte[n];
		byte[][] candidates = new byte[FILTERS][n];
		if (from > 0) rows.raw(from - 1, prev);
		int type = 0;
		for (int y = from; y < to; y++) {
			rows.raw(y, cur);
			if ((y - from) % CHOOSE_EVERY == 0) {
				type = filterRow(cur, prev, rows.bpp, candidates);
				System.arraycopy(candidates[type], 0, out, y * stride + 1, n);
			}
			else apply(type, cur, prev, rows.bpp, out, y * stride + 1);
			out[y * stride] = (byte) type;
			byte[] t = prev;
			prev = cur;
			cur = t;
		}
	}

	/** Filters a row one way (None, Sub, Up or Average) into {@code out} from {@code at}. */
	static void apply(int type, byte[] cur, byte[] prev, int bpp, byte[] out, int at) {
		int n = cur.length;
		switch (type) {
			case 0:
				System.arraycopy(cur, 0, out, at, n);
				return;
			case 1:
				System.arraycopy(cur, 0, out, at, bpp);
				for (int i = bpp; i < n; i++)
					out[at + i] = (byte) (cur[i] - cur[i - bpp]);
				return;
			case 2:
				for (int i = 0; i < n; i++)
					out[at + i] = (byte) (cur[i] - prev[i]);
				return;
			case 3:
				for (int i = 0; i < bpp; i++)
					out[at + i] = (byte) (cur[i] - ((prev[i] & 0xff) >>> 1));
				for (int i = bpp; i < n; i++)
					out[at + i] = (byte) (cur[i] - (((cur[i - bpp] & 0xff) + (prev[i] & 0xff)) >>> 1));
				return;
			default:
				throw new IllegalArgumentException("No filter type " + type + " here");
		}
	}

	/**
	 * Filters a row the {@link #FILTERS} ways into {@code f} and returns the one libpng's
	 * heuristic picks of them: the least sum of absolute values of the output bytes read as
	 * signed.
	 */
	static int filterRow(byte[] cur, byte[] prev, int bpp, byte[][] f) {
		byte[] f1 = f[1], f2 = f[2], f3 = f[3];
		int n = cur.length;
		// one simple loop per filter, which the JIT turns into vector code
		for (int i = 0; i < bpp; i++) { // no left neighbour
			f1[i] = cur[i];
			f3[i] = (byte) (cur[i] - ((prev[i] & 0xff) >>> 1));
		}
		for (int i = bpp; i < n; i++)
			f1[i] = (byte) (cur[i] - cur[i - bpp]);
		for (int i = 0; i < n; i++)
			f2[i] = (byte) (cur[i] - prev[i]);
		for (int i = bpp; i < n; i++)
			f3[i] = (byte) (cur[i] - (((cur[i - bpp] & 0xff) + (prev[i] & 0xff)) >>> 1));
		int best = 0;
		long min = absSum(cur);
		for (int t = 1; t < FILTERS; t++) {
			long sum = absSum(f[t]);
			if (sum < min) {
				min = sum;
				best = t;
			}
		}
		if (best == 0) System.arraycopy(cur, 0, f[0], 0, n);
		return best;
	}

	private static long absSum(byte[] v) {
		long total = 0;
		for (int from = 0; from < v.length; from += 1 << 20) { // an int holds 2^20 * 128
			int sum = 0, to = Math.min(v.length, from + (1 << 20));
			for (int i = from; i < to; i++)
				sum += Math.abs(v[i]);
			total += sum;
		}
		return total;
	}

	/** Raw deflate of data[from, to), primed with the window before it; byte-aligned at the end. */
	private static byte[] deflate(byte[] data, int from, int to, boolean last, int level) {
		Deflater d = new Deflater(level, true);
		try {
			if (from > 0) {
				int start = Math.max(0, from - WINDOW);
				d.setDictionary(data, start, from - start);
			}
			d.setInput(data, from, to - from);
			if (last) d.finish();
			byte[] buf = new byte[Math.max(64, (to - from) / 2 + 1024)];
			int len = 0;
			while (true) {
				int space = buf.length - len;
				len += d.deflate(buf, len, space, last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH);
				// a sync flush is complete when it leaves room in the buffer
				if (last ? d.finished() : d.needsInput() && len < buf.length) break;
				if (len == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
			}
			return Arrays.copyOf(buf, len);
		}
		finally {
			d.end();
		}
	}

	/** zlib's adler32_combine: the checksum of A then B from theirs and B's length. */
	static long combine(long adlerA, long adlerB, long lengthB) {
		final long base = 65521;
		long rem = lengthB % base;
		long sum1 = adlerA & 0xffff;
		long sum2 = (rem * sum1) % base;
		sum1 += (adlerB & 0xffff) + base - 1;
		sum2 += ((adlerA >>> 16) & 0xffff) + ((adlerB >>> 16) & 0xffff) + base - rem;
		if (sum1 >= base) sum1 -= base;
		if (sum1 >= base) sum1 -= base;
		if (sum2 >= (base << 1)) sum2 -= (base << 1);
		if (sum2 >= base) sum2 -= base;
		return (sum2 << 16) | sum1;
	}

	private static void chunk(OutputStream out, String type, List<byte[]> parts, int length)
		throws IOException
	{
		byte[] head = new byte[8];
		putInt(head, 0, length);
		byte[] t = type.getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(t, 0, head, 4, 4);
		out.write(head);
		CRC32 crc = new CRC32();
		crc.update(t);
		for (byte[] p : parts) {
			out.write(p);
			crc.update(p);
		}
		byte[] tail = new byte[4];
		putInt(tail, 0, (int) crc.getValue());
		out.write(tail);
	}

	private static void putInt(byte[] b, int at, int v) {
		b[at] = (byte) (v >>> 24);
		b[at + 1] = (byte) (v >>> 16);
		b[at + 2] = (byte) (v >>> 8);
		b[at + 3] = (byte) v;
	}
}
