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
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * What the built jars hold. An integration test: maven-failsafe runs it in {@code mvn verify}
 * after {@code package} has built the jars (surefire's unit tests run before them), so a fresh
 * clone's {@code mvn -B verify} checks the jars themselves, not only the pom's lists
 * ({@code ToolsStayOutTest}, {@code SparkStaysOutTest}):
 * <ul>
 * <li>the plugin jar holds no class of the developer tools (src/tools), none of their
 * resources, and nothing of the Spark job or Spark; target/jars holds no Spark or Scala;</li>
 * <li>the tools jar holds every tool;</li>
 * <li>the Spark job's jar, where it is built ({@code -Pspark-job}), holds the engine and the
 * natives but no Spark, Scala or SLF4J.</li>
 * </ul>
 */
class BuiltJarsIT {

	private static final Path TOOLS = Paths.get("src", "tools");

	@Test
	void thePluginJarHoldsNoToolAndNothingOfSpark() throws IOException {
		List<String> names = entries(jar(""));
		Set<String> tools = toolClasses();
		List<String> found = new ArrayList<>();
		for (String n : names) {
			String outer = n.replaceFirst("\\$.*\\.class$", ".class");
			if (tools.contains(outer) || toolResources().contains(n)) found.add(n);
			if (n.startsWith("io/github/espcnfiji/spark/") || n.startsWith("org/apache/spark/") || n
				.startsWith("scala/")) found.add(n);
		}
		assertEquals(List.of(), found, "in the plugin jar");
		assertTrue(names.contains("io/github/espcnfiji/cli/Main.class"), "the plugin jar is whole");
		Path jars = Paths.get("target", "jars");
		assertTrue(Files.isDirectory(jars), "target/jars is made by package");
		try (Stream<Path> s = Files.list(jars)) {
			assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(
				"spark-") || n.startsWith("scala-")).collect(Collectors.toList()), "in target/jars");
		}
	}

	@Test
	void theToolsJarHoldsEveryTool() throws IOException {
		Set<String> names = new TreeSet<>(entries(jar("-tools")));
		Set<String> missing = new TreeSet<>(toolClasses());
		missing.addAll(toolResources());
		missing.removeAll(names);
		assertEquals(Set.of(), missing, "missing from the tools jar");
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

	/** {@code target/ESPCN_-VERSION{classifier}.jar}, which must have been built. */
	private static Path jar(String classifier) throws IOException {
		Path jar = Paths.get("target", "ESPCN_-" + version() + classifier + ".jar");
		assertTrue(Files.isRegularFile(jar), jar + " is built by package, before this test");
		return jar;
	}

	private static List<String> entries(Path jar) throws IOException {
		try (JarFile j = new JarFile(jar.toFile())) {
			return j.stream().map(e -> e.getName()).collect(Collectors.toList());
		}
	}

	/** The class files of src/tools/java ({@code io/github/espcnfiji/cli/BenchCommand.class}). */
	private static Set<String> toolClasses() throws IOException {
		Path java = TOOLS.resolve("java");
		try (Stream<Path> files = Files.walk(java)) {
			return files.filter(f -> f.toString().endsWith(".java")).map(f -> java.relativize(f)
				.toString().replace('\\', '/').replaceAll("\\.java$", ".class")).collect(Collectors
					.toCollection(TreeSet::new));
		}
	}

	/** The files of src/tools/resources ({@code bench/espcn_bench.py}, the services file). */
	private static Set<String> toolResources() throws IOException {
		Path res = TOOLS.resolve("resources");
		try (Stream<Path> files = Files.walk(res)) {
			return files.filter(Files::isRegularFile).map(f -> res.relativize(f).toString().replace(
				'\\', '/')).collect(Collectors.toCollection(TreeSet::new));
		}
	}

	private static String version() throws IOException {
		Matcher m = Pattern.compile("<artifactId>ESPCN_</artifactId>\\s*<version>([^<]+)</version>")
			.matcher(Files.readString(Paths.get("pom.xml")));
		assertTrue(m.find());
		return m.group(1);
	}
}
