package io.github.espcnfiji.results;

import ij.ImagePlus;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import io.github.espcnfiji.core.EvaluationProtocol;
import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.MatlabResize;
import io.github.espcnfiji.core.PlaneUpscaler;
import io.github.espcnfiji.core.Quantize;
import io.github.espcnfiji.core.Scores;
import io.github.espcnfiji.core.YCbCr;
import io.github.espcnfiji.io.ImageFiles;

import java.awt.Color;
import java.awt.Font;
import java.util.Locale;

/**
 * A visual check of one test image: the same crop of the original (HR), of bicubic and of the
 * model's result, side by side and enlarged without interpolation, each labelled, with the
 * whole-image PSNR of the protocol. The low-resolution input is made as the protocol makes it;
 * the model's colour result has its Y from the network (exactly the Y that is scored) and Cb, Cr
 * by bicubic. The crop is where the original has the most detail (the largest sum of squared
 * luma gradients), which does not depend on either method's result.
 * <pre>{@code
 * ImagePlus fig = ComparisonFigure.draw("Set14/zebra.png", hrPlanes, 3, model, "espcn-x3", 96, 2);
 * }</pre>
 */
public final class ComparisonFigure {

	private static final int MARGIN = 8, LABEL = 22, TITLE = 40;

	private ComparisonFigure() {}

	/**
	 * @param hr the original's planes on 0-255: one (grey) or R, G, B
	 * @param crop the side of the crop in HR pixels (smaller when the image is)
	 * @param zoom how many times the crop is enlarged (nearest neighbour)
	 */
	public static ImagePlus draw(String title, FloatPlane[] hr, int scale, PlaneUpscaler model,
		String modelLabel, int crop, int zoom)
	{
		if (crop < 8) throw new IllegalArgumentException("The crop must be at least 8 pixels, got " +
			crop);
		if (zoom < 1) throw new IllegalArgumentException("Zoom must be >= 1, got " + zoom);
		FloatPlane[] original = EvaluationProtocol.modCrop(hr, scale);
		FloatPlane[] lr = EvaluationProtocol.lowRes(original, scale);
		Scores scores = EvaluationProtocol.evaluate(original, scale, model);
		FloatPlane[] bicubic = new FloatPlane[lr.length];
		for (int c = 0; c < lr.length; c++)
			bicubic[c] = Quantize.toUnsignedByteRange(MatlabResize.upscale(lr[c], scale));
		FloatPlane[] sr = superResolve(lr, scale, model);

		FloatPlane luma = EvaluationProtocol.luma(original);
		int side = Math.min(crop, Math.min(luma.width(), luma.height()) - 2 * scale);
		if (side < 8) throw new IllegalArgumentException("The image is too small for a crop");
		int[] at = detailWindow(luma, side, scale);
		String[] labels = { "original (HR)", String.format(Locale.ROOT, "bicubic  %.2f dB", scores
			.bicubicPsnr()), String.format(Locale.ROOT, "ESPCN %s  %.2f dB", modelLabel, scores
				.modelPsnr().getAsDouble()) };
		FloatPlane[][] images = { original, bicubic, sr };

		int panel = side * zoom;
		ColorProcessor out = new ColorProcessor(3 * panel + 4 * MARGIN, TITLE + LABEL + panel +
			MARGIN);
		out.setColor(Color.WHITE);
		out.fill();
		out.setColor(Color.BLACK);
		out.setAntialiasedText(true);
		out.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
		out.drawString(title + ", x" + scale, MARGIN, TITLE / 2 - 3);
		out.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
		out.drawString(String.format(Locale.ROOT, "crop %dx%d at (%d, %d), shown %dx; PSNR of the " +
			"whole image (Y, border %d)", side, side, at[0], at[1], zoom, scale), MARGIN, TITLE - 4);
		out.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
		for (int i = 0; i < 3; i++) {
			int x = MARGIN + i * (panel + MARGIN);
			ImageProcessor p = rgb(images[i]);
			p.setRoi(at[0], at[1], side, side);
			p = p.crop();
			p.setInterpolationMethod(ImageProcessor.NONE);
			out.insert(p.resize(panel, panel), x, TITLE + LABEL);
			out.drawString(labels[i], x, TITLE + LABEL - 5);
		}
		return new ImagePlus(title, out);
	}

	/** The model's result in colour: Y from the network as the protocol scores it, Cb/Cr bicubic. */
	private static FloatPlane[] superResolve(FloatPlane[] lr, int scale, PlaneUpscaler model) {
		FloatPlane y = EvaluationProtocol.upscaleLuma(EvaluationProtocol.luma(lr), model);
		if (lr.length == 1) return new FloatPlane[] { y };
		FloatPlane[] ycc = YCbCr.fromRgb(lr[0], lr[1], lr[2]);
		FloatPlane[] rgb = YCbCr.toRgb(y, MatlabResize.upscale(ycc[1], scale), MatlabResize.upscale(
			ycc[2], scale));
		for (int c = 0; c < 3; c++)
			rgb[c] = Quantize.toUnsignedByteRange(rgb[c]);
		return rgb;
	}

	private static ImageProcessor rgb(FloatPlane[] planes) {
		return ImageFiles.toImagePlus("", planes, planes.length == 3 ? 24 : 8).getProcessor()
			.convertToRGB();
	}

	/**
	 * The top-left corner of the {@code side} x {@code side} window, at least {@code border}
	 * pixels from every edge, with the largest sum of squared forward differences of the plane,
	 * searched on a grid of a quarter of the side (the first of equals).
	 */
	static int[] detailWindow(FloatPlane plane, int side, int border) {
		int w = plane.width(), h = plane.height();
		// Summed-area table of the squared gradient.
		double[] sat = new double[(w + 1) * (h + 1)];
		for (int y = 0; y < h; y++) {
			double row = 0;
			for (int x = 0; x < w; x++) {
				double dx = x + 1 < w ? plane.get(x + 1, y) - plane.get(x, y) : 0;
				double dy = y + 1 < h ? plane.get(x, y + 1) - plane.get(x, y) : 0;
				row += dx * dx + dy * dy;
				sat[(y + 1) * (w + 1) + x + 1] = sat[y * (w + 1) + x + 1] + row;
			}
		}
		int step = Math.max(1, side / 4);
		int[] best = { border, border };
		double bestSum = Double.NEGATIVE_INFINITY;
		for (int y = border; y + side <= h - border; y += step)
			for (int x = border; x + side <= w - border; x += step) {
				double s = sat[(y + side) * (w + 1) + x + side] - sat[y * (w + 1) + x + side] - sat[(y +
					side) * (w + 1) + x] + sat[y * (w + 1) + x];
				if (s > bestSum) {
					bestSum = s;
					best = new int[] { x, y };
				}
			}
		return best;
	}
}
