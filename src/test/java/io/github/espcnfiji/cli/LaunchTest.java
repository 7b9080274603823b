package io.github.espcnfiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.espcnfiji.io.BrokenImages;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The program as a user starts it, in a child JVM: under {@code LANG=C}, with standard output
 * on a full disk, without its libraries.
 */
class LaunchTest {

	@TempDir
	Path dir;

	/** A child JVM's exit code, standard output and standard error. */
	private static final class Child {

		int code;
		String out, err;
	}

	private Child run(String classPath, Map<String, String> env, File stdout, String... args)
		throws IOException, InterruptedException
	{
		List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"),
			"bin", "java").toString(), "-Xmx256m", "-cp", classPath, Main.class.getName()));
		command.addAll(List.of(args));
		ProcessBuilder pb = new ProcessBuilder(command);
		pb.environment().putAll(env);
		Path out = dir.resolve("child.out"), err = dir.resolve("child.err");
		pb.redirectOutput(stdout != null ? stdout : out.toFile()).redirectError(err.toFile());
		Process p = pb.start();
		assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child did not finish");
		Child c = new Child();
		c.code = p.exitValue();
		c.out = stdout != null ? "" : Files.readString(out, StandardCharsets.UTF_8);
		c.err = Files.readString(err, StandardCharsets.UTF_8);
		return c;
	}

	@Test
	void underLangCAFolderWithNonAsciiNamesIsRead() throws Exception {
		assumeTrue(!FileNameEncoding.namesAreAscii(), "this JVM cannot make non-ASCII names");
		assumeTrue(Files.isReadable(Paths.get("/proc/self/cmdline")), "Linux only");
		Path folder = Files.createDirectory(dir.resolve("café"));
		BrokenImages.png(folder.resolve("naïve.png"), 24, 24);
		BrokenImages.png(folder.resolve("plain.png"), 24, 24);
		Child c = run(System.getProperty("java.class.path"), Map.of("LANG", "C", "LC_ALL", "C"),
			null, "measure", "--reference", folder.toString(), "--test", folder.toString(),
			"--scale", "3");
		assertEquals(0, c.code, c.err);
		assertTrue(c.out.contains("| naïve.png |") && c.out.contains("| plain.png |"), c.out);
	}

	@Test
	void resultsOnAFullDiskFailTheRun() throws Exception {
		File full = new File("/dev/full");
		assumeTrue(full.exists(), "no /dev/full here");
		Path a = BrokenImages.png(dir.resolve("a.png"), 24, 24);
		Child c = run(System.getProperty("java.class.path"), Map.of(), full, "measure",
			"--reference", a.toString(), "--test", a.toString(), "--scale", "3");
		assertEquals(1, c.code, c.err);
		assertEquals("error: " + StandardOutput.LOST, c.err.strip());
	}

	@Test
	void thePluginJarWithoutItsLibrariesSaysWhichIsMissing() throws Exception {
		String classes = Paths.get(Main.class.getProtectionDomain().getCodeSource().getLocation()
			.toURI()).toString();
		Path in = BrokenImages.png(dir.resolve("a.png"), 24, 24);
		Child c = run(classes, Map.of(), null, "upscale", "--model", "x3", "--input", in.toString(),
			"--output", dir.resolve("b.png").toString());
		assertEquals(1, c.code, c.err);
		String line = c.err.strip();
		assertEquals(1, line.split("\\R").length, line);
		assertTrue(line.startsWith("error: ") && line.contains(" is missing: ") && line.contains(
			".jar is not on the class path"), line);
		assertTrue(Files.notExists(dir.resolve("b.png")));
	}
}
