package io.github.espcnfiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Results that cannot reach standard output (as with {@code > /dev/full}) fail the command. */
class LostOutputTest {

	@TempDir
	Path dir;

	/** Standard output on a full disk. */
	private static final class FullDisk extends OutputStream {

		@Override
		public void write(int b) throws IOException {
			throw new IOException("No space left on device");
		}
	}

	private static String[] run(String... args) {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code;
		try (PrintStream out = new PrintStream(new FullDisk(), true, StandardCharsets.UTF_8);
			PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8))
		{
			code = args[0].equals("macro") ? MacroRunner.run(java.util.Arrays.copyOfRange(args, 1,
				args.length), out, e) : Cli.standard().run(args, out, e);
		}
		return new String[] { String.valueOf(code), err.toString(StandardCharsets.UTF_8).strip() };
	}

	@Test
	void measureFailsWhenItsResultsAreLost() throws IOException {
		Path a = Fixtures.gray8(dir.resolve("a.png"), 24, 24);
		String[] r = run("measure", "--reference", a.toString(), "--test", a.toString(), "--scale",
			"3");
		assertEquals("1", r[0], r[1]);
		assertEquals("error: the results could not be written to standard output (a full disk, " +
			"or a closed pipe): they are lost", r[1]);
	}

	@Test
	void helpFailsToo() {
		assertEquals("1", run("measure", "--help")[0]);
	}

	@Test
	void aMacroThatPrintsFailsWhenItsOutputIsLost() throws IOException {
		Path macro = Files.writeString(dir.resolve("hello.ijm"), "print(\"hello\");\n");
		PrintStream standard = System.out;
		String[] r;
		try (PrintStream full = new PrintStream(new FullDisk(), true, StandardCharsets.UTF_8)) {
			System.setOut(full); // where print() goes
			r = run("macro", macro.toString());
		}
		finally {
			System.setOut(standard);
		}
		assertEquals("1", r[0], r[1]);
		assertEquals("error: hello.ijm: the results could not be written to standard output (a " +
			"full disk, or a closed pipe): they are lost", r[1]);
	}
}
