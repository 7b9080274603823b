package io.github.espcnfiji.spark;

import io.github.espcnfiji.cli.Failures;
import io.github.espcnfiji.core.Normalization;
import io.github.espcnfiji.model.InferenceMode;
import io.github.espcnfiji.zarr.ZarrArray;
import io.github.espcnfiji.zarr.ZarrUpscaler;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A group of output chunks of a Zarr image on an executor: each made by the command line's
 * {@link ZarrUpscaler#upscaleChunk} from the input box it needs (with the network's halo), and
 * written whole under a temporary name; a chunk whose file exists is complete already and
 * skipped. A chunk that fails fails the task (the image cannot be completed without it), and
 * Spark retries it.
 */
final class ZarrTask implements Serializable {

	private static final long serialVersionUID = 1L;

	private final ModelSettings model;
	private final InferenceMode precision;
	private final int tile;
	private final String input;
	private final String output;
	/** The input's intensity range, from which each task makes the mapping. */
	private final double lo, hi;

	ZarrTask(ModelSettings model, InferenceMode precision, int tile, Path input, Path output,
		double[] range)
	{
		this.model = model;
		this.precision = precision;
		this.tile = tile;
		this.input = input.toString();
		this.output = output.toString();
		this.lo = range[0];
		this.hi = range[1];
	}

	List<ManifestRow> run(List<long[]> chunks) throws IOException {
		ZarrArray in = ZarrArray.open(Path.of(input)), out = ZarrArray.open(Path.of(output));
		Normalization mapping = ZarrUpscaler.mapping(in.dataType(), lo, hi);
		ZarrUpscaler upscaler = new ZarrUpscaler(ExecutorModel.get(model).upscaler(precision),
			ZarrUpscaler.Settings.defaults().withTileSize(tile), (level, done, total) -> {});
		List<ManifestRow> rows = new ArrayList<>();
		for (long[] c : chunks) {
			long start = System.nanoTime();
			Path file = out.chunkFile(c);
			String key = out.dir().relativize(file).toString();
			ManifestRow.Status status;
			if (Files.exists(file)) status = ManifestRow.Status.SKIPPED;
			else {
				FaultInjection.beforeWrite(key);
				try {
					upscaler.upscaleChunk(in, out, mapping, c);
				}
				catch (IOException | RuntimeException e) {
					throw new IOException("chunk " + key + " of " + output + ": " + Failures.describe(e), e);
				}
				FaultInjection.afterWrite();
				status = ManifestRow.Status.WRITTEN;
			}
			rows.add(new ManifestRow(input + " chunk " + key, file.toString(), status,
				status == ManifestRow.Status.WRITTEN ? Files.size(file) : 0, (System.nanoTime() -
					start) / 1e9, Executor.current(), Executor.attempt(), null));
		}
		return rows;
	}
}
