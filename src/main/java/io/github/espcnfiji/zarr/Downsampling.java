package io.github.espcnfiji.zarr;

import java.io.IOException;
import java.util.List;

/**
 * Halves y and x (the last two dimensions) of an array into another, chunk by chunk: each
 * output pixel is the mean of its 2 x 2 block (of the 1 or 2 pixels there are at an odd edge),
 * rounded half up for integer types.
 */
final class Downsampling {

	private Downsampling() {}

	/** Told after each chunk written. */
	@FunctionalInterface
	interface Done {

		void chunk(long done, long total);
	}

	static void halve(ZarrArray in, ZarrArray out, Done progress)
		throws IOException
	{
		List<long[]> all = ChunkGrid.indexes(out.chunkGrid());
		long done = 0;
		for (long[] c : all) {
			halveChunk(in, out, c);
			progress.chunk(++done, all.size());
		}
	}

	/** Writes chunk {@code c} of {@code out} from the 2 x 2 blocks of {@code in} under it. */
	static void halveChunk(ZarrArray in, ZarrArray out, long[] c) throws IOException {
		long[] shape = out.shape(), inShape = in.shape();
		int[] chunks = out.chunks();
		int n = shape.length;
		{
			long[] offset = new long[n], from = new long[n];
			int[] size = new int[n], box = new int[n];
			for (int d = 0; d < n; d++) {
				offset[d] = c[d] * chunks[d];
				size[d] = (int) Math.min(chunks[d], shape[d] - offset[d]);
				from[d] = offset[d];
				box[d] = size[d];
			}
			for (int d = n - 2; d < n; d++) {
				from[d] = 2 * offset[d];
				box[d] = (int) Math.min(2L * size[d], inShape[d] - from[d]);
			}
			float[] src = in.read(from, box);
			int w = size[n - 1], h = size[n - 2], bw = box[n - 1], bh = box[n - 2];
			int planes = src.length / (bw * bh);
			float[] dst = new float[planes * w * h];
			for (int p = 0; p < planes; p++)
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++) {
						double sum = 0;
						int k = 0;
						for (int dy = 0; dy < 2 && 2 * y + dy < bh; dy++)
							for (int dx = 0; dx < 2 && 2 * x + dx < bw; dx++) {
								sum += src[p * bw * bh + (2 * y + dy) * bw + 2 * x + dx];
								k++;
							}
						dst[p * w * h + y * w + x] = (float) (sum / k);
					}
			out.write(offset, size, dst);
		}
	}
}
