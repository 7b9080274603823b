package io.github.espcnfiji.results;

import java.util.List;

/**
 * Everything measured at one scale: bicubic on each set, and each model for that scale. Sets
 * are in the same order in both.
 */
public final class ScaleResults {

	private final int scale;
	private final List<SetScores> bicubic;
	private final List<EvaluatedModel> models;

	public ScaleResults(int scale, List<SetScores> bicubic, List<EvaluatedModel> models) {
		this.scale = scale;
		this.bicubic = List.copyOf(bicubic);
		this.models = List.copyOf(models);
		for (EvaluatedModel m : models)
			if (m.sets().size() != bicubic.size()) throw new IllegalArgumentException("Model " + m
				.label() + " was scored on " + m.sets().size() + " sets, bicubic on " + bicubic
					.size());
	}

	public int scale() {
		return scale;
	}

	/** Bicubic's scores, one per set (model means are absent). */
	public List<SetScores> bicubic() {
		return bicubic;
	}

	public List<EvaluatedModel> models() {
		return models;
	}
}
