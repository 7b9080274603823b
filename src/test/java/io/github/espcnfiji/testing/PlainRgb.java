package io.github.espcnfiji.testing;

import io.github.espcnfiji.cli.PlainRgbSteps;
import io.github.espcnfiji.core.MatlabResize;
import io.github.espcnfiji.core.PlaneUpscaler;
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

	/**
	 * The {@code width x height} packed RGB plane {@code argb} super-resolved in tiles, by the
	 * plain steps that {@code bench --paths rgb-plain} also times ({@link PlainRgbSteps}).
	 */
	public static int[] upscale(PlaneUpscaler upscaler, int tileSize, int[] argb, int width,
		int height)
	{
		return PlainRgbSteps.upscale(upscaler, tileSize, argb, width, height);
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
