package io.github.espcnfiji.cli;

import io.github.espcnfiji.io.ImageFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reference and test images matched for {@code measure}: two files, or two folders matched by
 * file name (the same name, else the same name before the extension, so {@code a.png} matches
 * {@code a.tif}).
 */
final class ImagePairs {

	/** A reference image and the image measured against it. */
	static final class Pair {

		final Path reference;
		final Path test;

		Pair(Path reference, Path test) {
			this.reference = reference;
			this.test = test;
		}
	}

	private ImagePairs() {}

	/**
	 * @throws UsageException when one is a file and the other a folder
	 * @throws IOException when a path is missing or a reference has no test image
	 */
	static List<Pair> match(Path reference, Path test) throws IOException, UsageException {
		for (Path p : new Path[] { reference, test })
			if (!Files.exists(p)) throw new NoSuchFileException(p.toString(), null,
				"no such image file or folder");
		boolean refDir = Files.isDirectory(reference), testDir = Files.isDirectory(test);
		if (refDir != testDir) throw new UsageException(
			"--reference and --test must both be image files or both be folders");
		List<Pair> pairs = new ArrayList<>();
		if (!refDir) {
			pairs.add(new Pair(reference, test));
			return pairs;
		}
		List<Path> tests = ImageFiles.list(test);
		List<String> missing = new ArrayList<>();
		for (Path r : ImageFiles.list(reference)) {
			Path t = find(r.getFileName().toString(), tests);
			if (t == null) missing.add(r.getFileName().toString());
			else pairs.add(new Pair(r, t));
		}
		if (!missing.isEmpty()) throw new NoSuchFileException(test.toString(), null, "no test " +
			"image named like " + (missing.size() > 3 ? String.join(", ", missing.subList(0, 3)) +
				" and " + (missing.size() - 3) + " more" : String.join(", ", missing)) +
			" (folders are matched by file name)");
		return pairs;
	}

	private static Path find(String name, List<Path> candidates) {
		for (Path c : candidates)
			if (c.getFileName().toString().equals(name)) return c;
		String base = base(name);
		for (Path c : candidates)
			if (base(c.getFileName().toString()).equals(base)) return c;
		return null;
	}

	private static String base(String name) {
		int dot = name.lastIndexOf('.');
		return dot < 0 ? name : name.substring(0, dot);
	}
}
