package io.github.espcnfiji.train;

import io.github.espcnfiji.core.EvaluationProtocol;
import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.MatlabResize;
import io.github.espcnfiji.core.Quantize;

import java.util.ArrayList;
import java.util.List;

/**
 * One high-resolution image made ready for training or validation under the evaluation
 * protocol: mod-cropped HR luma, and the luma of its 8-bit MATLAB-bicubic downscale, both on
 * [0, 1].
 */
public final class TrainingPair {

	private final FloatPlane lowRes;
	private final FloatPlane highRes;

	private TrainingPair(FloatPlane lowRes, FloatPlane highRes) {
		this.lowRes = lowRes;
		this.highRes = highRes;
	}

	/**
	 * From an image given as 1 (gray) or 3 (R, G, B) planes on the 0-255 scale: the HR is
	 * mod-cropped to a multiple of {@code scale}, each channel is downscaled and rounded to 8 bits,
	 * and both are reduced to luma.
	 */
	public static TrainingPair of(FloatPlane[] channels, int scale) {
		if (channels.length != 1 && channels.length != 3)
			throw new IllegalArgumentException("Need 1 or 3 channels, got " + channels.length);
		FloatPlane[] hr = EvaluationProtocol.modCrop(channels, scale);
		FloatPlane[] lr = EvaluationProtocol.lowRes(hr, scale);
		return new TrainingPair(unit(EvaluationProtocol.luma(lr)), unit(EvaluationProtocol.luma(
			hr)));
	}

	/**
	 * The pair of the image itself and one of the image shrunk by each factor in {@code rescales}
	 * (MATLAB bicubic, rounded to 8 bits as a saved image would be): the scale augmentation of
	 * SRCNN and FSRCNN, which shows the network more detail per pixel. Versions too small for the
	 * scale are left out.
	 */
	public static List<TrainingPair> withRescales(FloatPlane[] channels, int scale,
		double[] rescales)
	{
		List<TrainingPair> out = new ArrayList<>();
		out.add(of(channels, scale));
		for (double f : rescales) {
			int w = (int) Math.round(channels[0].width() * f), h = (int) Math.round(channels[0]
				.height() * f);
			if (w < 2 * scale || h < 2 * scale) continue;
			FloatPlane[] small = new FloatPlane[channels.length];
			for (int c = 0; c < channels.length; c++)
				small[c] = Quantize.toUnsignedByteRange(MatlabResize.resize(channels[c], w, h));
			out.add(of(small, scale));
		}
		return out;
	}

	private static FloatPlane unit(FloatPlane p) {
		float[] d = p.data(), out = new float[d.length];
		for (int i = 0; i < d.length; i++)
			out[i] = d[i] / 255f;
		return new FloatPlane(out, p.width(), p.height());
	}

	/** LR luma on [0, 1]. */
	public FloatPlane lowRes() {
		return lowRes;
	}

	/** HR luma on [0, 1], exactly {@code scale} times the LR size. */
	public FloatPlane highRes() {
		return highRes;
	}
}
