package io.github.espcnfiji.spark;

import io.github.espcnfiji.cli.Failures;
import io.github.espcnfiji.cli.OptionSpec;
import io.github.espcnfiji.cli.Options;
import io.github.espcnfiji.cli.UsageException;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The Spark job's main class: {@code upscale} of a folder, a glob or an OME-Zarr image,
 * {@code video} of a y4m file or a folder of frames, and {@code evaluate}, with the command
 * line's options.
 * <pre>
 * spark-submit --class io.github.espcnfiji.spark.SparkJob ESPCN_-0.1.0-spark.jar \
 *     upscale --model x2 --input /data/plate1 --output /data/plate1-x2
 * </pre>
 * Everything is checked on the driver before Spark starts: a wrong argument or input is one
 * line on stderr and exit code 2 (usage) or 1, with nothing written. Exit code 1 also when some
 * inputs failed (they are listed in the manifest; the others were written).
 */
public final class SparkJob {

	/** A job planned on the driver, ready to run. */
	interface Planned {

		/** Runs it; returns the exit code. */
		int run(JavaSparkContext sc, PrintStream out, PrintStream err) throws Exception;
	}

	/** A sub-command: its options and how it plans a job. */
	interface Kind {

		OptionSpec options();

		Planned plan(Options o) throws Exception;
	}

	private SparkJob() {}

	public static void main(String[] args) {
		int code = run(args, System.out, System.err, () -> new JavaSparkContext(new SparkConf()
			.setAppName("ESPCN " + (args.length > 0 ? args[0] : ""))));
		System.exit(code);
	}

	/** Makes the Spark context once the job is planned. */
	interface Contexts {

		JavaSparkContext open();
	}

	/** Plans, then runs in a context from {@code contexts}; returns the exit code. */
	static int run(String[] args, PrintStream out, PrintStream err, Contexts contexts) {
		Planned planned;
		try {
			planned = plan(args);
		}
		catch (Exception e) {
			return refused(e, err);
		}
		JavaSparkContext sc = contexts.open();
		try {
			return runIn(sc, planned, out, err);
		}
		finally {
			sc.stop();
		}
	}

	/** Plans {@code args} and runs the job in {@code sc} (left open); returns the exit code. */
	static int run(JavaSparkContext sc, String[] args, PrintStream out, PrintStream err) {
		Planned planned;
		try {
			planned = plan(args);
		}
		catch (Exception e) {
			return refused(e, err);
		}
		return runIn(sc, planned, out, err);
	}

	/** Says why the job was not planned; returns the exit code (2: a wrong option). */
	private static int refused(Exception e, PrintStream err) {
		if (e instanceof UsageException) {
			err.println("error: " + e.getMessage());
			return 2;
		}
		err.println("error: " + Failures.describe(e, true));
		return 1;
	}

	private static int runIn(JavaSparkContext sc, Planned planned, PrintStream out,
		PrintStream err)
	{
		try {
			return planned.run(sc, out, err);
		}
		catch (Exception e) {
			err.println("error: " + JobFailure.describe(e));
			return 1;
		}
	}

	static Planned plan(String[] args) throws Exception {
		if (args.length == 0) throw new UsageException("name a command: upscale, video or evaluate");
		List<String> rest = Arrays.asList(args).subList(1, args.length);
		Kind kind;
		switch (args[0]) {
			case "upscale":
				kind = new UpscaleJob();
				break;
			case "evaluate":
				kind = new EvaluateJob();
				break;
			case "video":
				kind = new VideoJob();
				break;
			default:
				throw new UsageException("unknown command '" + args[0] + "'; the Spark job runs " +
					"upscale, video and evaluate");
		}
		return kind.plan(kind.options().parse(rest));
	}

	/** Executor cores for the inference workers: 0 lets each executor count its own. */
	static int executorCores(JavaSparkContext sc) {
		SparkConf conf = sc.getConf();
		if (conf.contains("spark.executor.cores")) return conf.getInt("spark.executor.cores", 1);
		return sc.master().startsWith("local") ? sc.defaultParallelism() : 0;
	}

	/** {@code spark.task.cpus}. */
	static int taskCpus(JavaSparkContext sc) {
		return sc.getConf().getInt("spark.task.cpus", 1);
	}
}
