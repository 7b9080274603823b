package io.github.espcnfiji.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.core.Scores;
import io.github.espcnfiji.model.EspcnBlock;
import io.github.espcnfiji.model.EspcnSpec;
import io.github.espcnfiji.model.ModelCard;
import io.github.espcnfiji.model.ModelFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The study table: a row per run folder, from its card, log and evaluation CSV. */
class StudyTableTest {

	@TempDir
	Path dir;

	private Path run(String name, String command, int epochs, int done, double validation,
		double set5, double set14) throws IOException
	{
		EspcnSpec spec = EspcnSpec.paper(3);
		ModelCard card = ModelCard.forSpec(spec);
		card.training.command = command;
		card.training.epochs = epochs;
		card.training.epochsCompleted = done;
		card.training.bestEpoch = done - 1;
		card.training.bestValidationPsnr = validation;
		Path folder = dir.resolve("study").resolve(name);
		ModelFiles.save(card, EspcnBlock.initialWeights(spec, 1), folder, false);
		Files.writeString(folder.resolve("training-log.csv"),
			"epoch,loss,validation_psnr,best_psnr,learning_rate,seconds\n1,0.1,20,20,1e-3,90\n" +
				"2,0.05,21,21,1e-3,30\n");
		if (set5 > 0) Files.writeString(folder.resolve(StudyTable.EVALUATION), EvaluationCsv.format(
			List.of(set("Set5", set5), set("Set14", set14))));
		return folder;
	}

	private static SetScores set(String name, double psnr) {
		return new SetScores(name, 3, List.of(new ImageScore("a.png", 9, 9, new Scores(25, 0.7, psnr,
			0.8))));
	}

	@Test
	void aRowPerRunSortedByNameWithTheBestInBold() throws IOException {
		run("02-relu", "java -jar ESPCN_.jar train --activation relu", 10, 10, 28.5, 32.61, 28.9);
		run("01-tanh", "java -jar ESPCN_.jar train", 10, 10, 28.4, 32.5, 29.05);
		run("03-gelu", "java -jar ESPCN_.jar train --activation gelu", 10, 4, 28.1, 0, 0);
		Files.createDirectories(dir.resolve("study/not-a-run"));
		StudyTable t = StudyTable.read(dir.resolve("study"), List.of("Set5", "Set14", "BSD100"));
		assertEquals(3, t.size());
		assertEquals(List.of("03-gelu"), t.notEvaluated());
		assertEquals("| run | command | epochs (best) | training time | validation PSNR | Set5 | Set14 | BSD100 |\n" +
			"| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n" +
			"| 01-tanh | `java -jar ESPCN_.jar train` | 10 (9) | 2.0 min | 28.400 | 32.50 | **29.05** | – |\n" +
			"| 02-relu | `java -jar ESPCN_.jar train --activation relu` | 10 (9) | 2.0 min | **28.500** | **32.61** | 28.90 | – |\n" +
			"| 03-gelu | `java -jar ESPCN_.jar train --activation gelu` | 4 of 10 (3) | 2.0 min | 28.100 | – | – | – |\n",
			t.markdown());
	}

	@Test
	void aSingleRunFolderIsAStudyOfOne() throws IOException {
		Path one = run("solo", "c", 5, 5, 27.0, 30.0, 27.0);
		assertEquals(1, StudyTable.read(one, StudyTable.SETS).size());
	}

	@Test
	void aFolderWithoutRunsSaysWhatARunIs() throws IOException {
		Path empty = Files.createDirectories(dir.resolve("empty"));
		IOException e = assertThrows(IOException.class, () -> StudyTable.read(empty,
			StudyTable.SETS));
		assertTrue(e.getMessage().contains("a run folder holds card.json"), e.getMessage());
	}
}
