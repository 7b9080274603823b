package io.github.espcnfiji.results;

import io.github.espcnfiji.io.ImageFiles;
import io.github.espcnfiji.io.LoadedImage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A benchmark set: a folder of high-resolution images, named after the folder ({@code Set5},
 * {@code BSD100}, ...), its images in {@link ImageFiles#list} order.
 */
public final class BenchmarkSet {

	private final String name;
	private final Path folder;
	private final List<Path> images;

	private BenchmarkSet(String name, Path folder, List<Path> images) {
		this.name = name;
		this.folder = folder;
		this.images = List.copyOf(images);
	}

	/**
	 * The images of a folder.
	 *
	 * @throws IOException when it is missing, not a folder, or holds no image
	 */
	public static BenchmarkSet of(Path folder) throws IOException {
		Path f = folder.toAbsolutePath().normalize();
		Path name = f.getFileName();
		return new BenchmarkSet(name == null ? f.toString() : name.toString(), folder,
			ImageFiles.list(folder));
	}

	public String name() {
		return name;
	}

	public Path folder() {
		return folder;
	}

	public List<Path> images() {
		return images;
	}

	/**
	 * Reads a benchmark image: one plane of 8-bit grey or R, G, B on 0-255, as the protocol
	 * expects.
	 *
	 * @throws IllegalArgumentException for stacks and 16- or 32-bit images
	 */
	public static LoadedImage read(Path file) throws IOException {
		LoadedImage img = ImageFiles.read(file);
		if (img.slices() != 1 || img.bitDepth() == 16 || img.bitDepth() == 32)
			throw new IllegalArgumentException(file + " is not a single 8-bit gray or RGB " +
				"image; the protocol works on 0-255 images");
		return img;
	}
}
