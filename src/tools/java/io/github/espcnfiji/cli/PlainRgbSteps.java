package io.github.espcnfiji.cli;

import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.MatlabResize;
import io.github.espcnfiji.core.PlaneUpscaler;
import io.github.espcnfiji.core.Tile;
import io.github.espcnfiji.core.Tiler;
import io.github.espcnfiji.core.YCbCr;

/**
 * The RGB steps of {@code SuperResolver.upscaleRgb} as they were until December 2026 (main at
 * c9ab238), kept for {@code bench --paths rgb-plain} to time beside today's path in the same
 * run: per tile, the context converted by {@link YCbCr#fromPackedRgb}, Y / 255 through the
 * network into a new plane of the upscaled context, Cb and Cr enlarged by
 * {@link MatlabResize#upscaleWindow}, every output pixel packed by {@link YCbCr#toPackedRgb}
 * into a new array and copied into place. The same steps are the yardstick of the tests
 * ({@code testing/PlainRgb} calls this class); their pixels equal today's.
 */
public final class PlainRgbSteps {

	private PlainRgbSteps() {}

	/** The {@code width x height} packed RGB plane {@code argb} super-resolved in tiles. */
	public static int[] upscale(PlaneUpscaler upscaler, int tileSize, int[] argb, int width, int height) {
		int s = upscaler.scale();
		int[] out = new int[width * s * height * s];
		new Tiler(upscaler, tileSize).forEachTile(width, height, Math.max(upscaler.halo(),
			MatlabResize.UPSCALE_SUPPORT), tile -> tile(upscaler, argb, width, tile, out),
			(done, total) -> {}, () -> false);
		return out;
	}

	private static void tile(PlaneUpscaler upscaler, int[] in, int width, Tile tile, int[] out) {
		int w = tile.contextWidth(), h = tile.contextHeight(), s = upscaler.scale();
		int[] context = new int[w * h];
		for (int row = 0; row < h; row++)
			System.arraycopy(in, (tile.contextY() + row) * width + tile.contextX(), context, row * w,
				w);
		FloatPlane[] ycc = YCbCr.fromPackedRgb(context, w, h);
		float[] y = ycc[0].data();
		for (int i = 0; i < y.length; i++)
			y[i] /= 255f;
		FloatPlane up = FloatPlane.zeros(w * s, h * s);
		upscaler.upscaleTile(new FloatPlane(y, w, h), tile.inContext(), up);
		float[] ySr = up.data();
		Tile local = tile.inContext();
		int x0 = local.x0() * s, y0 = local.y0() * s, cw = tile.width() * s, ch = tile.height() * s,
				stride = w * s, outWidth = width * s;
		float[] cb = MatlabResize.upscaleWindow(ycc[1], s, x0, y0, cw, ch).data();
		float[] cr = MatlabResize.upscaleWindow(ycc[2], s, x0, y0, cw, ch).data();
		int[] packed = new int[cw * ch];
		for (int row = 0; row < ch; row++)
			for (int col = 0; col < cw; col++) {
				int i = row * cw + col;
				packed[i] = YCbCr.toPackedRgb(ySr[(y0 + row) * stride + x0 + col] * 255f, cb[i], cr[i]);
			}
		for (int row = 0; row < ch; row++)
			System.arraycopy(packed, row * cw, out, (tile.y0() * s + row) * outWidth + tile.x0() * s,
				cw);
	}
}
