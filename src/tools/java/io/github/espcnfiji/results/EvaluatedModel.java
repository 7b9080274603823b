package io.github.espcnfiji.results;

import io.github.espcnfiji.model.ModelCard;

import java.util.List;

/** A model and its scores on each benchmark set at its scale. */
public final class EvaluatedModel {

	private final String label;
	private final String location;
	private final ModelCard card;
	private final List<SetScores> sets;

	/**
	 * @param label the name shown in tables (the model folder's name)
	 * @param location where it was loaded from, as given
	 */
	public EvaluatedModel(String label, String location, ModelCard card, List<SetScores> sets) {
		this.label = label;
		this.location = location;
		this.card = card;
		this.sets = List.copyOf(sets);
	}

	public String label() {
		return label;
	}

	public String location() {
		return location;
	}

	public ModelCard card() {
		return card;
	}

	/** Its scores, one per set, in the table's set order. */
	public List<SetScores> sets() {
		return sets;
	}
}
