package io.github.espcnfiji.video;

import io.github.espcnfiji.files.PendingFile;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a YUV4MPEG2 ({@code .y4m}) video, progressive, 8-bit, in the YUV layout of the
 * {@link VideoInfo} it is made for ({@link Chroma#DEFAULT} when the info has none). Frames of
 * another form are converted ({@link FramePixels#yuv}); frames of another size are refused. The
 * file is written under a temporary name and moved into place by {@link #finish()} (see
 * {@link FrameSink}).
 */
public final class Y4mWriter extends VideoFileSink {

	private static final byte[] FRAME = "FRAME\n".getBytes(StandardCharsets.US_ASCII);

	private final Y4mHeader header;
	private final OutputStream out;

	private Y4mWriter(Y4mHeader header, PendingFile file, OutputStream out) {
		super(header.info, file);
		this.header = header;
		this.out = out;
	}

	/** As {@link #create(Path, VideoInfo, List, boolean)} without extra header tags. */
	public static Y4mWriter create(Path target, VideoInfo info, boolean overwrite)
		throws IOException
	{
		return create(target, info, List.of(), overwrite);
	}

	/**
	 * Starts a y4m file for frames of {@code info}'s size, rate, aspect and layout.
	 *
	 * @param extraTags header tags to keep from a source ({@code X...})
	 * @throws java.nio.file.FileAlreadyExistsException if the target exists and
	 *           {@code overwrite} is false
	 */
	public static Y4mWriter create(Path target, VideoInfo info, List<String> extraTags,
		boolean overwrite) throws IOException
	{
		Y4mHeader header = Y4mHeader.of(info, extraTags);
		PendingFile file = PendingFile.create(target, overwrite);
		try {
			OutputStream out = new BufferedOutputStream(file.open(),
				1 << 16);
			out.write(header.bytes());
			return new Y4mWriter(header, file, out);
		}
		catch (IOException | RuntimeException e) {
			file.discard();
			throw e;
		}
	}

	@Override
	protected void encode(Frame frame) throws IOException {
		YuvPicture p = FramePixels.yuv(frame, header.chroma());
		out.write(FRAME);
		out.write(p.yBytes());
		if (p.chroma().hasChroma()) {
			out.write(p.cbBytes());
			out.write(p.crBytes());
		}
	}

	@Override
	protected void complete() throws IOException {
		out.close();
	}

	@Override
	protected void release() throws IOException {
		out.close();
	}
}
