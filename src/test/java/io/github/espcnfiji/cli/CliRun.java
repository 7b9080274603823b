package io.github.espcnfiji.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Test helper: one command line run in-process, with its exit code and captured output. */
final class CliRun {

	final int code;
	final String out;
	final String err;

	private CliRun(int code, String out, String err) {
		this.code = code;
		this.out = out;
		this.err = err;
	}

	static CliRun of(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		int code;
		try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8); PrintStream e =
			new PrintStream(err, true, StandardCharsets.UTF_8))
		{
			code = Cli.standard().run(args, o, e);
		}
		return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(
			StandardCharsets.UTF_8));
	}

	/** The last stderr line, where a failure's one-line reason goes. */
	String lastError() {
		String[] lines = err.strip().split("\\R");
		return lines[lines.length - 1];
	}

	@Override
	public String toString() {
		return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
	}
}
