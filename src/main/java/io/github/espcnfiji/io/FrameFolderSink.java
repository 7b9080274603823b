package io.github.espcnfiji.io;

import ij.ImagePlus;
import io.github.espcnfiji.files.PartFiles;
import io.github.espcnfiji.video.Frame;
import io.github.espcnfiji.video.FramePixels;
import io.github.espcnfiji.video.FrameSink;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Frames written to a folder as numbered image files, {@code 000001.png}, {@code 000002.png},
 * ...: PNG for 8-bit, 16-bit and RGB frames (YUV frames become RGB), TIFF ({@code .tif}) for
 * 32-bit and multi-plane frames. They are written into a hidden folder beside the target and
 * moved into it by {@link #finish()}, so nothing appears in the target before the run completes.
 * A target folder that already holds numbered frames is refused unless overwriting is allowed.
 */
public final class FrameFolderSink implements FrameSink {

	private static final Pattern FRAME_FILE = Pattern.compile("\\d{6}\\.(png|tif)");

	private final Path target;
	private final Path pending;
	private final boolean overwrite;
	private long written;
	private boolean finished;

	private FrameFolderSink(Path target, Path pending, boolean overwrite) {
		this.target = target;
		this.pending = pending;
		this.overwrite = overwrite;
	}

	/**
	 * Prepares to write frames into {@code folder} (created when finished, with its parents now).
	 *
	 * @throws FileAlreadyExistsException if it is a file, or holds numbered frames and
	 *           {@code overwrite} is false
	 */
	public static FrameFolderSink create(Path folder, boolean overwrite) throws IOException {
		Path target = folder.toAbsolutePath().normalize();
		if (Files.exists(target) && !Files.isDirectory(target)) throw new FileAlreadyExistsException(
			target.toString(), null, "the output is a file; frames are written to a folder");
		if (!overwrite && Files.isDirectory(target) && !frameFiles(target).isEmpty())
			throw new FileAlreadyExistsException(target.toString(), null, "the folder already holds " +
				"frames (" + frameFiles(target).get(0).getFileName() + ", ...); choose another folder " +
				"or allow overwriting");
		Path parent = target.getParent();
		if (parent == null) throw new IOException("Cannot write frames to " + target);
		Files.createDirectories(parent);
		return new FrameFolderSink(target, PartFiles.create(target, true), overwrite);
	}

	/** The file name of frame {@code index} (from 0): {@code 000001.png} for the first. */
	static String name(long index, String extension) {
		return String.format(Locale.ROOT, "%06d.%s", index + 1, extension);
	}

	@Override
	public void write(Frame frame) throws IOException {
		if (finished) throw new IllegalStateException("The frame folder is finished");
		ImagePlus imp = ImagePlusBridge.toImagePlus("frame", FramePixels.image(frame));
		boolean tiff = imp.getBitDepth() == 32 || imp.getStackSize() > 1;
		Path file = pending.resolve(name(frame.index(), tiff ? "tif" : "png"));
		ImageFiles.write(file, imp, false);
		readableAsFolder(file);
		written++;
	}

	@Override
	public long written() {
		return written;
	}

	@Override
	public void finish() throws IOException {
		if (finished) return;
		if (!Files.exists(target)) Files.move(pending, target);
		else {
			// only frames go in, one rename each: a kill part-way leaves whole frames
			for (Path f : frameFiles(pending))
				if (overwrite) Files.move(f, target.resolve(f.getFileName()),
					StandardCopyOption.REPLACE_EXISTING);
				else Files.move(f, target.resolve(f.getFileName()));
			Files.delete(pending);
		}
		PartFiles.forget(pending);
		finished = true;
	}

	@Override
	public void close() throws IOException {
		if (finished) return;
		finished = true;
		PartFiles.removeNow(pending);
	}

	/**
	 * Gives a frame the permissions of its folder without execute bits (ImageFiles' temporary
	 * files are readable by their owner only), where the file system has POSIX permissions.
	 */
	private void readableAsFolder(Path file) throws IOException {
		try {
			Set<PosixFilePermission> p = EnumSet.copyOf(Files.getPosixFilePermissions(pending));
			p.removeAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE,
				PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE));
			Files.setPosixFilePermissions(file, p);
		}
		catch (UnsupportedOperationException e) {
			// not POSIX (Windows): files get the folder's access rules anyway
		}
	}

	private static List<Path> frameFiles(Path folder) throws IOException {
		List<Path> out = new ArrayList<>();
		try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
			for (Path f : files)
				if (FRAME_FILE.matcher(f.getFileName().toString()).matches()) out.add(f);
		}
		out.sort(null);
		return out;
	}
}
