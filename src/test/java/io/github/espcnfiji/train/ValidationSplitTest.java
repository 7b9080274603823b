package io.github.espcnfiji.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** {@code --validation-fraction} holds out evenly spread images, the same ones every time. */
class ValidationSplitTest {

	private static List<Path> files(int n) {
		return IntStream.range(0, n).mapToObj(i -> Path.of(String.format("t%02d.png", i))).collect(
			Collectors.toList());
	}

	private static List<String> names(List<Path> paths) {
		return paths.stream().map(Path::toString).collect(Collectors.toList());
	}

	@Test
	void holdsOutTheRoundedFractionSpreadEvenly() {
		ValidationSplit s = ValidationSplit.holdOut(files(10), 0.2);
		assertEquals(List.of("t02.png", "t07.png"), names(s.validation()));
		assertEquals(8, s.train().size());
		List<Path> all = new ArrayList<>(s.train());
		all.addAll(s.validation());
		assertEquals(10, all.stream().distinct().count());
	}

	@Test
	void isDeterministicAndKeepsAtLeastOneOnEachSide() {
		assertEquals(names(ValidationSplit.holdOut(files(91), 0.1).validation()), names(
			ValidationSplit.holdOut(files(91), 0.1).validation()));
		assertEquals(9, ValidationSplit.holdOut(files(91), 0.1).validation().size());
		assertEquals(1, ValidationSplit.holdOut(files(5), 0.01).validation().size());
		assertEquals(1, ValidationSplit.holdOut(files(2), 0.99).train().size());
	}

	@Test
	void rejectsFractionsOutsideZeroToOneAndTooFewImages() {
		assertThrows(IllegalArgumentException.class, () -> ValidationSplit.holdOut(files(10), 0));
		assertThrows(IllegalArgumentException.class, () -> ValidationSplit.holdOut(files(10), 1));
		assertThrows(IllegalArgumentException.class, () -> ValidationSplit.holdOut(files(1), 0.5));
	}
}
