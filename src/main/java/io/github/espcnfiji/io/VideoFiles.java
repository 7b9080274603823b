package io.github.espcnfiji.io;

import io.github.espcnfiji.files.PartFiles;
import io.github.espcnfiji.files.PendingFile;
import io.github.espcnfiji.video.AviWriter;
import io.github.espcnfiji.video.FrameSink;
import io.github.espcnfiji.video.FrameSource;
import io.github.espcnfiji.video.VideoInfo;
import io.github.espcnfiji.video.Y4mReader;
import io.github.espcnfiji.video.Y4mWriter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Video inputs and outputs by path: a {@code .y4m} file ({@link Y4mReader}, {@link Y4mWriter}),
 * an {@code .avi} file ({@link AviFrames}, {@link AviWriter}) or a folder of frames
 * ({@link FrameFolder}, {@link FrameFolderSink}). Inputs are recognised by their first bytes,
 * so a misnamed file is read for what it is; outputs by their extension, anything without one
 * being a folder.
 * <pre>{@code
 * VideoFiles.checkOutput(in, out);
 * try (FrameSource source = VideoFiles.open(in, 25);
 *     FrameSink sink = VideoFiles.create(out, source.info().scaled(3), AviWriter.Compression.PNG,
 *         false)) ...
 * }</pre>
 */
public final class VideoFiles {

	/** The extensions of video files that can be written. */
	public static final List<String> WRITABLE = List.of("y4m", "avi");

	private VideoFiles() {}

	/**
	 * Opens a video file or a folder of frames.
	 *
	 * @param folderFps the frame rate given to a folder of frames
	 * @throws IOException if it is missing, of another kind, or fails its reader's checks
	 */
	public static FrameSource open(Path input, double folderFps) throws IOException {
		if (!Files.exists(input)) throw new NoSuchFileException(input.toString(), null,
			"no such video file or folder of frames");
		if (Files.isDirectory(input)) return FrameFolder.open(input, folderFps);
		byte[] head = new byte[12];
		int n;
		try (InputStream in = Files.newInputStream(input)) {
			n = in.readNBytes(head, 0, head.length);
		}
		String start = new String(head, 0, n, StandardCharsets.ISO_8859_1);
		if (start.startsWith("YUV4MPEG2")) return Y4mReader.open(input);
		if (start.startsWith("RIFF") && n == 12 && start.substring(8).equals("AVI ")) return AviFrames
			.open(input);
		String ext = extension(input);
		if (ext.equals("y4m")) return Y4mReader.open(input); // says what is wrong with it
		if (ext.equals("avi")) return AviFrames.open(input);
		throw new IOException("cannot read " + input + " as a video: it is neither a YUV4MPEG2 " +
			"(.y4m) nor an AVI file; other videos can be converted, e.g. ffmpeg -i " + input
				.getFileName() + " -pix_fmt yuv420p video.y4m");
	}

	/**
	 * Starts an output for frames of {@code info}: {@code .y4m} (in {@code info}'s YUV layout, or
	 * {@link io.github.espcnfiji.video.Chroma#DEFAULT}), {@code .avi} (with {@code compression}),
	 * or, for a path without extension or an existing folder, a folder of numbered frames.
	 *
	 * @throws IllegalArgumentException for other extensions
	 * @throws java.nio.file.FileAlreadyExistsException if the output exists (or a folder holds
	 *           frames) and {@code overwrite} is false
	 */
	public static FrameSink create(Path output, VideoInfo info, AviWriter.Compression compression,
		boolean overwrite) throws IOException
	{
		String ext = extension(output);
		if (ext.equals("y4m")) return Y4mWriter.create(output, info, overwrite);
		if (ext.equals("avi")) return AviWriter.create(output, info, compression, overwrite);
		if (ext.isEmpty() || Files.isDirectory(output)) return FrameFolderSink.create(output,
			overwrite);
		throw new IllegalArgumentException("Cannot write '" + output.getFileName() + "': give a " +
			String.join(" or ", Arrays.asList(".y4m", ".avi")) + " file, or a folder for frames");
	}

	/**
	 * Refuses an output that is the input (the same file or folder, by any path), whatever the
	 * overwrite setting: inputs are never overwritten.
	 */
	public static void checkOutput(Path input, Path output) throws IOException {
		boolean same = Files.exists(input) && Files.exists(output) ? Files.isSameFile(input, output)
			: input.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize());
		if (same) throw new IllegalArgumentException("The output " + output + " is the input; " +
			"choose another name (inputs are never overwritten)");
	}

	/**
	 * Everything about an output that can be told before any work, with the user's path in the
	 * message: its kind ({@code .y4m}, {@code .avi} or a folder), that it exists only when
	 * {@code overwrite} allows it, and that its folder can be written (a temporary file is made
	 * beside it and removed again).
	 */
	public static void checkWritable(Path output, boolean overwrite) throws IOException {
		String ext = extension(output);
		boolean folder = ext.isEmpty() || Files.isDirectory(output);
		if (!folder && !ext.equals("y4m") && !ext.equals("avi")) throw new IllegalArgumentException(
			"Cannot write '" + output + "': give a .y4m or .avi file, or a folder for frames");
		if (!folder) PendingFile.checkTarget(output, overwrite);
		Path parent = output.toAbsolutePath().normalize().getParent();
		if (parent == null || !Files.isDirectory(parent)) throw new NoSuchFileException(output
			.toString(), null, "cannot write it: its folder " + parent + " does not exist");
		PartFiles.probe(output, folder);
	}

	/** The lower-case extension of {@code p}'s name ({@code y4m}, {@code avi}), empty if none. */
	public static String extension(Path p) {
		Path name = p.getFileName();
		if (name == null) return "";
		String s = name.toString();
		int dot = s.lastIndexOf('.');
		return dot <= 0 ? "" : s.substring(dot + 1).toLowerCase(Locale.ROOT);
	}
}
