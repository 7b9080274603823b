package io.github.espcnfiji.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.espcnfiji.io.BrokenImages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate} on Spark prints the command line's table and writes its CSV, to the digit. */
class EvaluateJobTest {

	@Test
	void theTableAndTheCsvEqualTheCommandLines(@TempDir Path tmp) throws IOException {
		Path a = Files.createDirectories(tmp.resolve("SetA")), b = Files.createDirectories(tmp
			.resolve("SetB"));
		BrokenImages.png(a.resolve("one.png"), 64, 48);
		BrokenImages.png(a.resolve("two.png"), 51, 77);
		BrokenImages.png(a.resolve("three.png"), 40, 40);
		BrokenImages.png(b.resolve("four.png"), 90, 30);
		String data = a + "," + b;
		SparkRun cli = SparkRun.cli("evaluate", "--model", "x2", "--data", data, "--csv", tmp
			.resolve("cli.csv").toString());
		assertEquals(0, cli.code, cli::toString);
		JavaSparkContext sc = LocalSpark.start();
		SparkRun spark;
		try {
			spark = SparkRun.job(sc, "evaluate", "--model", "x2", "--data", data, "--csv", tmp
				.resolve("spark.csv").toString());
		}
		finally {
			sc.stop();
		}
		assertEquals(0, spark.code, spark::toString);
		assertEquals(Files.readString(tmp.resolve("cli.csv")), Files.readString(tmp.resolve(
			"spark.csv")));
		assertEquals(cli.out.replace("cli.csv", "X.csv"), spark.out.replace("spark.csv", "X.csv"));
	}
}
