package io.github.espcnfiji.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The Spark job (src/spark) stays out of what Fiji users install: Spark is a provided
 * dependency (so never in target/jars), the plugin jar leaves the job's classes out, nothing in
 * src/main names Spark or the job, and the job jar carries the engine and the natives but no
 * Spark or Scala.
 */
class SparkStaysOutTest {

	private static final Pattern SPARK = Pattern.compile(
		"\\borg\\.apache\\.spark\\b|\\bscala\\.|io\\.github\\.espcnfiji\\.spark\\b");

	@Test
	void nothingInThePluginsSourcesNamesSpark() throws IOException {
		List<String> offenders = new ArrayList<>();
		try (Stream<Path> files = Files.walk(Paths.get("src", "main", "java"))) {
			for (Path f : files.filter(p -> p.toString().endsWith(".java")).collect(Collectors
				.toList()))
				if (SPARK.matcher(Files.readString(f)).find()) offenders.add(f.toString());
		}
		assertEquals(List.of(), offenders);
	}

	@Test
	void sparkIsProvidedAndThePluginJarLeavesTheJobOut() throws IOException {
		String pom = Files.readString(Paths.get("pom.xml"));
		Matcher m = Pattern.compile("<artifactId>(spark-[\\w.-]+)</artifactId>\\s*<version>[^<]+" +
			"</version>\\s*<scope>(\\w+)</scope>").matcher(pom);
		int found = 0;
		while (m.find()) {
			assertEquals("provided", m.group(2), m.group(1));
			found++;
		}
		assertTrue(found > 0, "pom.xml names Spark");
		assertTrue(pom.contains("<exclude>io/github/espcnfiji/spark/**</exclude>"),
			"the plugin jar's excludes");
	}

	@Test
	void theBuiltPluginJarAndJarsFolderHoldNoSpark() throws IOException {
		Path jar = Paths.get("target", "ESPCN_-" + version() + ".jar");
		assumeTrue(Files.isRegularFile(jar), "the plugin jar is not built yet");
		try (JarFile j = new JarFile(jar.toFile())) {
			assertEquals(List.of(), j.stream().map(e -> e.getName()).filter(n -> n.startsWith(
				"io/github/espcnfiji/spark/") || n.startsWith("org/apache/spark/")).collect(Collectors
					.toList()));
		}
		Path jars = Paths.get("target", "jars");
		if (Files.isDirectory(jars)) try (Stream<Path> s = Files.list(jars)) {
			assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(
				"spark-") || n.startsWith("scala-")).collect(Collectors.toList()));
		}
	}

	@Test
	void theJobJarHoldsTheEngineAndNativesButNoSparkOrScala() throws IOException {
		Path jar = Paths.get("target", "ESPCN_-" + version() + "-spark.jar");
		assumeTrue(Files.isRegularFile(jar),
			"the job jar is built by mvn -B package -Pspark-job -DskipTests");
		try (JarFile j = new JarFile(jar.toFile())) {
			List<String> names = j.stream().map(e -> e.getName()).collect(Collectors.toList());
			assertTrue(names.contains("io/github/espcnfiji/spark/SparkJob.class"));
			assertTrue(names.contains("io/github/espcnfiji/core/SuperResolver.class"));
			assertTrue(names.stream().anyMatch(n -> n.startsWith("pytorch/") || n.startsWith(
				"native/lib/")), "the PyTorch natives");
			assertTrue(names.stream().anyMatch(n -> n.startsWith("models/")), "the bundled models");
			assertEquals(List.of(), names.stream().filter(n -> n.startsWith("org/apache/spark/") ||
				n.startsWith("scala/") || n.startsWith("org/slf4j/")).collect(Collectors.toList()));
			assertEquals("io.github.espcnfiji.spark.SparkJob", j.getManifest().getMainAttributes()
				.getValue("Main-Class"));
		}
	}

	private static String version() throws IOException {
		Matcher m = Pattern.compile("<artifactId>ESPCN_</artifactId>\\s*<version>([^<]+)</version>")
			.matcher(Files.readString(Paths.get("pom.xml")));
		assertTrue(m.find());
		return m.group(1);
	}
}
