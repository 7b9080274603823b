package io.github.espcnfiji.testing;

import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.MatlabResize;
import io.github.espcnfiji.core.PlaneUpscaler;
import io.github.espcnfiji.core.Tile;
import io.github.espcnfiji.core.Tiler;
import io.github.espcnfiji.core.YCbCr;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import net.imglib2.RandomAccess;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.ARGBType;

/**
 * The RGB super-resolution of one plane the plain way, step by step, as
 * {@code SuperResolver.upscaleRgb} did it until December 2026 (main at c9ab238): per tile, the
 * context converted by {@link YCbCr#fromPackedRgb}, Y / 255 through the upscaler into a plane of
 * the upscaled context, Cb and Cr enlarged by {@link MatlabResize#upscaleWindow}, and every
 * output pixel packed by {@link YCbCr#toPackedRgb}. The yardstick the fast RGB path is tested
 * against; it uses the same tiles (the {@link Tiler}'s, with the same halo).
 */
public final class PlainRgb {

	private PlainRgb() {}

	/** The {@code width x height} packed RGB plane {@code argb} super-resolved in tiles. */
	public static int[] upscale(PlaneUpscaler upscaler, int tileSize, int[] argb, int width,
		int height)
	{
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
		for (int row = 0; row < ch; row++)
			for (int col = 0; col < cw; col++) {
				int i = row * cw + col;
				out[(tile.y0() * s + row) * outWidth + tile.x0() * s + col] = YCbCr.toPackedRgb(ySr[(y0 +
					row) * stride + x0 + col] * 255f, cb[i], cr[i]);
			}
	}

	/** The packed RGB pixels of an image file (ImageIO), opaque. */
	public static int[] read(Path file, int[] size) throws IOException {
		BufferedImage image = ImageIO.read(file.toFile());
		if (image == null) throw new IOException("Not an image: " + file);
		size[0] = image.getWidth();
		size[1] = image.getHeight();
		return image.getRGB(0, 0, size[0], size[1], null, 0, size[0]);
	}

	/** The rectangle {@code (x, y, w, h)} of a packed plane {@code width} wide. */
	public static int[] crop(int[] argb, int width, int x, int y, int w, int h) {
		int[] out = new int[w * h];
		for (int row = 0; row < h; row++)
			System.arraycopy(argb, (y + row) * width + x, out, row * w, w);
		return out;
	}

	/** The pixels of a 2D ARGB image, row by row. */
	public static int[] pixels(Img<ARGBType> img) {
		int w = (int) img.dimension(0), h = (int) img.dimension(1);
		int[] out = new int[w * h];
		RandomAccess<ARGBType> a = img.randomAccess();
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				a.setPosition(x, 0);
				a.setPosition(y, 1);
				out[y * w + x] = a.get().get();
			}
		return out;
	}

	/** A 2D ARGB image on a copy of {@code argb}. */
	public static Img<ARGBType> image(int[] argb, int width, int height) {
		return ArrayImgs.argbs(argb.clone(), width, height);
	}
}
