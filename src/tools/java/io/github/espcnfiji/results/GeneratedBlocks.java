package io.github.espcnfiji.results;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generated parts of a hand-written Markdown document, each between two HTML comments that
 * Markdown does not show:
 * <pre>
 * &lt;!-- generated:tables begin (made by the results command; edits inside are replaced) --&gt;
 * ...
 * &lt;!-- generated:tables end --&gt;
 * </pre>
 * {@link #replace} puts new content between the markers of a block and leaves everything
 * outside them as it was; a block the document lacks is appended at its end, under a heading.
 */
public final class GeneratedBlocks {

	private GeneratedBlocks() {}

	/** The begin marker of block {@code name}, saying what makes it. */
	public static String begin(String name, String madeBy) {
		return "<!-- generated:" + name + " begin (made by " + madeBy +
			"; edits inside are replaced) -->";
	}

	public static String end(String name) {
		return "<!-- generated:" + name + " end -->";
	}

	/** Whether the document has the block. */
	public static boolean has(String document, String name) {
		return find(document, name) != null;
	}

	/**
	 * The document with block {@code name} holding {@code content}.
	 *
	 * @param heading put before the block when it is new (e.g. {@code "## Study"}), or null
	 * @throws IllegalArgumentException when the document has a begin marker without its end, or
	 *           the block twice
	 */
	public static String replace(String document, String name, String madeBy, String content,
		String heading)
	{
		String body = content.endsWith("\n") ? content : content + "\n";
		String block = begin(name, madeBy) + "\n" + body + end(name);
		int[] at = find(document, name);
		if (at == null) {
			String doc = document.isEmpty() || document.endsWith("\n\n") ? document : document
				.endsWith("\n") ? document + "\n" : document + "\n\n";
			return doc + (heading == null ? "" : heading + "\n\n") + block + "\n";
		}
		return document.substring(0, at[0]) + block + document.substring(at[1]);
	}

	/** The start of the begin marker and the end of the end marker, or null if absent. */
	private static int[] find(String document, String name) {
		Matcher b = Pattern.compile("<!-- generated:" + Pattern.quote(name) + " begin\\b[^\\n]*?-->")
			.matcher(document);
		if (!b.find()) return null;
		int start = b.start();
		if (b.find()) throw new IllegalArgumentException("The document has the generated block '" +
			name + "' twice");
		String endMarker = end(name);
		int end = document.indexOf(endMarker, start);
		if (end < 0) throw new IllegalArgumentException("The generated block '" + name +
			"' has no end marker '" + endMarker + "'; restore it or remove the block");
		return new int[] { start, end + endMarker.length() };
	}
}
