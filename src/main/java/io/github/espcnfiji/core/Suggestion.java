package io.github.espcnfiji.core;

import java.util.Collection;
import java.util.Optional;

/**
 * The known name closest to a mistyped one, for "did you mean" hints: a name it is a prefix of,
 * or one at most two edits away (a third of the typed length for long names).
 */
public final class Suggestion {

	private Suggestion() {}

	public static Optional<String> closest(String typed, Collection<String> known) {
		String best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (String name : known) {
			int d = name.startsWith(typed) && !typed.isEmpty() ? 1 : distance(typed, name);
			if (d < bestDistance) {
				best = name;
				bestDistance = d;
			}
		}
		return best != null && bestDistance <= Math.max(2, typed.length() / 3) ? Optional.of(best)
			: Optional.empty();
	}

	/** Levenshtein distance: insertions, deletions and substitutions. */
	public static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1], current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++)
			previous[j] = j;
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++)
				current[j] = Math.min(Math.min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a
					.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
			int[] t = previous;
			previous = current;
			current = t;
		}
		return previous[b.length()];
	}
}
