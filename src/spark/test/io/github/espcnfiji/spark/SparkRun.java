package io.github.espcnfiji.spark;

import io.github.espcnfiji.cli.Cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;

import org.apache.spark.api.java.JavaSparkContext;

/** Test helper: a Spark job or a command line run in-process, with exit code and output. */
final class SparkRun {

	final int code;
	final String out;
	final String err;

	private SparkRun(int code, String out, String err) {
		this.code = code;
		this.out = out;
		this.err = err;
	}

	/** The Spark job in {@code sc}. */
	static SparkRun job(JavaSparkContext sc, String... args) {
		return capture((o, e) -> SparkJob.run(sc, args, o, e));
	}

	/** The Spark job's planning alone: a bad input stops it before Spark is needed. */
	static SparkRun planOnly(String... args) {
		return job(null, args);
	}

	/** The command line. */
	static SparkRun cli(String... args) {
		return capture((o, e) -> Cli.standard().run(args, o, e));
	}

	/** What {@code run} exits with and prints, stdout and stderr apart. */
	private static SparkRun capture(BiFunction<PrintStream, PrintStream, Integer> run) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		int code;
		try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8); PrintStream e =
			new PrintStream(err, true, StandardCharsets.UTF_8))
		{
			code = run.apply(o, e);
		}
		return new SparkRun(code, out.toString(StandardCharsets.UTF_8), err.toString(
			StandardCharsets.UTF_8));
	}

	String lastError() {
		String[] lines = err.strip().split("\\R");
		return lines[lines.length - 1];
	}

	@Override
	public String toString() {
		return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
	}
}
