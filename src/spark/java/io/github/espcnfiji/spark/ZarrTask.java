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
 * A group of output chunks of one level of a Zarr image on an executor, made by the command
 * line's code: level 0 by {@link ZarrUpscaler#upscaleChunk} from the input box each chunk needs
 * (with the network's halo), a pyramid level by {@link ZarrUpscaler#halveChunk} from the level
 * before. Each chunk is written whole under a temporary name; a chunk whose file exists is
 * complete already and skipped. A chunk that fails fails the task (the image cannot be
 * completed without it), and Spark retries it.
 */
final class ZarrTask implements Serializable {

	private static final long serialVersionUID = 1L;

	private final ModelSettings model;
	private final InferenceMode precision;
	private final int tile;
	private final int level;
	private final String input;
	private final String output;
	/** The input's intensity range, from which level 0's tasks make the mapping. */
	private final double lo, hi;

	private ZarrTask(ModelSettings model, InferenceMode precision, int tile, int level, Path input,
		Path output, double[] range)
	{
		this.model = model;
		this.precision = precision;
		this.tile = tile;
		this.level = level;
		this.input = input.toString();
		this.output = output.toString();
		this.lo = range[0];
		this.hi = range[1];
	}

	/** Level 0: super-resolved from {@code input} (the input image's level 0). */
	static ZarrTask superResolve(ModelSettings model, InferenceMode precision, int tile,
		Path input, Path output, double[] range)
	{
		return new ZarrTask(model, precision, tile, 0, input, output, range);
	}

	/** Pyramid level {@code level}: halved from {@code previous}. */
	static ZarrTask halve(int level, Path previous, Path output) {
		return new ZarrTask(null, null, 0, level, previous, output, new double[2]);
	}

	List<ManifestRow> run(List<long[]> chunks) throws IOException {
		ZarrArray in = ZarrArray.open(Path.of(input)), out = ZarrArray.open(Path.of(output));
		ZarrUpscaler upscaler = null;
		Normalization mapping = null;
		if (level == 0) {
			mapping = ZarrUpscaler.mapping(in.dataType(), lo, hi);
			upscaler = new ZarrUpscaler(ExecutorModel.get(model).upscaler(precision),
				ZarrUpscaler.Settings.defaults().withTileSize(tile), (l, done, total) -> {});
		}
		List<ManifestRow> rows = new ArrayList<>();
		for (long[] c : chunks) {
			long start = System.nanoTime();
			Path file = out.chunkFile(c);
			String key = out.dir().getParent().relativize(file).toString();
			ManifestRow.Status status;
			if (Files.exists(file)) status = ManifestRow.Status.SKIPPED;
			else {
				FaultInjection.beforeWrite(key);
				try {
					if (level == 0) upscaler.upscaleChunk(in, out, mapping, c);
					else ZarrUpscaler.halveChunk(in, out, c);
				}
				catch (IOException | RuntimeException e) {
					throw new IOException("chunk " + key + " of " + output + ": " + Failures.describe(e), e);
				}
				FaultInjection.afterWrite();
				status = ManifestRow.Status.WRITTEN;
			}
			rows.add(new ManifestRow(input + " -> chunk " + key, file.toString(), status,
				status == ManifestRow.Status.WRITTEN ? Files.size(file) : 0, (System.nanoTime() -
					start) / 1e9, Executor.current(), Executor.attempt(), null));
		}
		return rows;
	}
}
