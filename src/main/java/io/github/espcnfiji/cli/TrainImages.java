package io.github.espcnfiji.cli;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ColorProcessor;
import io.github.espcnfiji.core.FloatPlane;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Interim image loading for training (to be replaced by io.ImageFiles). */
final class TrainImages {

	private TrainImages() {}

	static List<Path> list(Path dir) throws IOException {
		if (!Files.isDirectory(dir)) throw new IllegalArgumentException("Not a folder: " + dir);
		try (Stream<Path> s = Files.list(dir)) {
			List<Path> out = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT)
				.matches(".*\\.(png|tif|tiff|jpg|jpeg|bmp|gif)")).sorted().collect(Collectors
					.toList());
			if (out.isEmpty()) throw new IllegalArgumentException("No images in " + dir);
			return out;
		}
	}

	static FloatPlane[] load(Path p) {
		ImagePlus imp = IJ.openImage(p.toString());
		if (imp == null) throw new IllegalArgumentException("Cannot read image " + p);
		int w = imp.getWidth(), h = imp.getHeight();
		if (imp.getProcessor() instanceof ColorProcessor) {
			int[] px = (int[]) imp.getProcessor().getPixels();
			float[][] c = new float[3][w * h];
			for (int i = 0; i < px.length; i++) {
				c[0][i] = (px[i] >> 16) & 0xff;
				c[1][i] = (px[i] >> 8) & 0xff;
				c[2][i] = px[i] & 0xff;
			}
			return new FloatPlane[] { new FloatPlane(c[0], w, h), new FloatPlane(c[1], w, h),
				new FloatPlane(c[2], w, h) };
		}
		float[] g = (float[]) imp.getProcessor().convertToFloat().getPixels();
		return new FloatPlane[] { new FloatPlane(g.clone(), w, h) };
	}

	static List<FloatPlane[]> loadAll(List<Path> files) {
		List<FloatPlane[]> out = new ArrayList<>();
		for (Path p : files)
			out.add(load(p));
		return out;
	}
}
