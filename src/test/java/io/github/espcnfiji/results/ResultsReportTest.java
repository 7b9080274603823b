package io.github.espcnfiji.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.core.Scores;
import io.github.espcnfiji.model.ModelCard;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Table 1 as Markdown and CSV: measured rows, and the published ones beside them at x3. */
class ResultsReportTest {

	private static SetScores set(String name, int scale, double bicubic, double model) {
		return new SetScores(name, scale, List.of(new ImageScore("a.png", 10, 10, new Scores(bicubic,
			0.5, model, 0.75)), new ImageScore("b.png", 10, 10, new Scores(bicubic + 1, 0.7, model +
				1, 0.85))));
	}

	private static ScaleResults scale(int scale, String label) {
		List<SetScores> sets = List.of(set("Set5", scale, 30, 32), set("Mine", scale, 20, 21));
		ModelCard card = new ModelCard();
		card.scale = scale;
		card.training.trainData.add("T91");
		card.training.epochs = 10;
		card.training.bestEpoch = 7;
		card.training.bestValidationPsnr = 28.4567;
		card.training.command = "java -jar ESPCN_.jar train --a|b";
		return new ScaleResults(scale, sets, List.of(new EvaluatedModel(label, "models/" + label,
			card, sets)));
	}

	@Test
	void x3ComesFirstWithThePublishedFiguresOfTheSetsShown() {
		ResultsReport r = new ResultsReport(List.of(scale(2, "m2"), scale(3, "m3")));
		String md = r.markdown();
		assertTrue(md.indexOf("### x3 (the paper's Table 1)") < md.indexOf("### x2"), md);
		String x3 = md.substring(md.indexOf("### x3"), md.indexOf("### x2"));
		String x2 = md.substring(md.indexOf("### x2"));
		assertTrue(x3.contains("| method | source | Set5 (2) | Mine (2) |\n| --- | --- | ---: | ---: |\n" +
			"| bicubic | measured | 30.50 / 0.6000 | 20.50 / 0.6000 |\n" +
			"| ESPCN m3 | measured | 32.50 / 0.8000 | 21.50 / 0.8000 |\n" +
			"| ESPCN, trained on 91 images | paper, Table 1 | 32.55 | – |\n" +
			"| ESPCN, trained on ImageNet | paper, Table 1 | 33.13 | – |\n"), x3);
		assertTrue(x3.contains("| ESPCN, reference code, re-measured (T91, 200 epochs) | issue #4; " +
			"our protocol | 32.24 | – |"), x3);
		assertTrue(x3.contains("\n- m3 over bicubic: Set5 +2.00, Mine +1.00 dB.\n" +
			"- m3 against ESPCN, trained on 91 images (paper, Table 1): Set5 -0.05 dB.\n" +
			"- m3 against ESPCN, trained on ImageNet (paper, Table 1): Set5 -0.63 dB.\n" +
			"- m3 against ESPCN, reference code, re-measured (T91, 200 epochs) (issue #4; our " +
			"protocol): Set5 +0.26 dB.\n"), x3);
		assertFalse(x3.contains("m3 against ESPCN, reference PyTorch"), x3);
		assertFalse(x3.contains("m3 against bicubic"), x3);
		assertFalse(x2.contains("paper, Table 1"), x2);
	}

	@Test
	void publishedRowsAreLeftOutWhenNoneOfTheirSetsIsShown() {
		List<SetScores> sets = List.of(set("Mine", 3, 20, 21));
		String md = new ResultsReport(List.of(new ScaleResults(3, sets, List.of()))).markdown();
		assertFalse(md.contains("paper, Table 1"), md);
		assertTrue(md.contains("| bicubic | measured | 20.50 / 0.6000 |"), md);
	}

	@Test
	void theModelsTableGivesRecipeAndCommandEscaped() {
		String md = new ResultsReport(List.of(scale(3, "m3"))).modelsMarkdown();
		assertTrue(md.contains("| m3 (`models/m3`) | x3 | tanh, filters 64,32, kernels 5,3,3 | T91, " +
			"augmentation: none | – | 10 (7) | 28.46 | `java -jar ESPCN_.jar train --a\\|b` |"), md);
	}

	@Test
	void csvHasARowPerScaleSetAndMethod() {
		String csv = new ResultsReport(List.of(scale(4, "m4"), scale(3, "m3"))).csv();
		assertEquals(ResultsReport.CSV_HEADER + "\n" +
			"3,Set5,2,bicubic,,30.5000,0.600000\n" +
			"3,Mine,2,bicubic,,20.5000,0.600000\n" +
			"3,Set5,2,m3,models/m3,32.5000,0.800000\n" +
			"3,Mine,2,m3,models/m3,21.5000,0.800000\n" +
			"4,Set5,2,bicubic,,30.5000,0.600000\n" +
			"4,Mine,2,bicubic,,20.5000,0.600000\n" +
			"4,Set5,2,m4,models/m4,32.5000,0.800000\n" +
			"4,Mine,2,m4,models/m4,21.5000,0.800000\n", csv.replace("\r\n", "\n"));
	}
}
