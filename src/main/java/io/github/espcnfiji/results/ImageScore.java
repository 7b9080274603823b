package io.github.espcnfiji.results;

import io.github.espcnfiji.core.Scores;

/** One image's outcome under the protocol: its file name, size and scores. */
public final class ImageScore {

	private final String name;
	private final int width;
	private final int height;
	private final Scores scores;

	public ImageScore(String name, int width, int height, Scores scores) {
		this.name = name;
		this.width = width;
		this.height = height;
		this.scores = scores;
	}

	public String name() {
		return name;
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	public Scores scores() {
		return scores;
	}
}
