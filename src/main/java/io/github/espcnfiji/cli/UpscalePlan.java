package io.github.espcnfiji.cli;

import io.github.espcnfiji.files.Inputs;
import io.github.espcnfiji.io.ImageFiles;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which file goes where for {@code upscale}, checked before any work starts: inputs are never
 * overwritten, existing outputs only with {@code --overwrite}, and no two inputs may share an
 * output. A folder input gives an output folder (created if missing) with files named like the
 * inputs: {@code .png} and {@code .tif}/{@code .tiff} keep their extension, JPEG and BMP become
 * {@code .png} (lossless), anything else {@code .tif}.
 */
public final class UpscalePlan {

	/** One input and the file its result goes to. */
	public static final class Job {

		public final Path input;
		public final Path output;

		Job(Path input, Path output) {
			this.input = input;
			this.output = output;
		}
	}

	private final List<Job> jobs;
	private final Path outputFolder;

	private UpscalePlan(List<Job> jobs, Path outputFolder) {
		this.jobs = Collections.unmodifiableList(jobs);
		this.outputFolder = outputFolder;
	}

	public List<Job> jobs() {
		return jobs;
	}

	/** Whether the input was a folder (so that one failed file does not stop the others). */
	public boolean isBatch() {
		return outputFolder != null;
	}

	/**
	 * Plans the work and checks it; nothing is written (see {@link #prepare()}).
	 *
	 * @throws IOException when an input is missing, an output exists (without
	 *           {@code overwrite}), an output would replace an input, or the output folder cannot
	 *           be made
	 */
	public static UpscalePlan of(Path input, Path output, boolean overwrite) throws IOException {
		if (!Files.exists(input)) throw new NoSuchFileException(input.toString(), null,
			"no such image file or folder");
		List<Job> jobs = new ArrayList<>();
		boolean folder = Files.isDirectory(input);
		if (folder) {
			if (Files.exists(output) && !Files.isDirectory(output))
				throw new FileAlreadyExistsException(output.toString(), null,
					"the input is a folder, so --output must be a folder, and this is a file");
			if (sameFile(input, output)) throw new IllegalArgumentException("--output " + output +
				" is the input folder; choose another folder (inputs are never overwritten)");
			List<Path> files = ImageFiles.list(input);
			for (Path f : files)
				jobs.add(new Job(f, output.resolve(outputName(f.getFileName().toString()))));
		}
		else if (Files.isDirectory(output)) jobs.add(new Job(input, output.resolve(outputName(input
			.getFileName().toString()))));
		else jobs.add(new Job(input, output));
		check(jobs, overwrite);
		return new UpscalePlan(jobs, folder ? output : null);
	}

	/** Creates the output folder of a folder input. */
	public void prepare() throws IOException {
		if (outputFolder == null) return;
		try {
			Files.createDirectories(outputFolder);
		}
		catch (IOException e) {
			throw new IOException("cannot create the output folder " + outputFolder + ": " +
				Failures.describe(e), e);
		}
	}

	private static void check(List<Job> jobs, boolean overwrite) throws IOException {
		Map<Path, Path> taken = new HashMap<>();
		for (Job j : jobs) {
			Path key = j.output.toAbsolutePath().normalize();
			Path other = taken.put(key, j.input);
			if (other != null) throw new IllegalArgumentException(other.getFileName() + " and " + j
				.input.getFileName() + " would both be written to " + j.output +
				"; rename or move one of them");
			if (sameFile(j.input, j.output)) throw new IllegalArgumentException("--output " +
				j.output + " is the input file; choose another name (inputs are never overwritten)");
			if (!overwrite && Files.exists(j.output)) throw new FileAlreadyExistsException(j.output
				.toString(), null, "the output exists; add --overwrite to replace it");
		}
	}

	/** The output file name for an input file name, see the class comment. */
	public static String outputName(String inputName) {
		int dot = inputName.lastIndexOf('.');
		String base = dot < 0 ? inputName : inputName.substring(0, dot);
		String ext = dot < 0 ? "" : inputName.substring(dot + 1).toLowerCase(Locale.ROOT);
		switch (ext) {
			case "png":
			case "tif":
			case "tiff":
				return inputName;
			case "jpg":
			case "jpeg":
			case "bmp":
				return base + ".png";
			default:
				return base + ".tif";
		}
	}

	private static boolean sameFile(Path a, Path b) throws IOException {
		return Inputs.same(a, b);
	}
}
