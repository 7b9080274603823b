package io.github.espcnfiji.cli;

import ij.ImagePlus;
import io.github.espcnfiji.core.SuperResolver;
import io.github.espcnfiji.ij1.ImagePlusUpscaling;
import io.github.espcnfiji.io.ImageFiles;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.model.InferenceMode;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What {@code upscale} does to one image file: read, super-resolve, write. The command line runs
 * these steps file after file; the Spark job runs them on executors, so that both write the
 * same bytes.
 */
public final class FileUpscaling {

	private FileUpscaling() {}

	/** Reads an input image, refusing planes of more than {@code maxPixels}. */
	public static ImagePlus read(Path input, long maxPixels) throws IOException {
		return ImageFiles.open(input, maxPixels);
	}

	/**
	 * Super-resolves {@code in} (every plane), titled by the output's file name.
	 *
	 * @param progress told of each tile; may be null
	 */
	public static ImagePlus upscale(EspcnModel model, InferenceMode precision, int tile,
		ImagePlus in, Path output, SuperResolver.ProgressListener progress)
	{
		SuperResolver.Options options = SuperResolver.Options.defaults().withTileSize(tile);
		if (progress != null) options = options.withProgress(progress);
		ImagePlus out = ImagePlusUpscaling.upscale(in, new SuperResolver(model.upscaler(precision),
			options));
		out.setTitle(output.getFileName().toString());
		return out;
	}

	/** Writes the result complete or not at all (see {@link ImageFiles#write}). */
	public static void write(Path output, ImagePlus out, boolean overwrite) throws IOException {
		ImageFiles.write(output, out, overwrite);
	}
}
