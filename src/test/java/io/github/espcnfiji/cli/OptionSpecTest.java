package io.github.espcnfiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The shared option parser accepts what a command declares and names what is wrong otherwise. */
class OptionSpecTest {

	private final OptionSpec spec = new OptionSpec().required("input", "FILE", "in").optional(
		"tile", "N", "tile").flag("overwrite", "replace");

	@Test
	void readsValuesFlagsAndEqualsForms() throws UsageException {
		Options o = spec.parse(List.of("--input", "a.png", "--tile=64", "--overwrite"));
		assertEquals("a.png", o.require("input"));
		assertEquals(64, o.integer("tile", 256, 1));
		assertTrue(o.flag("overwrite"));
	}

	@Test
	void flagsAcceptAnExplicitTrueOrFalseAsOlderCommandLinesGave() throws UsageException {
		assertFalse(spec.parse(List.of("--input", "a", "--overwrite", "false")).flag("overwrite"));
		assertTrue(spec.parse(List.of("--overwrite", "true", "--input", "a")).flag("overwrite"));
	}

	@Test
	void aRecordedCommandLineCanLeaveAFlagOutInAnyOfItsForms() throws UsageException {
		for (List<String> args : List.of(List.of("--input", "a b.png", "--overwrite", "--tile", "64"),
			List.of("--input", "a b.png", "--overwrite", "true", "--tile", "64"), List.of("--input",
				"a b.png", "--overwrite=false", "--tile", "64")))
			assertEquals("--input 'a b.png' --tile 64", spec.parse(args).commandLineWithout(
				"overwrite"), args.toString());
		assertEquals("--input a --tile 64", spec.parse(List.of("--input", "a", "--tile", "64"))
			.commandLineWithout("overwrite"));
	}

	@Test
	void unknownOptionsAreRejectedWithTheNearestName() {
		UsageException e = assertThrows(UsageException.class, () -> spec.parse(List.of("--input",
			"a", "--tiles", "3")));
		assertEquals("unknown option --tiles (did you mean --tile?)", e.getMessage());
	}

	@Test
	void missingRequiredOptionsAndValuesAreNamed() {
		assertEquals("missing --input FILE", assertThrows(UsageException.class, () -> spec.parse(
			List.of())).getMessage());
		assertEquals("--tile needs a value: --tile N", assertThrows(UsageException.class, () -> spec
			.parse(List.of("--input", "a", "--tile"))).getMessage());
		assertEquals("--tile needs a value: --tile N", assertThrows(UsageException.class, () -> spec
			.parse(List.of("--tile", "--input", "a"))).getMessage());
	}

	@Test
	void repeatedOptionsAndStrayWordsAreRejected() {
		assertEquals("--input is given twice", assertThrows(UsageException.class, () -> spec.parse(
			List.of("--input", "a", "--input", "b"))).getMessage());
		assertTrue(assertThrows(UsageException.class, () -> spec.parse(List.of("--input", "a",
			"b"))).getMessage().startsWith("unexpected 'b'"));
	}

	@Test
	void malformedNumbersAndScalesAreUsageErrors() throws UsageException {
		Options o = new OptionSpec().optional("tile", "N", "").optional("scale", "N", "").parse(List
			.of("--tile", "big", "--scale", "5"));
		assertEquals("--tile needs a whole number, got 'big'", assertThrows(UsageException.class,
			() -> o.integer("tile", 1, 1)).getMessage());
		assertEquals("--scale must be 2, 3 or 4, got '5'", assertThrows(UsageException.class,
			o::scale).getMessage());
	}

	@Test
	void usageListsRequiredThenOptionalOptions() {
		assertEquals(" --input FILE [--tile N] [--overwrite]", spec.synopsis());
		assertTrue(spec.describe().contains("--input FILE  in (required)"));
	}
}
