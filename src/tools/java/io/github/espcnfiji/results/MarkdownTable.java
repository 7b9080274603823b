package io.github.espcnfiji.results;

import java.util.ArrayList;
import java.util.List;

/**
 * A Markdown table for documents: a header, an alignment row (the first columns, the text ones,
 * left; the others, numbers, right) and rows whose cells are escaped ({@code |} and line breaks).
 */
public final class MarkdownTable {

	private final List<List<String>> rows = new ArrayList<>();
	private final int columns;
	private final int left;

	/** A table whose first {@code left} columns are text (left-aligned), the rest numbers. */
	public MarkdownTable(List<String> header, int left) {
		columns = header.size();
		this.left = left;
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
				sb.append('|');
				for (int c = 0; c < columns; c++)
					sb.append(c < left ? " --- |" : " ---: |");
				sb.append('\n');
			}
		}
		return sb.toString();
	}
}
