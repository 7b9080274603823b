package io.github.espcnfiji.testing;

import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.PlaneUpscaler;

/**
 * A pure-Java stand-in for the network in tests: the mean of the (2 radius + 1)^2 box around each
 * pixel, with zeros beyond the edge, then nearest-neighbour enlargement. Its halo is the radius.
 * It counts its calls and the largest input it was given (tiles may come from several threads).
 */
public final class BoxUpscaler implements PlaneUpscaler {

	private final int scale;
	private final int radius;
	public int calls;
	public int largestInput;

	public BoxUpscaler(int scale, int radius) {
		this.scale = scale;
		this.radius = radius;
	}

	@Override
	public int scale() {
		return scale;
	}

	@Override
	public int halo() {
		return radius;
	}

	@Override
	public synchronized FloatPlane upscale(FloatPlane in) {
		calls++;
		largestInput = Math.max(largestInput, in.width() * in.height());
		int w = in.width(), h = in.height(), side = 2 * radius + 1;
		FloatPlane out = FloatPlane.zeros(w * scale, h * scale);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				double sum = 0;
				for (int dy = -radius; dy <= radius; dy++)
					for (int dx = -radius; dx <= radius; dx++) {
						int u = x + dx, v = y + dy;
						if (u >= 0 && v >= 0 && u < w && v < h) sum += in.get(u, v);
					}
				float mean = (float) (sum / (side * side));
				for (int j = 0; j < scale; j++)
					for (int i = 0; i < scale; i++)
						out.set(x * scale + i, y * scale + j, mean);
			}
		return out;
	}
}
