package io.github.espcnfiji.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.espcnfiji.core.Scores;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluate CSV: a row per image and a mean per set, read back by the study table. */
class EvaluationCsvTest {

	@TempDir
	Path dir;

	@Test
	void writesRowsAndMeansAndReadsTheMeansBack() throws IOException {
		SetScores a = new SetScores("Set, A", 3, List.of(new ImageScore("x.png", 30, 24, new Scores(
			30, 0.8, 32, 0.9)), new ImageScore("y.png", 33, 27, new Scores(28, 0.6, 29, 0.7))));
		SetScores b = new SetScores("B", 3, List.of(new ImageScore("z.png", 9, 9, new Scores(20,
			0.5, 21, 0.55))));
		String text = EvaluationCsv.format(List.of(a, b));
		assertEquals(EvaluationCsv.HEADER + "\n" +
			"\"Set, A\",x.png,30,24,30.0000,0.800000,32.0000,0.900000\n" +
			"\"Set, A\",y.png,33,27,28.0000,0.600000,29.0000,0.700000\n" +
			"\"Set, A\",mean,,,29.0000,0.700000,30.5000,0.800000\n" +
			"B,z.png,9,9,20.0000,0.500000,21.0000,0.550000\n" +
			"B,mean,,,20.0000,0.500000,21.0000,0.550000\n", text.replace("\r\n", "\n"));
		Path csv = Files.writeString(dir.resolve("e.csv"), text);
		Map<String, Scores> means = EvaluationCsv.readMeans(csv);
		assertEquals(List.of("Set, A", "B"), List.copyOf(means.keySet()));
		assertEquals(30.5, means.get("Set, A").modelPsnr().getAsDouble(), 1e-12);
		assertEquals(0.7, means.get("Set, A").bicubicSsim(), 1e-12);
	}

	@Test
	void anotherFileIsRejected() throws IOException {
		Path log = Files.writeString(dir.resolve("training-log.csv"), "epoch,loss\n1,0.1\n");
		IOException e = assertThrows(IOException.class, () -> EvaluationCsv.readMeans(log));
		assertEquals(log + " is not an evaluation CSV: its first line is not '" +
			EvaluationCsv.HEADER + "'", e.getMessage());
	}
}
