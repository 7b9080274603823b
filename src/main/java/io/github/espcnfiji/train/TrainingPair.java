package io.github.espcnfiji.train;

import io.github.espcnfiji.core.EvaluationProtocol;
import io.github.espcnfiji.core.FloatPlane;

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
