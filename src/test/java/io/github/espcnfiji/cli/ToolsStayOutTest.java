package io.github.espcnfiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The developer tools (src/tools) stay out of the plugin jar: nothing in src/main names them,
 * the plugin jar leaves out exactly their classes, and the command line finds them only when
 * their jar is on the class path. The built jars themselves are checked after {@code package}
 * by {@code io.github.espcnfiji.dist.BuiltJarsIT} (maven-failsafe, in {@code mvn verify}).
 */
class ToolsStayOutTest {

	private static final Path TOOLS = Paths.get("src", "tools", "java");
	private static final Path MAIN = Paths.get("src", "main", "java");

	private static Set<String> toolClasses() throws IOException {
		try (Stream<Path> files = Files.walk(TOOLS)) {
			return files.filter(f -> f.toString().endsWith(".java")).map(f -> TOOLS.relativize(f)
				.toString().replace('\\', '/').replaceAll("\\.java$", "")).collect(Collectors.toCollection(
					TreeSet::new));
		}
	}

	@Test
	void nothingInThePluginsSourcesNamesATool() throws IOException {
		List<String> offenders = new ArrayList<>();
		Set<String> names = new TreeSet<>();
		for (String c : toolClasses())
			names.add(c.substring(c.lastIndexOf('/') + 1));
		try (Stream<Path> files = Files.walk(MAIN)) {
			for (Path f : files.filter(p -> p.toString().endsWith(".java")).collect(Collectors
				.toList()))
			{
				String text = Files.readString(f);
				for (String n : names)
					if (Pattern.compile("\\b" + n + "\\b").matcher(text).find()) offenders.add(f
						.getFileName() + " names " + n);
			}
		}
		assertEquals(List.of(), offenders);
	}

	@Test
	void thePluginJarLeavesOutExactlyTheToolsAndTheToolsJarHoldsThem() throws IOException {
		String pom = Files.readString(Paths.get("pom.xml"));
		Set<String> excluded = new TreeSet<>(), included = new TreeSet<>();
		Matcher m = Pattern.compile("<exclude>io/github/espcnfiji/([\\w/]+)\\.class</exclude>")
			.matcher(pom);
		while (m.find())
			excluded.add(m.group(1));
		m = Pattern.compile("<include>io/github/espcnfiji/([\\w/]+)\\.class</include>").matcher(pom);
		while (m.find())
			included.add(m.group(1));
		Set<String> tools = new TreeSet<>();
		for (String c : toolClasses())
			tools.add(c.replaceFirst("^io/github/espcnfiji/", ""));
		assertEquals(tools, excluded, "pom.xml's plugin jar excludes");
		assertEquals(tools, included, "pom.xml's tools jar includes");
	}

	@Test
	void withTheToolsOnTheClassPathTheirCommandsAreThere() {
		List<String> names = new ArrayList<>();
		for (Command c : Cli.tools())
			names.add(c.name());
		assertEquals(Cli.TOOLS, names);
		assertTrue(Cli.standard().usage().contains("\n  bench "));
	}
}
