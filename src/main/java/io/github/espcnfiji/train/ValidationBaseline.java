package io.github.espcnfiji.train;

import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.MatlabResize;
import io.github.espcnfiji.core.Psnr;
import io.github.espcnfiji.core.Quantize;

import java.util.List;

/**
 * What a trained network has to beat: the mean PSNR (dB, border = scale) of MATLAB-style bicubic
 * interpolation of the validation images' low-resolution luma, rounded to 8 bits, measured as the
 * trainer measures the network's validation PSNR. A model whose validation stays below it has
 * learnt nothing useful yet.
 */
public final class ValidationBaseline {

	private ValidationBaseline() {}

	public static double bicubicPsnr(List<TrainingPair> validation, int scale) {
		if (validation.isEmpty()) throw new IllegalArgumentException("No validation images");
		double sum = 0;
		for (TrainingPair pair : validation) {
			FloatPlane up = Quantize.toUnsignedByteRange(MatlabResize.upscale(times255(pair.lowRes()),
				scale));
			sum += Psnr.of(times255(pair.highRes()), up, scale);
		}
		return sum / validation.size();
	}

	private static FloatPlane times255(FloatPlane p) {
		float[] d = p.data(), out = new float[d.length];
		for (int i = 0; i < d.length; i++)
			out[i] = d[i] * 255f;
		return new FloatPlane(out, p.width(), p.height());
	}
}
