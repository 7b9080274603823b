package io.github.espcnfiji.video;

import io.github.espcnfiji.files.PendingFile;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.Locale;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Writes an AVI 1.0 video one frame at a time, as ImageJ's AVI writer lays it out and its AVI
 * reader reads it: one video stream of 24-bit RGB or 8-bit gray (with a gray palette) frames,
 * uncompressed ({@code DIB}, rows bottom-up and padded to 4 bytes), PNG ({@code png }) or JPEG
 * ({@code MJPG}, always 24-bit, quality 90), and an {@code idx1} index. Whether frames are gray is
 * decided by the first frame (gray frames after RGB ones are written as RGB; RGB after gray is an
 * error).
 * <p>
 * Frames go to a temporary file as they come; the headers, which hold the frame count, are
 * written and the index is built from the frames on disk by {@link #finish()}, so memory does
 * not grow with the number of frames. Files are limited to 2 GiB (AVI 1.0 as ImageJ reads it):
 * a run that would pass it fails with a message, before any work when the size is known in
 * advance.
 */
public final class AviWriter extends VideoFileSink {

	static {
		ImageIO.setUseCache(false); // no imageio*.tmp files left behind by a killed run
	}

	/** How each frame is stored. */
	public enum Compression {
		NONE("none"), PNG("png"), JPEG("jpeg");

		private final String id;

		Compression(String id) {
			this.id = id;
		}

		public String id() {
			return id;
		}

		/** {@code none}, {@code png} or {@code jpeg} (also {@code uncompressed}, {@code raw}). */
		public static Compression parse(String s) {
			String v = s.trim().toLowerCase(Locale.ROOT);
			if (v.equals("uncompressed") || v.equals("raw")) return NONE;
			for (Compression c : values())
				if (c.id.equals(v)) return c;
			throw new IllegalArgumentException("AVI compression must be none, png or jpeg, got '" + s +
				"'");
		}
	}

	/** The largest file written. */
	static final long MAX_BYTES = Integer.MAX_VALUE;
	/** Where the {@code movi} list starts; the headers and a JUNK chunk fill the space before. */
	private static final int MOVI = 4096;
	private static final int JPEG_QUALITY = 90;
	private static final int KEYFRAME = 0x10;

	private final Compression compression;
	private final FileChannel channel;
	private long position = MOVI + 12;
	private int largestChunk;
	private Boolean gray;

	private AviWriter(VideoInfo info, Compression compression, PendingFile file,
		FileChannel channel)
	{
		super(info, file);
		this.compression = compression;
		this.channel = channel;
	}

	/**
	 * Starts an AVI file for frames of {@code info}'s size and rate.
	 *
	 * @throws java.nio.file.FileAlreadyExistsException if the target exists and
	 *           {@code overwrite} is false
	 * @throws IOException if an uncompressed video of a known length would pass 2 GiB
	 */
	public static AviWriter create(Path target, VideoInfo info, Compression compression,
		boolean overwrite) throws IOException
	{
		if (compression == Compression.NONE && info.frames() > 0) {
			long chunk = 8 + (long) rowBytes(info.width(), 3) * info.height();
			long total = MOVI + 12 + info.frames() * (chunk + 16) + 8;
			if (total > MAX_BYTES) throw tooLarge(target, String.format(Locale.ROOT,
				"%d uncompressed %dx%d frames take %.1f GiB", info.frames(), info.width(), info
					.height(), total / (double) (1L << 30)));
		}
		PendingFile file = PendingFile.create(target, overwrite);
		try {
			return new AviWriter(info, compression, file, FileChannel.open(file.temporary(),
				StandardOpenOption.WRITE, StandardOpenOption.READ));
		}
		catch (IOException | RuntimeException e) {
			file.discard();
			throw e;
		}
	}

	@Override
	protected void encode(Frame frame) throws IOException {
		if (gray == null) gray = compression != Compression.JPEG && FramePixels.isGray8(frame);
		else if (gray && !FramePixels.isGray8(frame)) throw new IOException("Frame " + (frame
			.index() + 1) + " is in colour, but the AVI holds gray frames");
		byte[] data = pixels(frame);
		int padded = data.length + (data.length & 1);
		if (position + 8 + padded + 16 * (written() + 1) + 8 > MAX_BYTES) throw tooLarge(file
			.target(), "it would pass 2 GiB at frame " + (frame.index() + 1));
		ByteBuffer chunk = little(8 + padded);
		chunk.put(fourcc(compression == Compression.NONE ? "00db" : "00dc")).putInt(data.length);
		chunk.put(data);
		chunk.position(0);
		writeFully(chunk, position);
		position += chunk.capacity();
		largestChunk = Math.max(largestChunk, data.length);
	}

	@Override
	protected void complete() throws IOException {
		long moviEnd = position;
		long end = writeIndex(moviEnd);
		writeFully(headers(end, moviEnd), 0);
		channel.force(false);
		channel.close();
	}

	@Override
	protected void release() throws IOException {
		channel.close();
	}

	private byte[] pixels(Frame frame) throws IOException {
		int w = info.width(), h = info.height();
		if (compression == Compression.NONE) {
			int bpp = gray ? 1 : 3, row = rowBytes(w, bpp);
			byte[] out = new byte[row * h];
			if (gray) {
				byte[] px = FramePixels.gray8(frame);
				for (int y = 0; y < h; y++)
					System.arraycopy(px, y * w, out, (h - 1 - y) * row, w);
			}
			else {
				int[] px = FramePixels.argb(frame);
				for (int y = 0; y < h; y++)
					for (int x = 0, o = (h - 1 - y) * row; x < w; x++, o += 3) {
						int c = px[y * w + x];
						out[o] = (byte) c;
						out[o + 1] = (byte) (c >> 8);
						out[o + 2] = (byte) (c >> 16);
					}
			}
			return out;
		}
		BufferedImage img;
		if (gray) {
			img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
			img.getRaster().setDataElements(0, 0, w, h, FramePixels.gray8(frame));
		}
		else {
			img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
			img.getRaster().setDataElements(0, 0, w, h, FramePixels.argb(frame));
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		if (compression == Compression.PNG) {
			if (!ImageIO.write(img, "png", bytes)) throw new IOException("No PNG writer available");
			return bytes.toByteArray();
		}
		Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
		if (!writers.hasNext()) throw new IOException("No JPEG writer available");
		ImageWriter writer = writers.next();
		try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
			ImageWriteParam param = writer.getDefaultWriteParam();
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionQuality(JPEG_QUALITY / 100f);
			writer.setOutput(out);
			writer.write(null, new IIOImage(img, null, null), param);
		}
		finally {
			writer.dispose();
		}
		return bytes.toByteArray();
	}

	/**
	 * Appends {@code idx1}, built by walking the frame chunks on disk; returns the file's end.
	 */
	private long writeIndex(long moviEnd) throws IOException {
		ByteBuffer head = little(8).put(fourcc("idx1")).putInt((int) (16 * written()));
		head.position(0);
		long out = moviEnd;
		writeFully(head, out);
		out += 8;
		ByteBuffer entries = little(16 * 1024);
		ByteBuffer chunkHead = little(8);
		for (long in = MOVI + 12; in < moviEnd;) {
			chunkHead.clear();
			readFully(chunkHead, in);
			int id = chunkHead.getInt(0), size = chunkHead.getInt(4);
			entries.putInt(id).putInt(KEYFRAME).putInt((int) (in - (MOVI + 8))).putInt(size);
			if (!entries.hasRemaining()) {
				entries.flip();
				out += writeFully(entries, out);
				entries.clear();
			}
			in += 8 + size + (size & 1);
		}
		entries.flip();
		out += writeFully(entries, out);
		return out;
	}

	/** Everything before the frames: RIFF, hdrl (avih, strl), JUNK up to the movi list. */
	private ByteBuffer headers(long end, long moviEnd) {
		int w = info.width(), h = info.height();
		boolean palette = gray != null && gray;
		int strf = 40 + (palette ? 1024 : 0);
		int strl = 4 + (8 + 56) + (8 + strf);
		int hdrl = 4 + (8 + 56) + (8 + strl);
		int count = (int) written();
		int microseconds = (int) Math.min(Integer.MAX_VALUE, Math.round(1e6 * info
			.rateDenominator() / info.rateNumerator()));
		int bitCount = palette ? 8 : 24;
		String handler = compression == Compression.NONE ? "DIB " : compression == Compression.PNG
			? "png " : "MJPG";
		int biCompression = compression == Compression.NONE ? 0 : ByteBuffer.wrap(fourcc(handler))
			.order(ByteOrder.LITTLE_ENDIAN).getInt();
		ByteBuffer b = little(MOVI + 12);
		b.put(fourcc("RIFF")).putInt((int) (end - 8)).put(fourcc("AVI "));
		b.put(fourcc("LIST")).putInt(hdrl).put(fourcc("hdrl"));
		b.put(fourcc("avih")).putInt(56).putInt(microseconds).putInt(0).putInt(0).putInt(KEYFRAME)
			.putInt(count).putInt(0).putInt(1).putInt(largestChunk).putInt(w).putInt(h).putInt(0)
			.putInt(0).putInt(0).putInt(0);
		b.put(fourcc("LIST")).putInt(strl).put(fourcc("strl"));
		b.put(fourcc("strh")).putInt(56).put(fourcc("vids")).put(fourcc(handler)).putInt(0).putInt(
			0).putInt(0).putInt(info.rateDenominator()).putInt(info.rateNumerator()).putInt(0).putInt(
				count).putInt(largestChunk).putInt(-1).putInt(0).putShort((short) 0).putShort(
					(short) 0).putShort((short) w).putShort((short) h);
		b.put(fourcc("strf")).putInt(strf).putInt(40).putInt(w).putInt(h).putShort((short) 1)
			.putShort((short) bitCount).putInt(biCompression).putInt(compression == Compression.NONE
				? 0 : w * h * (bitCount / 8)).putInt(0).putInt(0).putInt(palette ? 256 : 0).putInt(0);
		if (palette) for (int i = 0; i < 256; i++)
			b.put((byte) i).put((byte) i).put((byte) i).put((byte) 0);
		int junk = MOVI - b.position() - 8;
		b.put(fourcc("JUNK")).putInt(junk);
		b.position(MOVI);
		b.put(fourcc("LIST")).putInt((int) (moviEnd - (MOVI + 8))).put(fourcc("movi"));
		b.position(0);
		return b;
	}

	private static int rowBytes(int width, int bytesPerPixel) {
		return (width * bytesPerPixel + 3) & ~3;
	}

	private static IOException tooLarge(Path target, String why) {
		return new IOException("Cannot write " + target.getFileName() + ": " + why +
			", and AVI files are limited to 2 GiB here; use PNG or JPEG compression, a .y4m file " +
			"or a folder of frames");
	}

	private int writeFully(ByteBuffer b, long at) throws IOException {
		int n = 0;
		while (b.hasRemaining())
			n += channel.write(b, at + n);
		return n;
	}

	private void readFully(ByteBuffer b, long at) throws IOException {
		while (b.hasRemaining())
			if (channel.read(b, at + b.position()) < 0) throw new IOException(
				"The AVI file being written was cut short: " + file.target());
	}

	private static ByteBuffer little(int capacity) {
		return ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
	}

	private static byte[] fourcc(String s) {
		return s.getBytes(StandardCharsets.US_ASCII);
	}
}
