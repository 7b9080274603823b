package io.github.espcnfiji.command;

import io.github.espcnfiji.model.BundledModels;
import io.github.espcnfiji.model.EspcnModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shipped models ({@code x2}, {@code x3}, ...), each loaded once per JVM and kept, for the
 * commands a macro runs image after image: loading a model (weights, script compile, warm-up)
 * costs about a tenth of a second, which a loop over a folder would otherwise pay per image.
 * Shipped models never change on disk, and a model may be used by several commands at once
 * (its upscalers are thread-safe); the kept models are never closed. Model folders and
 * {@code .zip} files given by path are not kept: they may change between runs.
 */
final class ShippedModelCache {

	private static final Map<String, EspcnModel> MODELS = new ConcurrentHashMap<>();

	private ShippedModelCache() {}

	/**
	 * The kept model of a shipped name ({@code x3}, {@code X3}, {@code espcn-x3}); empty for
	 * anything else, which the caller loads (and closes) itself.
	 *
	 * @throws UncheckedIOException when a shipped model cannot be read
	 */
	static Optional<EspcnModel> get(String name) {
		BundledModels shipped = BundledModels.shipped();
		if (name == null || !shipped.has(name)) return Optional.empty();
		String key = BundledModels.folderOf(name).toLowerCase(Locale.ROOT);
		return Optional.of(MODELS.computeIfAbsent(key, k -> {
			try {
				return shipped.load(name);
			}
			catch (IOException e) {
				throw new UncheckedIOException("Cannot load model '" + name + "': " + e.getMessage(), e);
			}
		}));
	}
}
