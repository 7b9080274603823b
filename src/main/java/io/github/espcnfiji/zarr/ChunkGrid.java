package io.github.espcnfiji.zarr;

import java.util.ArrayList;
import java.util.List;

/** Positions of an n-D grid or box, in C order (the last dimension fastest). */
final class ChunkGrid {

	private ChunkGrid() {}

	/** Every index of a grid of {@code counts} cells per dimension. */
	static List<long[]> indexes(long[] counts) {
		long[] zero = new long[counts.length];
		int[] size = new int[counts.length];
		for (int d = 0; d < counts.length; d++)
			size[d] = Math.toIntExact(counts[d]);
		return box(zero, size, counts.length);
	}

	/** The positions of the first {@code dims} dimensions of the box {@code [offset, offset + size)}. */
	static List<long[]> box(long[] offset, int[] size, int dims) {
		List<long[]> out = new ArrayList<>();
		long[] p = new long[dims];
		for (int d = 0; d < dims; d++) {
			if (size[d] < 1) return out;
			p[d] = offset[d];
		}
		while (true) {
			out.add(p.clone());
			int d = dims - 1;
			while (d >= 0 && p[d] == offset[d] + size[d] - 1) {
				p[d] = offset[d];
				d--;
			}
			if (d < 0) return out;
			p[d]++;
		}
	}
}
