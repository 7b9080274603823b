package io.github.espcnfiji.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Generated blocks are replaced in place; the hand-written text around them is kept. */
class GeneratedBlocksTest {

	private static final String DOC = "# Results\n\nHand-written intro.\n\n" + GeneratedBlocks.begin(
		"tables", "old command") + "\nold table\n" + GeneratedBlocks.end("tables") +
		"\n\n## Study\n\nHand-written discussion.\n";

	@Test
	void replacesOnlyTheTextBetweenTheMarkers() {
		String doc = GeneratedBlocks.replace(DOC, "tables", "results", "new table\n", "## Tables");
		assertEquals("# Results\n\nHand-written intro.\n\n" + GeneratedBlocks.begin("tables",
			"results") + "\nnew table\n" + GeneratedBlocks.end("tables") +
			"\n\n## Study\n\nHand-written discussion.\n", doc);
		assertEquals(doc, GeneratedBlocks.replace(doc, "tables", "results", "new table", "## Tables"));
	}

	@Test
	void appendsABlockTheDocumentLacksUnderItsHeading() {
		String doc = GeneratedBlocks.replace(DOC, "study", "study", "| run |\n", "## Study runs");
		assertTrue(doc.startsWith(DOC + "\n## Study runs\n\n" + GeneratedBlocks.begin("study",
			"study") + "\n| run |\n" + GeneratedBlocks.end("study") + "\n"), doc);
		assertTrue(GeneratedBlocks.has(doc, "study"));
		assertFalse(GeneratedBlocks.has(DOC, "study"));
		// A second run finds the block and leaves the heading alone.
		String again = GeneratedBlocks.replace(doc, "study", "study", "| run 2 |\n", "## Study runs");
		assertEquals(1, again.split("## Study runs", -1).length - 1);
		assertTrue(again.contains("| run 2 |") && !again.contains("| run |"), again);
	}

	@Test
	void aBrokenOrRepeatedBlockIsAnErrorNotAGuess() {
		String noEnd = DOC.replace(GeneratedBlocks.end("tables"), "");
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> GeneratedBlocks.replace(noEnd, "tables", "x", "y", null));
		assertTrue(e.getMessage().contains("no end marker"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> GeneratedBlocks.replace(DOC + DOC,
			"tables", "x", "y", null));
	}

	@Test
	void blockNamesDoNotMatchByPrefix() {
		String doc = GeneratedBlocks.replace(DOC, "tab", "x", "other", null);
		assertTrue(doc.contains("old table"), doc);
		assertTrue(doc.contains("other"), doc);
	}
}
