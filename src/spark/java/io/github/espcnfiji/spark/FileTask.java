package io.github.espcnfiji.spark;

import ij.ImagePlus;
import io.github.espcnfiji.cli.Failures;
import io.github.espcnfiji.cli.FileUpscaling;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.model.InferenceMode;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One image file on an executor: read, super-resolve and write it as the command line's
 * {@code upscale} does ({@link FileUpscaling}), or skip it when its output is complete already
 * (outputs are only ever renamed into place whole). A file that fails is reported in its
 * manifest row and the job goes on; a model that cannot be loaded fails the task (and, after
 * Spark's retries, the job).
 */
final class FileTask implements Serializable {

	private static final long serialVersionUID = 1L;
	/** ImageJ's readers and writers keep static state: one file at a time per JVM. */
	static final Object IMAGEJ_IO = new Object();

	private final ModelSettings model;
	private final InferenceMode precision;
	private final int tile;
	private final long maxPixels;
	private final boolean overwrite;

	FileTask(ModelSettings model, InferenceMode precision, int tile, long maxPixels,
		boolean overwrite)
	{
		this.model = model;
		this.precision = precision;
		this.tile = tile;
		this.maxPixels = maxPixels;
		this.overwrite = overwrite;
	}

	ManifestRow run(String inputPath, String outputPath) {
		long start = System.nanoTime();
		Path input = Path.of(inputPath), output = Path.of(outputPath);
		if (!overwrite && Files.exists(output)) return row(input, output, ManifestRow.Status.SKIPPED,
			start, null);
		EspcnModel network = ExecutorModel.get(model);
		try {
			ImagePlus in;
			synchronized (IMAGEJ_IO) {
				in = FileUpscaling.read(input, maxPixels);
			}
			ImagePlus out;
			try {
				out = FileUpscaling.upscale(network, precision, tile, in, output, null);
			}
			finally {
				in.close();
			}
			FaultInjection.beforeWrite(input.getFileName().toString());
			try {
				synchronized (IMAGEJ_IO) {
					FileUpscaling.write(output, out, overwrite);
				}
			}
			catch (FileAlreadyExistsException e) {
				// another attempt of this task (speculation) finished first: its output is complete
				if (!overwrite && Files.isRegularFile(output)) return row(input, output,
					ManifestRow.Status.SKIPPED, start, null);
				throw e;
			}
			FaultInjection.afterWrite();
			return row(input, output, ManifestRow.Status.WRITTEN, start, null);
		}
		catch (FaultInjection.InjectedFailure e) {
			throw e;
		}
		catch (IOException | RuntimeException | OutOfMemoryError e) {
			return row(input, output, ManifestRow.Status.FAILED, start, input.getFileName() + ": " +
				Failures.describe(e, true));
		}
	}

	private static ManifestRow row(Path input, Path output, ManifestRow.Status status, long start,
		String message)
	{
		long bytes = 0;
		if (status == ManifestRow.Status.WRITTEN) try {
			bytes = Files.size(output);
		}
		catch (IOException e) {
			bytes = -1;
		}
		return new ManifestRow(input.toString(), output.toString(), status, bytes, (System
			.nanoTime() - start) / 1e9, Executor.current(), Executor.attempt(), message);
	}
}
