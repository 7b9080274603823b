package io.github.espcnfiji.spark;

import io.github.espcnfiji.cli.UpscalePlan;
import io.github.espcnfiji.files.Inputs;
import io.github.espcnfiji.io.ImageFiles;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * The image files of a Spark {@code upscale} and where each result goes: a folder (its images,
 * as the command line lists them) or a glob of file names in one folder
 * ({@code /data/plate1/*_w1.tif}), with outputs named as the command line names them
 * ({@link UpscalePlan}). Checked before any work: the input exists and holds images, the output
 * folder is not the input folder nor inside it, and no two inputs share an output.
 */
final class ImageInputs {

	private ImageInputs() {}

	/** Whether the argument is a glob rather than a path. */
	static boolean isGlob(String input) {
		return input.indexOf('*') >= 0 || input.indexOf('?') >= 0 || input.indexOf('[') >= 0 ||
			input.indexOf('{') >= 0;
	}

	/**
	 * The jobs, inputs in the order the command line takes them.
	 *
	 * @throws IOException naming the input or output that is wrong
	 */
	static List<UpscalePlan.Job> plan(String input, Path output) throws IOException {
		if (!isGlob(input)) {
			Path in = Path.of(input);
			if (Files.isRegularFile(in)) throw new IllegalArgumentException("--input " + input +
				" is one file; the Spark job takes a folder, a glob or a Zarr image (the command " +
				"line's upscale does one file)");
			if (Files.isDirectory(in)) {
				refuseOutputInside(in, output);
				if (ImageFiles.list(in).isEmpty()) throw new NoSuchFileException(input, null,
					"no images in this folder");
			}
			// existing outputs are the rerun's business (skipped or replaced), not the plan's
			return UpscalePlan.of(in, output, true).jobs();
		}
		Path folder = folder(input);
		String glob = Path.of(input).getFileName().toString();
		if (isGlob(folder.toString())) throw new IllegalArgumentException("--input " + input +
			": only the file name may hold wildcards, not the folder");
		if (!Files.isDirectory(folder)) throw new NoSuchFileException(folder.toString(), null,
			"no such folder (of --input " + input + ")");
		refuseOutputInside(folder, output);
		PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
		List<Path> files = new ArrayList<>();
		for (Path f : ImageFiles.list(folder))
			if (matcher.matches(f.getFileName())) files.add(f);
		if (files.isEmpty()) throw new NoSuchFileException(input, null,
			"no image file matches this pattern");
		// the plan of the whole folder checks names and clashes; keep the matching files
		List<UpscalePlan.Job> jobs = new ArrayList<>();
		for (UpscalePlan.Job j : UpscalePlan.of(folder, output, true).jobs())
			if (files.contains(j.input)) jobs.add(j);
		return jobs;
	}

	/** The folder the images are read from: the input, or the folder of a glob. */
	static Path folder(String input) {
		if (!isGlob(input)) return Path.of(input);
		Path parent = Path.of(input).getParent();
		return parent == null ? Path.of(".") : parent;
	}

	private static void refuseOutputInside(Path inputFolder, Path output) throws IOException {
		Path in = inputFolder.toAbsolutePath().normalize(), out = output.toAbsolutePath()
			.normalize();
		if (Inputs.same(in, out) || out.startsWith(in)) throw new IllegalArgumentException(
			"--output " + output + " is inside the input folder " + inputFolder +
				"; choose a folder outside it (inputs are never overwritten)");
	}
}
