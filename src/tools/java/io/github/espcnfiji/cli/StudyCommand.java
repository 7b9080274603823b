package io.github.espcnfiji.cli;

import io.github.espcnfiji.results.GeneratedBlocks;
import io.github.espcnfiji.results.MarkdownTable;
import io.github.espcnfiji.results.StudyTable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code study}: the table of a recipe study from its finished training runs
 * ({@link StudyTable}), printed and written into the {@code study} block of a Markdown document
 * (see {@link GeneratedBlocks}), leaving the rest of the document as it was.
 */
public final class StudyCommand implements Command {

	static final String BLOCK = "study";

	@Override
	public String name() {
		return "study";
	}

	@Override
	public String summary() {
		return "tabulate training runs (recipe, command, validation and test PSNR) into a document";
	}

	@Override
	public OptionSpec options() {
		return new OptionSpec().required("runs", "DIR",
			"a folder of run folders (each from train, with evaluation.csv from evaluate)").optional(
				"document", "FILE.md", "the Markdown document whose study block is rewritten " +
					"(default docs/RESULTS.md; created if missing)").optional("sets", "NAME[,NAME...]",
						"test-set columns (default " + String.join(",", StudyTable.SETS) + ")").optional("block",
							"NAME", "the document's block to rewrite (default " + BLOCK + ")").flag(
								"print-only", "print the table; write no document");
	}

	@Override
	public String notes() {
		return "A run is a folder holding card.json (written by train) and evaluation.csv (written\n" +
			"by: evaluate --model RUN --data Set5,Set14,BSD100 --scale N --csv RUN/evaluation.csv).\n" +
			"Only the text between the document's study markers changes; scripts/study.sh runs a\n" +
			"whole study and ends with this command.";
	}

	@Override
	public int run(Options o, Console console) throws Exception {
		List<String> sets = new ArrayList<>();
		for (String s : o.string("sets").orElse(String.join(",", StudyTable.SETS)).split(","))
			if (!s.isBlank()) sets.add(s.trim());
		Path runs = o.path("runs");
		StudyTable table = StudyTable.read(runs, sets);
		String markdown = table.markdown();
		console.out.print(markdown);
		for (String r : table.notEvaluated())
			console.progress("warning: run %s has no %s yet", r, StudyTable.EVALUATION);
		if (o.flag("print-only")) return 0;
		Path doc = o.optionalPath("document").orElse(Path.of("docs", "RESULTS.md"));
		String madeBy = Cli.TOOLS_PROGRAM + " study " + o.commandLine();
		String content = "Runs in " + MarkdownTable.code(runs.toString()) + ", tabulated by " +
			MarkdownTable.code(madeBy) + ". Validation PSNR is the best epoch's on the run's " +
			"validation images (training-side, never a test set); test PSNR is on Y with a border " +
			"of the scale cropped, as in the tables above.\n\n" + markdown;
		String block = o.string("block").orElse(BLOCK);
		if (!block.matches("[a-z0-9-]+")) throw new UsageException("--block: lower-case letters, " +
			"digits and '-' only, not '" + block + "'");
		ResultsCommand.updateDocument(doc, block, madeBy, content, "## Recipe study: the runs");
		console.result("%d runs written to the %s block of %s", table.size(), block, doc);
		return 0;
	}
}
