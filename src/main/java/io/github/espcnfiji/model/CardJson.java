package io.github.espcnfiji.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

/**
 * A {@link ModelCard} as the pretty-printed JSON of a model's {@code card.json}. Parsing checks
 * what every user of a card relies on: the format version is one this plugin understands and the
 * architecture it describes is valid.
 */
public final class CardJson {

	private static final Gson GSON = new GsonBuilder().setPrettyPrinting()
		.serializeSpecialFloatingPointValues().disableHtmlEscaping().create();

	private CardJson() {}

	/** The card as pretty-printed JSON. */
	public static String toJson(ModelCard card) {
		return GSON.toJson(card) + "\n";
	}

	/**
	 * Parses a card; {@code source} names it in error messages.
	 *
	 * @throws InvalidModelException if the text is not a JSON card, its format is unsupported,
	 *           or its architecture is invalid
	 */
	public static ModelCard parse(String json, String source) throws InvalidModelException {
		ModelCard card;
		try {
			card = GSON.fromJson(json, ModelCard.class);
		}
		catch (JsonParseException e) {
			throw new InvalidModelException(source + " is not a valid model card (bad JSON: " + e
				.getMessage() + ")", e);
		}
		if (card == null) throw new InvalidModelException(source + " is empty: no model card");
		if (card.formatVersion > ModelCard.FORMAT_VERSION)
			throw new InvalidModelException(source + ": model format " + card.formatVersion +
				" is newer than this plugin supports (" + ModelCard.FORMAT_VERSION +
				"); update the plugin");
		if (card.formatVersion < 1)
			throw new InvalidModelException(source + ": model format " + card.formatVersion +
				" is not a valid format version (this plugin reads version " +
				ModelCard.FORMAT_VERSION + ")");
		try {
			card.spec();
		}
		catch (IllegalArgumentException e) {
			throw new InvalidModelException(source + " describes an invalid network: " + e
				.getMessage(), e);
		}
		return card;
	}
}
