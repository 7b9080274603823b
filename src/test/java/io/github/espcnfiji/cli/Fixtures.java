package io.github.espcnfiji.cli;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ShortProcessor;
import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.io.ImageFiles;
import io.github.espcnfiji.model.Activation;
import io.github.espcnfiji.model.EspcnBlock;
import io.github.espcnfiji.model.EspcnSpec;
import io.github.espcnfiji.model.ModelCard;
import io.github.espcnfiji.model.ModelFiles;

import java.io.IOException;
import java.nio.file.Path;

/** Test helper: tiny models and small synthetic images written to a temporary folder. */
final class Fixtures {

	private Fixtures() {}

	/** A tiny untrained model (widths 4 and 2, 3x3 kernels) for {@code scale}, saved at {@code target}. */
	static Path model(Path target, int scale) throws IOException {
		EspcnSpec spec = new EspcnSpec(scale, 1, Activation.TANH, new int[] { 4, 2 }, new int[] { 3,
			3, 3 });
		ModelCard card = ModelCard.forSpec(spec);
		card.name = "tiny-x" + scale;
		ModelFiles.save(card, EspcnBlock.initialWeights(spec, 7), target, false);
		return target;
	}

	/** A smooth gradient with some texture, on 0-255. */
	static FloatPlane plane(int w, int h, int seed) {
		float[] v = new float[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				v[y * w + x] = (float) (127.5 + 100 * Math.sin((x + seed) * 0.3) * Math.cos(y * 0.2));
		return new FloatPlane(v, w, h);
	}

	static Path gray8(Path file, int w, int h) throws IOException {
		ImageFiles.write(file, new FloatPlane[] { plane(w, h, 0) }, 8, false);
		return file;
	}

	/** One 16-bit plane, values from 1000 to about 21000. */
	static Path gray16(Path file, int w, int h) throws IOException {
		FloatPlane p = plane(w, h, 0);
		for (int i = 0; i < p.data().length; i++)
			p.data()[i] = p.data()[i] * 80 + 1000;
		ImageFiles.write(file, new FloatPlane[] { p }, 16, false);
		return file;
	}

	static Path rgb(Path file, int w, int h) throws IOException {
		ImageFiles.write(file, new FloatPlane[] { plane(w, h, 0), plane(w, h, 5), plane(w, h, 9) },
			24, false);
		return file;
	}

	/** A 16-bit stack of {@code slices} planes, calibrated at 0.5 mm per pixel. */
	static Path stack16(Path file, int w, int h, int slices) throws IOException {
		ImageStack stack = new ImageStack(w, h);
		for (int s = 0; s < slices; s++) {
			short[] px = new short[w * h];
			float[] v = plane(w, h, s).data();
			for (int i = 0; i < px.length; i++)
				px[i] = (short) (v[i] * 100 + 1000);
			stack.addSlice(new ShortProcessor(w, h, px, null));
		}
		ImagePlus imp = new ImagePlus("stack", stack);
		imp.getCalibration().pixelWidth = 0.5;
		imp.getCalibration().pixelHeight = 0.5;
		imp.getCalibration().setUnit("mm");
		ImageFiles.write(file, imp, false);
		return file;
	}
}
