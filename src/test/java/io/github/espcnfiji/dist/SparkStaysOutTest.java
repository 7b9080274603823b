package io.github.espcnfiji.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The Spark job (src/spark) stays out of what Fiji users install: Spark is a provided
 * dependency, the plugin jar's excludes leave the job's classes out, and nothing in src/main
 * names Spark or the job. The built jars themselves are checked after {@code package} by
 * {@link BuiltJarsIT} (maven-failsafe, in {@code mvn verify}).
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
}
