package io.github.espcnfiji.results;

import java.util.ArrayList;
import java.util.List;

/**
 * A Markdown table for documents: a header, an alignment row (first column left, the others
 * right, for numbers) and rows whose cells are escaped ({@code |} and line breaks).
 */
public final class MarkdownTable {

	private final List<List<String>> rows = new ArrayList<>();
	private final int columns;

	public MarkdownTable(List<String> header) {
		columns = header.size();
		rows.add(List.copyOf(header));
	}

	public MarkdownTable row(List<String> cells) {
		if (cells.size() != columns) throw new IllegalArgumentException("Expected " + columns +
			" cells, got " + cells.size());
		rows.add(List.copyOf(cells));
		return this;
	}

	/** Text for a cell: pipes escaped, line breaks as spaces. */
	public static String escape(String s) {
		return s.replace("|", "\\|").replaceAll("\\R", " ");
	}

	/** A code span, with as many backticks around it as it needs. */
	public static String code(String s) {
		String ticks = s.contains("``") ? "```" : s.contains("`") ? "``" : "`";
		return ticks + (s.startsWith("`") || s.endsWith("`") ? " " + s + " " : s) + ticks;
	}

	@Override
	public String toString() {
		StringBuilder sb = new StringBuilder();
		for (int r = 0; r < rows.size(); r++) {
			sb.append('|');
			for (String cell : rows.get(r))
				sb.append(' ').append(escape(cell)).append(" |");
			sb.append('\n');
			if (r == 0) {
				sb.append("| ---");
				for (int c = 1; c < columns; c++)
					sb.append(" | ---:");
				sb.append(" |\n");
			}
		}
		return sb.toString();
	}
}
