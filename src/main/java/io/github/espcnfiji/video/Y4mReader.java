package io.github.espcnfiji.video;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a YUV4MPEG2 ({@code .y4m}) video of 8-bit frames (layouts of {@link Chroma}) as
 * {@link YuvPicture} frames. Opening checks the whole file without reading its pixels: the
 * header, every frame marker and that no frame is cut short, so that a truncated file fails
 * before any work starts. See {@link Y4mHeader} for the header.
 */
public final class Y4mReader implements FrameSource {

	/** The longest frame header line ({@code FRAME} and its optional tags). */
	private static final int MAX_FRAME_LINE = 1024;
	private static final byte[] FRAME = "FRAME".getBytes(StandardCharsets.US_ASCII);

	private final Path file;
	private final Y4mHeader header;
	private final InputStream in;
	private long next;

	private Y4mReader(Path file, Y4mHeader header, InputStream in, long next) {
		this.file = file;
		this.header = header;
		this.in = in;
		this.next = next;
	}

	/**
	 * Opens and checks a y4m file.
	 *
	 * @throws NoSuchFileException if it does not exist
	 * @throws IOException if it is not a y4m video, has an unsupported layout or interlacing,
	 *           holds no frames or is truncated, with a message that says which
	 */
	public static Y4mReader open(Path file) throws IOException {
		if (!Files.exists(file)) throw new NoSuchFileException(file.toString(), null,
			"no such video file");
		if (Files.isDirectory(file)) throw new IOException(file + " is a folder, not a y4m video");
		Y4mHeader header;
		long start;
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			byte[] first = line(ch, 0, Y4mHeader.MAX_LINE);
			if (first == null) throw notVideo(file, startsWith(ch, Y4mHeader.MAGIC.getBytes(
				StandardCharsets.US_ASCII)) ? "its header line does not end" : "it is not a YUV4MPEG2 " +
					"video (it does not start with '" + Y4mHeader.MAGIC + " ')");
			start = first.length + 1;
			try {
				header = Y4mHeader.parse(new String(first, StandardCharsets.US_ASCII), -1);
			}
			catch (IllegalArgumentException e) {
				throw notVideo(file, e.getMessage());
			}
			long frames = count(file, ch, start, header.frameBytes());
			header = Y4mHeader.of(header.info.withFrames(frames), header.extra);
		}
		InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
		try {
			in.readNBytes(new byte[(int) start], 0, (int) start);
		}
		catch (IOException e) {
			in.close();
			throw e;
		}
		return new Y4mReader(file, header, in, 0);
	}

	/**
	 * Opens a y4m file that was checked whole already ({@link #open}, e.g. by a Spark driver) to
	 * read from frame {@code first} (from 0) on; frames keep their numbers in the whole video.
	 * Where every frame line is a bare {@code FRAME}, frames are records of one size after the
	 * header, so it seeks there without reading what lies before; otherwise (frame lines with
	 * tags) it checks the file as {@link #open} does and reads up to that frame.
	 *
	 * @throws IOException as {@link #open}, or when the file holds fewer than {@code first} frames
	 */
	public static Y4mReader openAt(Path file, long first) throws IOException {
		if (first == 0) return open(file);
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			byte[] line = line(ch, 0, Y4mHeader.MAX_LINE);
			if (line != null) {
				long start = line.length + 1;
				Y4mHeader header;
				try {
					header = Y4mHeader.parse(new String(line, StandardCharsets.US_ASCII), -1);
				}
				catch (IllegalArgumentException e) {
					throw notVideo(file, e.getMessage());
				}
				long record = FRAME.length + 1 + header.frameBytes(), size = ch.size();
				long pos = start + first * record;
				if ((size - start) % record == 0 && pos < size && Arrays.equals(FRAME, line(ch, pos,
					MAX_FRAME_LINE)))
				{
					header = Y4mHeader.of(header.info.withFrames((size - start) / record), header.extra);
					InputStream in = new BufferedInputStream(Channels.newInputStream(FileChannel.open(
						file, StandardOpenOption.READ).position(pos)), 1 << 16);
					return new Y4mReader(file, header, in, first);
				}
			}
		}
		Y4mReader r = open(file); // frame lines with tags: read up to the frame
		try {
			for (long k = 0; k < first; k++)
				if (r.next() == null) throw new IOException(file + " has only " + k + " frames; it " +
					"cannot be read from frame " + (first + 1) + " on");
			return r;
		}
		catch (IOException | RuntimeException e) {
			r.close();
			throw e;
		}
	}

	@Override
	public VideoInfo info() {
		return header.info;
	}

	/** Unknown header tags ({@code X...}), to be kept by a writer. */
	public List<String> extraTags() {
		return header.extra;
	}

	@Override
	public Frame next() throws IOException {
		if (next >= header.info.frames()) return null;
		byte[] marker = readLine(in, MAX_FRAME_LINE);
		if (marker == null || !startsWith(marker, FRAME)) throw new IOException(file + " changed " +
			"while it was read: frame " + (next + 1) + " has no FRAME marker");
		VideoInfo info = header.info;
		Chroma c = header.chroma();
		byte[] y = read(info.width() * info.height());
		byte[] cb = null, cr = null;
		if (c.hasChroma()) {
			int n = c.chromaWidth(info.width()) * c.chromaHeight(info.height());
			cb = read(n);
			cr = read(n);
		}
		return Frame.of(next++, new YuvPicture(c, info.width(), info.height(), y, cb, cr));
	}

	@Override
	public void close() throws IOException {
		in.close();
	}

	private byte[] read(int n) throws IOException {
		byte[] b = new byte[n];
		if (in.readNBytes(b, 0, n) != n) throw new IOException(file + " changed while it was " +
			"read: frame " + (next + 1) + " is cut short");
		return b;
	}

	/** Counts the frames, checking every marker and that the last frame is complete. */
	private static long count(Path file, FileChannel ch, long start, int frameBytes)
		throws IOException
	{
		long size = ch.size(), pos = start, frames = 0;
		while (pos < size) {
			byte[] marker = line(ch, pos, MAX_FRAME_LINE);
			if (marker == null || !startsWith(marker, FRAME)) {
				String what = marker == null && size - pos < MAX_FRAME_LINE ? "is truncated: frame " +
					(frames + 1) + " has no complete FRAME line" : "is damaged: frame " + (frames + 1) +
						" does not start with FRAME";
				throw new IOException(file + " " + what + " (at byte " + pos + ")");
			}
			pos += marker.length + 1;
			if (size - pos < frameBytes) throw new IOException(file + " is truncated: frame " +
				(frames + 1) + " has " + (size - pos) + " of its " + frameBytes + " bytes");
			pos += frameBytes;
			frames++;
		}
		if (frames == 0) throw notVideo(file, "it holds no frames");
		return frames;
	}

	private static IOException notVideo(Path file, String reason) {
		return new IOException("cannot read " + file + ": " + reason);
	}

	/** The bytes before the first newline within {@code max} bytes at {@code pos}, or null. */
	private static byte[] line(FileChannel ch, long pos, int max) throws IOException {
		ByteBuffer buf = ByteBuffer.allocate(max);
		while (buf.hasRemaining() && ch.read(buf, pos + buf.position()) > 0) {
			// fill as much as there is
		}
		for (int i = 0; i < buf.position(); i++)
			if (buf.get(i) == '\n') {
				byte[] out = new byte[i];
				for (int k = 0; k < i; k++)
					out[k] = buf.get(k);
				return out;
			}
		return null;
	}

	private static byte[] readLine(InputStream in, int max) throws IOException {
		byte[] b = new byte[max];
		for (int i = 0; i < max; i++) {
			int c = in.read();
			if (c < 0) return null;
			if (c == '\n') return Arrays.copyOf(b, i);
			b[i] = (byte) c;
		}
		return null;
	}

	private static boolean startsWith(FileChannel ch, byte[] prefix) throws IOException {
		ByteBuffer buf = ByteBuffer.allocate(prefix.length);
		ch.read(buf, 0);
		return startsWith(buf.array(), prefix) && buf.position() == prefix.length;
	}

	private static boolean startsWith(byte[] b, byte[] prefix) {
		if (b.length < prefix.length) return false;
		for (int i = 0; i < prefix.length; i++)
			if (b[i] != prefix[i]) return false;
		return true;
	}
}
