package io.github.espcnfiji.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Training images split into the ones trained on and the ones held out for validation
 * (the command line's {@code --validation-fraction}, the Fiji command's validation fraction). The held-out images are spread evenly over the list in its
 * given order (folders as given, files sorted by name), so the same files give the same split
 * on every run and every machine, whatever the random seed.
 * <p>
 * Validation picks the best epoch, so it must never be a test set that results are reported
 * on.
 */
public final class ValidationSplit {

	private final List<Path> train;
	private final List<Path> validation;

	private ValidationSplit(List<Path> train, List<Path> validation) {
		this.train = Collections.unmodifiableList(train);
		this.validation = Collections.unmodifiableList(validation);
	}

	/**
	 * Holds out {@code round(fraction * n)} of the {@code n} files (at least one, and at least one
	 * is left to train on).
	 *
	 * @throws IllegalArgumentException if {@code fraction} is not in (0, 1) or there are fewer
	 *           than two files
	 */
	public static ValidationSplit holdOut(List<Path> files, double fraction) {
		if (!(fraction > 0 && fraction < 1)) throw new IllegalArgumentException(
			"The validation fraction must be between 0 and 1 (e.g. 0.1), got " + fraction);
		int n = files.size();
		if (n < 2) throw new IllegalArgumentException("Holding out validation images needs at " +
			"least 2 training images, got " + n + "; give a separate validation folder instead");
		int k = Math.min(n - 1, Math.max(1, (int) Math.round(fraction * n)));
		boolean[] held = new boolean[n];
		for (int i = 0; i < k; i++)
			held[(int) ((i + 0.5) * n / k)] = true;
		List<Path> train = new ArrayList<>(), validation = new ArrayList<>();
		for (int i = 0; i < n; i++)
			(held[i] ? validation : train).add(files.get(i));
		return new ValidationSplit(train, validation);
	}

	public List<Path> train() {
		return train;
	}

	public List<Path> validation() {
		return validation;
	}
}
