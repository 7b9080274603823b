package io.github.espcnfiji.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.Adler32;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fast PNG writer: what it writes decodes (with ImageIO, the plain path's codec) to exactly
 * the pixels given, for 8-bit and 16-bit grey and RGB, in one band or many, on one thread or
 * several; and the bands' checksums combine as zlib's would.
 */
class PngEncoderTest {

	private static ExecutorService helpers;

	@BeforeAll
	static void start() {
		helpers = Executors.newFixedThreadPool(3);
	}

	@AfterAll
	static void stop() {
		helpers.shutdown();
	}

	/** Smooth ramps with noise: every filter type wins somewhere. */
	private static int value(Random r, int x, int y, int max) {
		double smooth = (Math.sin(x / 17.0) + Math.cos(y / 11.0) + 2) / 4 * max;
		int v = (int) smooth + (x % 7 == 0 ? r.nextInt(max / 8 + 1) : 0);
		return Math.min(max, Math.max(0, y % 50 == 3 ? r.nextInt(max + 1) : v));
	}

	private static int[] rgb(int w, int h, long seed) {
		Random r = new Random(seed);
		int[] px = new int[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				px[y * w + x] = 0xff000000 | value(r, x, y, 255) << 16 | value(r, y, x, 255) << 8 | r
					.nextInt(256);
		return px;
	}

	private static BufferedImage decode(byte[] png) throws IOException {
		BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
		assertTrue(img != null, "ImageIO reads it as a PNG");
		return img;
	}

	private static byte[] encode(PngEncoder e, int bitDepth, Object px, int w, int h)
		throws IOException
	{
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		e.write(bitDepth, px, w, h, out);
		return out.toByteArray();
	}

	@ParameterizedTest(name = "RGB {0}x{1}, level {2}")
	@CsvSource({ "1, 1, 4", "2, 3, 4", "640, 360, 4", "1921, 701, 4", "333, 900, 1", "257, 80, 9",
		"100, 100, 0" })
	void rgbDecodesToTheSamePixels(int w, int h, int level) throws IOException {
		int[] px = rgb(w, h, w * 31L + h);
		byte[] png = encode(new PngEncoder(level, helpers, 3), 24, px, w, h);
		BufferedImage img = decode(png);
		assertEquals(w, img.getWidth());
		assertEquals(h, img.getHeight());
		int[] back = img.getRGB(0, 0, w, h, null, 0, w);
		for (int i = 0; i < px.length; i++)
			if ((back[i] & 0xffffff) != (px[i] & 0xffffff)) throw new AssertionError("pixel " + i +
				" is " + Integer.toHexString(back[i]) + ", wrote " + Integer.toHexString(px[i]));
		assertFalse(img.getColorModel().hasAlpha(), "no alpha channel");
	}

	@ParameterizedTest(name = "grey {0}-bit {1}x{2}")
	@CsvSource({ "8, 1, 1", "8, 5, 4", "8, 1000, 700", "16, 1, 2", "16, 7, 3", "16, 999, 401" })
	void greyDecodesToTheSameValues(int bitDepth, int w, int h) throws IOException {
		Random r = new Random(bitDepth + w);
		int max = bitDepth == 8 ? 255 : 65535;
		int[] values = new int[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				values[y * w + x] = value(r, x, y, max);
		values[0] = max; // the extremes, which sign errors would break
		if (values.length > 1) values[values.length - 1] = 0;
		Object px;
		if (bitDepth == 8) {
			byte[] b = new byte[values.length];
			for (int i = 0; i < b.length; i++)
				b[i] = (byte) values[i];
			px = b;
		}
		else {
			short[] s = new short[values.length];
			for (int i = 0; i < s.length; i++)
				s[i] = (short) values[i];
			px = s;
		}
		for (PngEncoder e : List.of(new PngEncoder(4, helpers, 2), PngEncoder.standard()))
			assertDecodesTo(values, bitDepth, decode(encode(e, bitDepth, px, w, h)));
	}

	private static void assertDecodesTo(int[] values, int bitDepth, BufferedImage img) {
		int w = img.getWidth(), h = img.getHeight();
		Raster raster = img.getRaster();
		assertEquals(1, raster.getNumBands());
		assertEquals(bitDepth, img.getColorModel().getComponentSize(0));
		assertArrayEquals(values, raster.getSamples(0, 0, w, h, 0, (int[]) null));
	}

	@Test
	void theStandardWriterDeflatesRgbAtLevel2GreyAt4And16BitGreyAt1() throws IOException {
		int w = 300, h = 200;
		int[] rgb = rgb(w, h, 8);
		byte[] grey8 = new byte[w * h];
		short[] grey16 = new short[w * h];
		Random r = new Random(8);
		for (int i = 0; i < w * h; i++) {
			grey8[i] = (byte) value(r, i % w, i / w, 255);
			grey16[i] = (short) value(r, i % w, i / w, 65535);
		}
		PngEncoder standard = PngEncoder.standard().serial();
		assertArrayEquals(encode(new PngEncoder(2, null, 0), 24, rgb, w, h), encode(standard, 24,
			rgb, w, h));
		assertArrayEquals(encode(new PngEncoder(4, null, 0), 8, grey8, w, h), encode(standard, 8,
			grey8, w, h));
		assertArrayEquals(encode(new PngEncoder(1, null, 0), 16, grey16, w, h), encode(standard, 16,
			grey16, w, h));
	}

	@Test
	void helpersChangeNoByte() throws IOException {
		int w = 1500, h = 600; // many bands
		int[] px = rgb(w, h, 5);
		PngEncoder parallel = new PngEncoder(4, helpers, 3);
		assertTrue(3L * w * h > 4 * PngEncoder.BAND_BYTES);
		assertArrayEquals(encode(parallel.serial(), 24, px, w, h), encode(parallel, 24, px, w, h));
	}

	@Test
	void noHelperNeedsToStart() throws IOException {
		// an executor that never runs what it is given: the caller does all the bands
		PngEncoder stuck = new PngEncoder(4, work -> {}, 4);
		int[] px = rgb(900, 700, 9);
		assertArrayEquals(encode(stuck.serial(), 24, px, 900, 700), encode(stuck, 24, px, 900,
			700));
	}

	@Test
	void eachFilterAppliedAloneIsTheOneTheChoiceComputes() {
		Random r = new Random(11);
		for (int bpp : new int[] { 1, 2, 3 })
			for (int n : new int[] { bpp, 7 * bpp, 301 * bpp }) {
				byte[] cur = new byte[n], prev = new byte[n];
				r.nextBytes(cur);
				r.nextBytes(prev);
				byte[][] all = new byte[PngEncoder.FILTERS][n];
				int chosen = PngEncoder.filterRow(cur, prev, bpp, all);
				System.arraycopy(cur, 0, all[0], 0, n); // None is copied only when chosen
				for (int type = 0; type < PngEncoder.FILTERS; type++) {
					byte[] out = new byte[n + 2];
					PngEncoder.apply(type, cur, prev, bpp, out, 1);
					assertArrayEquals(all[type], java.util.Arrays.copyOfRange(out, 1, n + 1), "filter " +
						type + ", bpp " + bpp + ", " + n + " bytes");
				}
				assertTrue(chosen >= 0 && chosen < PngEncoder.FILTERS);
			}
	}

	@Test
	void rowsAreFilteredByNoneSubUpOrAverageNeverPaeth() throws IOException {
		// smooth ramps with noise, where libpng's heuristic picks Paeth on many rows
		for (int bitDepth : new int[] { 8, 16, 24 }) {
			int w = 640, h = 360;
			Object px = bitDepth == 24 ? rgb(w, h, 21) : bitDepth == 8 ? new byte[w * h]
				: new short[w * h];
			Random r = new Random(bitDepth);
			for (int i = 0; bitDepth != 24 && i < w * h; i++) {
				int v = value(r, i % w, i / w, bitDepth == 8 ? 255 : 65535);
				if (bitDepth == 8) ((byte[]) px)[i] = (byte) v;
				else ((short[]) px)[i] = (short) v;
			}
			byte[] raw = inflatedImageData(encode(new PngEncoder(4, helpers, 3), bitDepth, px, w, h));
			int stride = 1 + w * (bitDepth == 24 ? 3 : bitDepth / 8);
			assertEquals(stride * h, raw.length);
			java.util.Set<Integer> used = new java.util.TreeSet<>();
			for (int y = 0; y < h; y++)
				used.add((int) raw[y * stride]);
			assertFalse(used.contains(4), bitDepth + "-bit: Paeth used: " + used);
			assertTrue(used.stream().allMatch(t -> t >= 0 && t < 4), bitDepth + "-bit: " + used);
			assertTrue(used.size() > 1, bitDepth + "-bit: a choice is made: " + used);
		}
	}

	/** The zlib stream of a PNG's IDAT chunks, inflated: each row's filter byte and bytes. */
	private static byte[] inflatedImageData(byte[] png) throws IOException {
		ByteArrayOutputStream idat = new ByteArrayOutputStream();
		java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(png, 8, png.length - 8);
		while (b.remaining() >= 12) {
			int length = b.getInt();
			String type = new String(png, b.position(), 4, java.nio.charset.StandardCharsets.US_ASCII);
			if (type.equals("IDAT")) idat.write(png, b.position() + 4, length);
			b.position(b.position() + 4 + length + 4);
		}
		java.util.zip.Inflater inflater = new java.util.zip.Inflater();
		inflater.setInput(idat.toByteArray());
		ByteArrayOutputStream raw = new ByteArrayOutputStream();
		byte[] buf = new byte[1 << 16];
		try {
			while (!inflater.finished()) {
				int n = inflater.inflate(buf);
				if (n == 0 && inflater.needsInput()) throw new IOException("truncated zlib stream");
				raw.write(buf, 0, n);
			}
		}
		catch (java.util.zip.DataFormatException e) {
			throw new IOException(e);
		}
		finally {
			inflater.end();
		}
		return raw.toByteArray();
	}

	@Test
	void adlerChecksumsCombineAsOverTheWhole() {
		Random r = new Random(3);
		for (int n : new int[] { 0, 1, 100, 65521, 65522, 300000 }) {
			byte[] a = new byte[1 + r.nextInt(70000)], b = new byte[n];
			r.nextBytes(a);
			r.nextBytes(b);
			Adler32 whole = new Adler32(), first = new Adler32(), second = new Adler32();
			whole.update(a);
			whole.update(b);
			first.update(a);
			second.update(b);
			assertEquals(whole.getValue(), PngEncoder.combine(first.getValue(), second.getValue(),
				n));
		}
	}

	@Test
	void takesOnlyThePlanesItWrites() {
		assertTrue(PngEncoder.writes(8, new byte[6], 3, 2));
		assertTrue(PngEncoder.writes(16, new short[6], 2, 3));
		assertTrue(PngEncoder.writes(24, new int[6], 6, 1));
		assertFalse(PngEncoder.writes(32, new float[6], 3, 2), "float");
		assertFalse(PngEncoder.writes(8, new short[6], 3, 2), "wrong array for the depth");
		assertFalse(PngEncoder.writes(24, new int[5], 3, 2), "wrong length");
		assertFalse(PngEncoder.writes(8, new byte[0], 0, 0), "empty");
	}
}
