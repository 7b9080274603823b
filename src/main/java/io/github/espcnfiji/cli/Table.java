package io.github.espcnfiji.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Markdown table for the terminal: columns padded to their widest cell, the first column
 * left-aligned and the others (numbers) right-aligned.
 * <pre>{@code
 * Table t = new Table("image", "PSNR (dB)");
 * t.row("butterfly.png", "24.04");
 * console.out.print(t);
 * }</pre>
 */
final class Table {

	private final List<String[]> rows = new ArrayList<>();
	private final int columns;

	Table(String... header) {
		columns = header.length;
		rows.add(header.clone());
	}

	Table row(String... cells) {
		if (cells.length != columns) throw new IllegalArgumentException("Expected " + columns +
			" cells, got " + cells.length);
		rows.add(cells.clone());
		return this;
	}

	@Override
	public String toString() {
		int[] width = new int[columns];
		for (String[] r : rows)
			for (int c = 0; c < columns; c++)
				width[c] = Math.max(Math.max(width[c], r[c].length()), 3);
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < rows.size(); i++) {
			line(sb, rows.get(i), width);
			if (i == 0) {
				String[] rule = new String[columns];
				for (int c = 0; c < columns; c++) {
					char[] dashes = new char[width[c]];
					Arrays.fill(dashes, '-');
					if (c > 0) dashes[width[c] - 1] = ':';
					rule[c] = new String(dashes);
				}
				line(sb, rule, width);
			}
		}
		return sb.toString();
	}

	private static void line(StringBuilder sb, String[] cells, int[] width) {
		sb.append('|');
		for (int c = 0; c < cells.length; c++) {
			String pad = " ".repeat(width[c] - cells[c].length());
			sb.append(' ').append(c == 0 ? cells[c] + pad : pad + cells[c]).append(" |");
		}
		sb.append('\n');
	}
}
