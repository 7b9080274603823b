package io.github.espcnfiji.io;

import ij.IJ;
import ij.ImageStack;
import ij.plugin.AVI_Reader;
import ij.process.ImageProcessor;
import io.github.espcnfiji.video.Frame;
import io.github.espcnfiji.video.FrameSource;
import io.github.espcnfiji.video.VideoInfo;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The frames of an AVI file, read one at a time through ImageJ 1.x's AVI reader as a virtual
 * stack (so only the index is read on opening): uncompressed, PNG and JPEG frames, 8-bit (gray, or
 * indexed colour as RGB), 16-bit and RGB, AVI 1.0 and OpenDML. The frame rate comes from the AVI
 * header ({@link VideoInfo#DEFAULT_FPS} when it states none).
 */
public final class AviFrames implements FrameSource {

	private final Path file;
	private final AVI_Reader reader;
	private final ImageStack stack;
	private final VideoInfo info;
	private int next;

	private AviFrames(Path file, AVI_Reader reader, ImageStack stack, VideoInfo info) {
		this.file = file;
		this.reader = reader;
		this.stack = stack;
		this.info = info;
	}

	/**
	 * Opens an AVI file.
	 *
	 * @throws NoSuchFileException if it does not exist
	 * @throws IOException if ImageJ cannot read it as an AVI video or it holds no frames
	 */
	public static AviFrames open(Path file) throws IOException {
		if (!Files.exists(file)) throw new NoSuchFileException(file.toString(), null,
			"no such video file");
		if (Files.isDirectory(file)) throw new IOException(file + " is a folder, not an AVI video");
		AVI_Reader reader = new AVI_Reader();
		ImageStack stack;
		IJ.redirectErrorMessages();
		try {
			stack = reader.makeStack(file.toAbsolutePath().toString(), 1, 0, true, false, false);
		}
		finally {
			IJ.redirectErrorMessages(false);
		}
		if (stack == null) throw new IOException("cannot read " + file + " as an AVI video: " +
			oneLine(reader.getErrorText()));
		if (stack.getSize() == 0) throw new IOException("cannot read " + file +
			": it holds no frames");
		return new AviFrames(file, reader, stack, VideoInfo.ofImages(stack.getWidth(), stack
			.getHeight(), stack.getSize(), framesPerSecond(file)));
	}

	@Override
	public VideoInfo info() {
		return info;
	}

	@Override
	public Frame next() throws IOException {
		if (next >= stack.getSize()) return null;
		ImageProcessor ip;
		IJ.redirectErrorMessages();
		try {
			ip = stack.getProcessor(next + 1);
		}
		finally {
			IJ.redirectErrorMessages(false);
		}
		if (ip == null) throw new IOException("cannot read frame " + (next + 1) + " of " + file +
			": " + oneLine(reader.getErrorText()));
		return Frame.of(next++, FramePictures.of(ip));
	}

	@Override
	public void close() {
		// the reader opens the file anew for every frame
	}

	/** 1e6 / dwMicroSecPerFrame of the main AVI header, where a standard header has it. */
	private static double framesPerSecond(Path file) throws IOException {
		try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
			if (f.length() < 36) return VideoInfo.DEFAULT_FPS;
			byte[] b = new byte[36];
			f.readFully(b);
			if (b[24] != 'a' || b[25] != 'v' || b[26] != 'i' || b[27] != 'h') return VideoInfo.DEFAULT_FPS;
			int us = (b[32] & 0xff) | (b[33] & 0xff) << 8 | (b[34] & 0xff) << 16 | (b[35] & 0xff) << 24;
			return us > 0 ? 1e6 / us : VideoInfo.DEFAULT_FPS;
		}
	}

	private static String oneLine(String s) {
		return s == null || s.isBlank() ? "unknown error" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ")
			.trim();
	}
}
