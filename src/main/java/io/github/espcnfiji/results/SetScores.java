package io.github.espcnfiji.results;

import io.github.espcnfiji.core.Scores;

import java.util.List;

/**
 * A benchmark set evaluated at one scale: every image's scores, in the set's order, and their
 * means (the figure papers report). Model means are NaN when no model was evaluated.
 */
public final class SetScores {

	private final String set;
	private final int scale;
	private final List<ImageScore> images;
	private final Scores mean;

	public SetScores(String set, int scale, List<ImageScore> images) {
		if (images.isEmpty()) throw new IllegalArgumentException("No images scored in " + set);
		this.set = set;
		this.scale = scale;
		this.images = List.copyOf(images);
		double[] sum = new double[4];
		for (ImageScore i : images) {
			Scores s = i.scores();
			sum[0] += s.bicubicPsnr();
			sum[1] += s.bicubicSsim();
			sum[2] += s.modelPsnr().orElse(Double.NaN);
			sum[3] += s.modelSsim().orElse(Double.NaN);
		}
		int n = images.size();
		this.mean = new Scores(sum[0] / n, sum[1] / n, sum[2] / n, sum[3] / n);
	}

	public String set() {
		return set;
	}

	public int scale() {
		return scale;
	}

	public List<ImageScore> images() {
		return images;
	}

	/** The means over the images. */
	public Scores mean() {
		return mean;
	}
}
