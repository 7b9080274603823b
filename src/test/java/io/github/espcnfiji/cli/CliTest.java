package io.github.espcnfiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The launcher's contract: usage texts and exit codes 0, 1 and 2. */
class CliTest {

	@Test
	void noArgumentsPrintsTheUsageToStderrAndExits2() {
		CliRun r = CliRun.of();
		assertEquals(2, r.code);
		assertTrue(r.err.contains("usage: java -jar ESPCN_.jar COMMAND"), r.err);
		for (String command : new String[] { "demo", "upscale", "measure", "evaluate", "train",
			"bench" })
			assertTrue(r.err.contains("\n  " + command + " "), command);
	}

	@Test
	void helpGoesToStdoutAndExits0() {
		CliRun top = CliRun.of("--help");
		assertEquals(0, top.code);
		assertTrue(top.out.contains("commands:"));
		CliRun upscale = CliRun.of("upscale", "--help");
		assertEquals(0, upscale.code);
		assertTrue(upscale.out.startsWith("usage: java -jar ESPCN_.jar upscale --model"), upscale.out);
		assertTrue(upscale.out.contains("--overwrite"));
	}

	@Test
	void unknownCommandsAndOptionsExit2WithTheReason() {
		CliRun r = CliRun.of("upscal");
		assertEquals(2, r.code);
		assertTrue(r.err.startsWith("error: unknown command 'upscal' (did you mean upscale?)\n"),
			r.err);
		assertTrue(r.err.indexOf("did you mean") < r.err.indexOf("usage:"), "the hint comes first");
		assertTrue(CliRun.of("macor").err.startsWith("error: unknown command 'macor' (did you mean " +
			"macro?)"));
		assertTrue(CliRun.of("zzzzzz").err.startsWith("error: unknown command 'zzzzzz'\n"));
		CliRun o = CliRun.of("measure", "--reference", "a", "--tset", "b", "--scale", "3");
		assertEquals(2, o.code);
		assertTrue(o.err.startsWith("error: unknown option --tset (did you mean --test?)"), o.err);
		assertTrue(o.err.contains("usage: java -jar ESPCN_.jar measure"), o.err);
	}

	@Test
	void versionNamesThisBuildAndTheEngineItRunsOn() {
		CliRun r = CliRun.of("--version");
		assertEquals(0, r.code, r.toString());
		assertTrue(r.out.matches("ESPCN for Fiji \\d+\\.\\d+\\.\\d+\\S* \\(DJL \\d\\S*, PyTorch \\d\\S*\\)\\R"),
			r.out);
		assertEquals(r.out, CliRun.of("version").out);
	}

	@Test
	void failuresExit1WithOneLineAndNoStackTraceUnlessDebug() {
		CliRun r = CliRun.of("measure", "--reference", "missing.png", "--test", "missing.png",
			"--scale", "3");
		assertEquals(1, r.code);
		assertEquals("error: missing.png: no such image file or folder", r.err.strip());
		CliRun d = CliRun.of("measure", "--debug", "--reference", "missing.png", "--test",
			"missing.png", "--scale", "3");
		assertEquals(1, d.code);
		assertTrue(d.err.contains("\tat io.github.espcnfiji.cli."), d.err);
		assertEquals("error: missing.png: no such image file or folder", d.lastError());
		assertFalse(r.err.contains("\tat "));
	}
}
