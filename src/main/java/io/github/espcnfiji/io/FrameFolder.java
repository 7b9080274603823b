package io.github.espcnfiji.io;

import ij.ImagePlus;
import io.github.espcnfiji.core.Normalization;
import io.github.espcnfiji.video.Frame;
import io.github.espcnfiji.video.FrameSource;
import io.github.espcnfiji.video.VideoInfo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A folder of image files as a video: the files ImageJ reads ({@link ImageFiles#list}), in file
 * name order, one frame each. Every frame must have the size and type of the first; opening
 * checks the sizes of all files whose headers Java can read (PNG, JPEG, BMP, GIF, TIFF) before
 * any frame is decoded, and every frame is checked again as it is read, so a stray file fails
 * with its name. Frames are 8-bit, 16-bit, 32-bit or RGB images of one plane.
 */
public final class FrameFolder implements FrameSource {

	static {
		ImageIO.setUseCache(false); // no imageio*.tmp files left behind by a killed run
	}

	private final Path folder;
	private final List<Path> files;
	/** The number of this source's first frame in the whole series. */
	private final long offset;
	/** The series' first frame, whose size and type every frame must have. */
	private final Path reference;
	private final VideoInfo info;
	private Frame first;
	private int next;

	private FrameFolder(Path folder, List<Path> files, long offset, Path reference,
		VideoInfo info)
	{
		this.folder = folder;
		this.files = files;
		this.offset = offset;
		this.reference = reference;
		this.info = info;
	}

	/**
	 * Lists and checks a folder of frames.
	 *
	 * @param fps the frame rate to give the video (a folder states none)
	 * @throws IOException if the folder is missing, holds no images, or a frame's size differs
	 *           from the first's
	 */
	public static FrameFolder open(Path folder, double fps) throws IOException {
		List<Path> files;
		try {
			files = ImageFiles.list(folder);
		}
		catch (IllegalArgumentException e) {
			throw new IOException(e.getMessage(), e);
		}
		int[] size = headerSize(files.get(0));
		if (size == null) {
			ImagePlus imp = ImageFiles.open(files.get(0));
			size = new int[] { imp.getWidth(), imp.getHeight() };
			imp.close();
		}
		for (Path f : files) {
			int[] s = headerSize(f);
			if (s != null && (s[0] != size[0] || s[1] != size[1])) throw new IOException(sizeMessage(
				f, s[0] + "x" + s[1], files.get(0), size[0] + "x" + size[1]));
		}
		return new FrameFolder(folder, files, 0, files.get(0), VideoInfo.ofImages(size[0], size[1],
			files.size(), fps));
	}

	/**
	 * Frames {@code offset} to {@code offset + files.size() - 1} of a folder that was listed and
	 * checked whole already ({@link #open}, e.g. by a Spark driver): {@code files} are those
	 * frames' files, {@code reference} the series' first frame (read once more, as the size and
	 * type every frame must have) and {@code info} the whole series' ({@link #info()} of the
	 * folder). Frames keep their numbers in the series.
	 */
	public static FrameFolder part(Path folder, List<Path> files, long offset, Path reference,
		VideoInfo info)
	{
		if (files.isEmpty() || offset < 0) throw new IllegalArgumentException("A part of a folder " +
			"holds at least one frame, from frame 0 on");
		return new FrameFolder(folder, List.copyOf(files), offset, reference, info);
	}

	/** The files of this source's frames, in order. */
	public List<Path> files() {
		return files;
	}

	@Override
	public VideoInfo info() {
		return info;
	}

	@Override
	public Frame next() throws IOException {
		if (next >= files.size()) return null;
		Path file = files.get(next);
		ImagePlus imp = ImageFiles.open(file);
		try {
			if (imp.getStackSize() != 1) throw new IOException("Frame " + file.getFileName() +
				" in " + folder + " has " + imp.getStackSize() + " planes; every frame of a folder " +
				"must be a single image");
			Frame frame = Frame.of(offset + next, FramePictures.of(imp.getProcessor()));
			if (first == null && file.equals(reference)) first = frame;
			else {
				if (first == null) first = referenceFrame();
				if (frame.width() != first.width() || frame.height() != first.height() || !kind(frame)
					.equals(kind(first))) throw new IOException(sizeMessage(file, frame.describe(),
						reference, first.describe()));
			}
			next++;
			return frame;
		}
		finally {
			imp.close();
		}
	}

	/**
	 * For 16-bit and 32-bit frames, min and max over every frame: reads each file once more
	 * (the series' first frame's type decides; a frame of another type fails as {@link #next()}
	 * would). For a {@link #part}, min and max over its frames: folded with
	 * {@link Normalization#spanning} over the parts, the whole series' range.
	 */
	@Override
	public Optional<Normalization> seriesNormalization() throws IOException {
		Normalization series = null;
		int firstDepth = files.get(0).equals(reference) ? 0 : bitDepth(reference);
		if (firstDepth != 0 && firstDepth != 16 && firstDepth != 32) return Optional.empty();
		for (Path file : files) {
			ImagePlus imp = ImageFiles.open(file);
			try {
				int depth = imp.getBitDepth();
				if (firstDepth == 0 && depth != 16 && depth != 32) return Optional.empty();
				if (firstDepth == 0) firstDepth = depth;
				else if (depth != firstDepth) throw new IOException("Frame " + file.getFileName() +
					" in " + folder + " is " + depth + "-bit, but the first frame " + reference
						.getFileName() + " is " + firstDepth + "-bit; every frame must have the same " +
					"size and type");
				Normalization frame = depth == 16 ? Normalization.of(ImagePlusBridge.wrapShorts(imp))
					: Normalization.of(ImagePlusBridge.wrapFloats(imp));
				series = series == null ? frame : series.spanning(frame);
			}
			catch (IllegalArgumentException e) {
				throw new IOException("Frame " + file.getFileName() + " in " + folder + ": " + e
					.getMessage(), e);
			}
			finally {
				imp.close();
			}
		}
		return Optional.ofNullable(series);
	}

	@Override
	public void close() {
		// every frame's file is closed once read
	}

	/** The series' first frame, for a part that starts later. */
	private Frame referenceFrame() throws IOException {
		ImagePlus imp = ImageFiles.open(reference);
		try {
			return Frame.of(0, FramePictures.of(imp.getProcessor()));
		}
		finally {
			imp.close();
		}
	}

	private static int bitDepth(Path file) throws IOException {
		ImagePlus imp = ImageFiles.open(file);
		try {
			return imp.getBitDepth();
		}
		finally {
			imp.close();
		}
	}

	private static String kind(Frame f) {
		return f.describe().substring(f.describe().indexOf(' ') + 1);
	}

	private static String sizeMessage(Path odd, String oddSize, Path first, String firstSize) {
		return "Frame " + odd.getFileName() + " is " + oddSize + ", but the first frame " + first
			.getFileName() + " is " + firstSize + "; every frame of " + odd.getParent() +
			" must have the same size and type";
	}

	/** The width and height from the file's header, or null where Java has no reader for it. */
	private static int[] headerSize(Path file) throws IOException {
		try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
			if (in == null) return null;
			Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
			if (!readers.hasNext()) return null;
			ImageReader reader = readers.next();
			try {
				reader.setInput(in, true, true);
				return new int[] { reader.getWidth(0), reader.getHeight(0) };
			}
			catch (IOException | RuntimeException e) {
				return null; // left to ImageJ, which reads more kinds of files
			}
			finally {
				reader.dispose();
			}
		}
	}
}
