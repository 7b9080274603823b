package io.github.espcnfiji.cli;

import io.github.espcnfiji.io.ImageFiles;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.results.BenchmarkSet;
import io.github.espcnfiji.results.ComparisonFigure;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code compare}: for test images, a PNG with the same crop of the original, bicubic and the
 * model's result side by side ({@link ComparisonFigure}).
 */
public final class CompareCommand implements Command {

	static final int CROP = 96, ZOOM = 2;

	@Override
	public String name() {
		return "compare";
	}

	@Override
	public String summary() {
		return "side-by-side crops (original, bicubic, ESPCN) of test images as PNGs";
	}

	@Override
	public OptionSpec options() {
		return new OptionSpec().required("model", ModelChoice.VALUE, ModelChoice.HELP).required(
			"image", "FILE[,FILE...]", "high-resolution test images (8-bit gray or RGB)").required(
				"output", "DIR", "folder for compare-xN-SET-IMAGE.png (created if missing)").optional(
					"crop", "N", "crop side in HR pixels (default " + CROP + ")").optional("zoom", "N",
						"enlargement of the crops (default " + ZOOM + ")").flag("overwrite",
							"replace existing figures");
	}

	@Override
	public String notes() {
		return "Each image is shrunk by the model's scale as the evaluation protocol does, then\n" +
			"enlarged by bicubic and by the model; the crop is where the original has the most\n" +
			"detail. Labels give the PSNR of the whole image (Y, border = scale).";
	}

	@Override
	public int run(Options o, Console console) throws Exception {
		List<Path> images = new ArrayList<>();
		for (String f : o.require("image").split(","))
			if (!f.isBlank()) images.add(Path.of(f.trim()));
		if (images.isEmpty()) throw new UsageException("--image needs at least one file");
		int crop = o.integer("crop", CROP, 8), zoom = o.integer("zoom", ZOOM, 1);
		Path dir = o.path("output");
		try (EspcnModel model = ModelChoice.load(o.require("model"), Optional.empty())) {
			List<Path> outputs = new ArrayList<>();
			for (Path image : images)
				outputs.add(dir.resolve(fileName(image, model.scale())));
			checkFree(outputs, o.flag("overwrite"));
			Files.createDirectories(dir);
			String label = ResultsCommand.label(o.require("model"));
			for (int i = 0; i < images.size(); i++) {
				write(images.get(i), model, label, crop, zoom, outputs.get(i), o.flag("overwrite"));
				console.result("wrote %s", outputs.get(i));
			}
		}
		return 0;
	}

	/** Draws and writes one figure. */
	static void write(Path image, EspcnModel model, String label, int crop, int zoom, Path output,
		boolean overwrite) throws java.io.IOException
	{
		ImageFiles.write(output, ComparisonFigure.draw(title(image), BenchmarkSet.read(image)
			.planes(), model.scale(), model, label, crop, zoom), overwrite);
	}

	/** {@code compare-x3-Set14-zebra.png}: scale, the image's folder and its name. */
	static String fileName(Path image, int scale) {
		String base = image.getFileName().toString().replaceFirst("\\.[^.]*$", "");
		Path parent = image.toAbsolutePath().normalize().getParent();
		String set = parent == null || parent.getFileName() == null ? "" : parent.getFileName() +
			"-";
		return ("compare-x" + scale + "-" + set + base).replaceAll("[^A-Za-z0-9._-]+", "-") + ".png";
	}

	/** {@code Set14/zebra.png}: the image's folder and name. */
	static String title(Path image) {
		Path abs = image.toAbsolutePath().normalize(), parent = abs.getParent();
		return (parent == null || parent.getFileName() == null ? "" : parent.getFileName() + "/") +
			abs.getFileName();
	}

	/** Fails before any work when an output exists and may not be replaced. */
	static void checkFree(List<Path> outputs, boolean overwrite) throws FileAlreadyExistsException {
		if (overwrite) return;
		for (Path p : outputs)
			if (Files.exists(p)) throw new FileAlreadyExistsException(p.toString(), null,
				"it exists; add --overwrite to replace it");
	}
}
