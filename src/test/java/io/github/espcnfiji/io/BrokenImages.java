package io.github.espcnfiji.io;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Test helper: real image files made by ImageIO or by hand, then damaged the ways users' files
 * are (cut short, a header that lies, pages of different sizes, CMYK).
 */
public final class BrokenImages {

	private BrokenImages() {}

	/** A textured RGB image, so that compressed formats have data to compress. */
	public static BufferedImage picture(int w, int h) {
		BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				img.setRGB(x, y, (x * 7 + y * 3) % 256 << 16 | (x * y) % 256 << 8 | (x ^ y) & 0xff);
		return img;
	}

	public static Path png(Path file, int w, int h) throws IOException {
		ImageIO.write(picture(w, h), "png", file.toFile());
		return file;
	}

	public static Path jpeg(Path file, int w, int h) throws IOException {
		ImageIO.write(picture(w, h), "jpeg", file.toFile());
		return file;
	}

	/** A 4-channel (CMYK) JPEG, as print workflows make them. */
	public static Path cmykJpeg(Path file, int w, int h) throws IOException {
		WritableRaster raster = Raster.createBandedRaster(0, w, h, 4, null);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				for (int b = 0; b < 4; b++)
					raster.setSample(x, y, b, (x * (b + 1) + y) % 256);
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
			writer.setOutput(out);
			writer.write(null, new IIOImage(raster, null, null), null);
		}
		finally {
			writer.dispose();
		}
		Files.write(file, bytes.toByteArray());
		return file;
	}

	/** The file cut to its first {@code keep} bytes (a negative keep drops that many from the end). */
	public static Path truncate(Path file, int keep) throws IOException {
		byte[] b = Files.readAllBytes(file);
		Files.write(file, Arrays.copyOf(b, keep >= 0 ? keep : b.length + keep));
		return file;
	}

	/** A JPEG whose frame header is patched to claim {@code w} x {@code h} pixels. */
	public static Path jpegClaiming(Path file, int w, int h) throws IOException {
		byte[] b = Files.readAllBytes(file);
		for (int i = 2; i + 8 < b.length; i++)
			if ((b[i] & 0xff) == 0xFF && (b[i + 1] & 0xff) == 0xC0) {
				b[i + 5] = (byte) (h >> 8);
				b[i + 6] = (byte) h;
				b[i + 7] = (byte) (w >> 8);
				b[i + 8] = (byte) w;
				Files.write(file, b);
				return file;
			}
		throw new IllegalStateException("no baseline frame header in " + file);
	}

	/** A PNG whose IHDR is patched to claim {@code w} x {@code h} pixels. */
	public static Path pngClaiming(Path file, int w, int h) throws IOException {
		byte[] b = Files.readAllBytes(file);
		ByteBuffer.wrap(b, 16, 8).putInt(w).putInt(h);
		Files.write(file, b);
		return file;
	}

	/**
	 * An uncompressed 8-bit grey TIFF with one page per {@code sizes} pair (width, height), or,
	 * with {@code claimed} non-null, a page that says {@code claimed} but holds the data of
	 * {@code sizes}.
	 */
	public static Path tiff(Path file, int[][] sizes, int[] claimed) throws IOException {
		int entries = 9, ifdBytes = 2 + 12 * entries + 4;
		int total = 8;
		for (int[] s : sizes)
			total += ifdBytes + s[0] * s[1];
		ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
		b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
		int at = 8;
		for (int p = 0; p < sizes.length; p++) {
			int w = sizes[p][0], h = sizes[p][1], data = at + ifdBytes, next = data + w * h;
			int cw = claimed == null ? w : claimed[0], chh = claimed == null ? h : claimed[1];
			b.position(at);
			b.putShort((short) entries);
			entry(b, 256, 4, cw);
			entry(b, 257, 4, chh);
			entry(b, 258, 3, 8);
			entry(b, 259, 3, 1);
			entry(b, 262, 3, 1);
			entry(b, 273, 4, data);
			entry(b, 277, 3, 1);
			entry(b, 278, 4, chh);
			entry(b, 279, 4, w * h);
			b.putInt(p + 1 < sizes.length ? next : 0);
			for (int i = 0; i < w * h; i++)
				b.put((byte) (i * 37 + p * 50));
			at = next;
		}
		Files.write(file, b.array());
		return file;
	}

	private static void entry(ByteBuffer b, int tag, int type, int value) {
		b.putShort((short) tag).putShort((short) type).putInt(1);
		if (type == 3) b.putShort((short) value).putShort((short) 0);
		else b.putInt(value);
	}
}
