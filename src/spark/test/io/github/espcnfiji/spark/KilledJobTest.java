package io.github.espcnfiji.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.io.BrokenImages;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job killed mid-run (its JVM stopped dead after two outputs) leaves only complete outputs,
 * and the job started again does only the missing work; the result equals the command line's.
 * The job runs in a child JVM, started as spark-submit starts a driver in local mode.
 */
class KilledJobTest {

	@Test
	void aRerunDoesOnlyTheMissingWork(@TempDir Path tmp) throws Exception {
		Path in = Files.createDirectories(tmp.resolve("in"));
		for (int i = 0; i < 6; i++)
			BrokenImages.png(in.resolve("img" + i + ".png"), 40 + 7 * i, 36);
		Path out = tmp.resolve("out"), cli = tmp.resolve("cli");
		SparkRun reference = SparkRun.cli("upscale", "--model", "x2", "--input", in.toString(),
			"--output", cli.toString());
		assertEquals(0, reference.code, reference::toString);

		Process killed = job(tmp, in, out, "-D" + FaultInjection.HALT_AFTER + "=2");
		assertEquals(137, killed.exitValue(), () -> log(tmp));
		Set<String> survived = new HashSet<>();
		for (String n : FolderUpscaleTest.names(out))
			if (n.startsWith(".")) assertTrue(n.endsWith(".part"), n); // a write cut short: hidden
			else survived.add(n);
		List<String> complete = new ArrayList<>();
		for (String n : survived) {
			assertArrayEquals(Files.readAllBytes(cli.resolve(n)), Files.readAllBytes(out.resolve(n)),
				n);
			complete.add(n);
		}
		assertTrue(complete.size() >= 2 && complete.size() < 6, survived::toString);

		Process again = job(tmp, in, out);
		assertEquals(0, again.exitValue(), () -> log(tmp));
		FolderUpscaleTest.assertSameFiles(cli, out); // and the killed run's part files are gone
		for (String[] r : FolderUpscaleTest.manifest(Path.of(out + ".manifest.csv"))) {
			String name = Path.of(r[1]).getFileName().toString();
			assertEquals(survived.contains(name) ? "skipped" : "written", r[2], name);
		}
	}

	/** The job in a new JVM: Spark local[2] with this JVM's options and class path. */
	private static Process job(Path tmp, Path in, Path out, String... properties)
		throws IOException, InterruptedException
	{
		List<String> cmd = new ArrayList<>();
		cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments())
			if (a.startsWith("--add-") || a.startsWith("-XX:+Ignore") || a.startsWith("-Dai.djl") ||
				a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty") || a.startsWith("-Xmx"))
				cmd.add(a);
		cmd.add("-Dspark.master=local[2]");
		cmd.add("-Dspark.ui.enabled=false");
		cmd.add("-Dspark.driver.host=127.0.0.1");
		cmd.add("-Dspark.driver.bindAddress=127.0.0.1");
		cmd.addAll(List.of(properties));
		cmd.add("-cp");
		cmd.add(System.getProperty("java.class.path"));
		cmd.add(SparkJob.class.getName());
		cmd.addAll(List.of("upscale", "--model", "x2", "--input", in.toString(), "--output", out
			.toString()));
		Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve(
			"job.log").toFile()).start();
		if (!p.waitFor(5, TimeUnit.MINUTES)) {
			p.destroyForcibly();
			throw new AssertionError("the job did not end: " + log(tmp));
		}
		return p;
	}

	private static String log(Path tmp) {
		try {
			return Files.readString(tmp.resolve("job.log"));
		}
		catch (IOException e) {
			return e.toString();
		}
	}
}
