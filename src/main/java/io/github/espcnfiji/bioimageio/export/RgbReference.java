package io.github.espcnfiji.bioimageio.export;

import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.MatlabResize;
import io.github.espcnfiji.core.PlaneUpscaler;
import io.github.espcnfiji.core.YCbCr;

/**
 * What the RGB package's module computes, in Java and in float: Y (0-255) / 255 through the
 * network, times 255; Cb and Cr by MATLAB's bicubic; back to R, G, B clamped to [0, 255] (not
 * rounded). The plugin's RGB path is this, rounded to 8 bits.
 */
final class RgbReference {

	private RgbReference() {}

	/** R, G, B planes (0-255) in, R, G, B planes r times larger out. */
	static FloatPlane[] upscale(FloatPlane[] rgb, PlaneUpscaler network) {
		FloatPlane[] ycc = YCbCr.fromRgb(rgb[0], rgb[1], rgb[2]);
		float[] y = ycc[0].data().clone();
		for (int i = 0; i < y.length; i++)
			y[i] /= 255f;
		FloatPlane sr = network.upscale(new FloatPlane(y, ycc[0].width(), ycc[0].height()));
		float[] s = sr.data();
		for (int i = 0; i < s.length; i++)
			s[i] *= 255f;
		int r = network.scale();
		FloatPlane[] out = YCbCr.toRgb(sr, MatlabResize.upscale(ycc[1], r), MatlabResize.upscale(
			ycc[2], r));
		for (FloatPlane p : out) {
			float[] d = p.data();
			for (int i = 0; i < d.length; i++)
				d[i] = Math.min(255f, Math.max(0f, d[i]));
		}
		return out;
	}
}
