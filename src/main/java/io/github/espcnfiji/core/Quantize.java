package io.github.espcnfiji.core;

/** Rounding and clamping of planes to the value ranges of image types. */
public final class Quantize {

	private Quantize() {}

	/** Rounds half away from zero (as MATLAB's uint8 conversion) and clamps to [0, 255]. */
	public static FloatPlane toUnsignedByteRange(FloatPlane p) {
		float[] in = p.data();
		float[] out = new float[in.length];
		for (int i = 0; i < in.length; i++)
			out[i] = roundClamp(in[i], 0, 255);
		return new FloatPlane(out, p.width(), p.height());
	}

	/** Rounds half away from zero and clamps to [min, max]; NaN becomes min. */
	public static float roundClamp(float v, float min, float max) {
		if (!(v > min)) return min; // also NaN
		if (v >= max) return max;
		return (float) Math.floor(v + 0.5f);
	}
}
