package io.github.espcnfiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mistakes in a headless macro stop it with exit 1 and one line, and nothing on standard output
 * but what the macro printed: a misspelt option key (which ImageJ would ignore, running the
 * default), and a misspelt command (whose error dialog ImageJ cannot open headless).
 */
class MacroMistakesTest {

	@TempDir
	Path dir;

	/** Exit code, standard output (System.out, where ImageJ logs), standard error. */
	private String[] run(String macro) throws IOException {
		Path file = Files.writeString(dir.resolve("m.ijm"), macro);
		ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		PrintStream standard = System.out;
		int code;
		try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8); PrintStream e =
			new PrintStream(err, true, StandardCharsets.UTF_8))
		{
			System.setOut(o);
			code = MacroRunner.run(new String[] { file.toString() }, o, e);
		}
		finally {
			System.setOut(standard);
		}
		return new String[] { String.valueOf(code), out.toString(StandardCharsets.UTF_8), err
			.toString(StandardCharsets.UTF_8).strip() };
	}

	@Test
	void aMisspeltKeyIsAnErrorListingTheKeys() throws IOException {
		String[] r = run("newImage(\"a\", \"8-bit ramp\", 24, 24, 1);\n" +
			"run(\"ESPCN Super-Resolution\", \"modle=x4\");\nprint(\"went on\");\n");
		assertEquals("1", r[0], r[2]);
		assertEquals("error: ESPCN Super-Resolution: Unknown key 'modle' (did you mean 'model'?); " +
			"the keys are model, tile, precision (macro line 2) in m.ijm", r[2]);
		assertFalse(r[1].contains("went on"), r[1]);
	}

	@Test
	void everyPlugInChecksItsKeys() throws IOException {
		for (String call : new String[] { "ESPCN Train\", \"folder=[/x] output=[/y] epoch=3",
			"ESPCN Measure PSNR\", \"reference=a scael=3",
			"ESPCN Video\", \"input=[/x.y4m] overwrite compresion=png" })
		{
			String[] r = run("newImage(\"a\", \"8-bit ramp\", 24, 24, 1);\nrun(\"" + call + "\");\n");
			assertEquals("1", r[0], r[2]);
			assertEquals(1, r[2].split("\\R").length, r[2]);
			assertFalse(r[2].indexOf("Unknown key '") < 0, r[2]);
		}
	}

	@Test
	void aMisspeltCommandIsOneLineWithoutAStackTrace() throws IOException {
		String[] r = run("print(\"before\");\nrun(\"ESPCN Super-Resolutio\");\n");
		assertEquals("1", r[0], r[2]);
		assertEquals("before", r[1].strip());
		assertEquals(1, r[2].split("\\R").length, r[2]);
		assertFalse(r[2].contains("Exception"), r[2]);
	}
}
