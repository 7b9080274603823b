package io.github.espcnfiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.files.FolderLock;
import io.github.espcnfiji.io.ImageFiles;
import io.github.espcnfiji.io.LoadedImage;
import io.github.espcnfiji.testing.FileChecksums;
import io.github.espcnfiji.testing.TestModels;
import io.github.espcnfiji.video.Chroma;
import io.github.espcnfiji.video.Frame;
import io.github.espcnfiji.video.VideoInfo;
import io.github.espcnfiji.video.Y4mReader;
import io.github.espcnfiji.video.Y4mWriter;
import io.github.espcnfiji.video.YuvPicture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs of {@code java -jar ESPCN_.jar} in a child JVM stopped part-way, as a user stops them:
 * {@code kill -9}, Ctrl-C (SIGINT), {@code kill} (SIGTERM), and a second run into the same
 * folder. Whatever the moment, no input changes, every output is complete or absent, temporary
 * files are removed (at once, or by the next run once their process is gone), and an
 * interrupted run says in one line what it completed.
 */
class InterruptedRunsTest {

	/** Upscaling: 256x256 inputs through the paper's x3 network, a run of some seconds. */
	private static final int SIDE = 256, IMAGES = 40, SCALE = 3;

	@TempDir
	Path dir;

	private Process child(Path log, String... args) throws IOException {
		return ChildProcesses.start(List.of("-Xmx1g", "-Djava.awt.headless=true",
			"-Dai.djl.pytorch.num_threads=1"), Main.class.getName(), List.of(args), log);
	}

	/** Waits until the child has printed {@code text}; fails if it ends first. */
	private static void awaitOutput(Process p, Path log, String text) throws Exception {
		for (int i = 0; i < 6000; i++) { // a guard against a hang, not a timing assertion
			if (Files.readString(log, StandardCharsets.UTF_8).contains(text)) return;
			if (!p.isAlive()) fail("the child ended before printing '" + text + "':\n" + Files
				.readString(log));
			Thread.sleep(20);
		}
		p.destroyForcibly();
		fail("the child never printed '" + text + "':\n" + Files.readString(log));
	}

	/**
	 * Whether this process ignores SIGINT, and so every child it starts (a build started as a
	 * background job of a non-interactive shell: the shell ignores SIGINT for it, and a JVM keeps
	 * an ignored SIGINT ignored). Read from Linux's {@code /proc/self/status}; false elsewhere.
	 */
	static boolean sigintIgnored() throws IOException {
		Path status = Path.of("/proc/self/status");
		if (!Files.isReadable(status)) return false;
		for (String line : Files.readAllLines(status))
			if (line.startsWith("SigIgn:")) return (Long.parseUnsignedLong(line.substring(7).trim(),
				16) & (1L << (2 - 1))) != 0;
		return false;
	}

	/** Ctrl-C tests need a SIGINT that reaches the child. */
	private static void assumeCtrlCReachesChildren() throws IOException {
		assumeFalse(sigintIgnored(), "SIGINT is ignored by this build's process (started as a " +
			"background job of a non-interactive shell?), so no child can be stopped by Ctrl-C: " +
			"run the build in the foreground");
	}

	private static int signal(Process p, String signal) throws Exception {
		new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start()
			.waitFor();
		return p.waitFor();
	}

	private Path inputs() throws IOException {
		Path in = Files.createDirectory(dir.resolve("in"));
		for (int i = 0; i < IMAGES; i++)
			Fixtures.gray8(in.resolve(String.format("img%02d.png", i)), SIDE, SIDE);
		return in;
	}

	private static List<Path> entries(Path folder) throws IOException {
		try (Stream<Path> s = Files.list(folder)) {
			return s.sorted().collect(Collectors.toList());
		}
	}

	private static List<Path> hidden(Path folder) throws IOException {
		return entries(folder).stream().filter(p -> p.getFileName().toString().startsWith("."))
			.collect(Collectors.toList());
	}

	/** Every visible file of {@code out} is a whole result; returns how many there are. */
	private static int completeResults(Path out) throws IOException {
		int n = 0;
		for (Path p : entries(out)) {
			if (p.getFileName().toString().startsWith(".")) continue;
			LoadedImage img = ImageFiles.read(p);
			assertEquals(SIDE * SCALE, img.width(), p.toString());
			assertEquals(SIDE * SCALE, img.height(), p.toString());
			n++;
		}
		return n;
	}

	@Test
	void killNineMidFolderLeavesWholeFilesAndTheNextRunRemovesTheRest() throws Exception {
		Path in = inputs(), out = dir.resolve("out"), log = dir.resolve("child.log");
		Path model = TestModels.save(dir, SCALE);
		Map<String, String> before = FileChecksums.of(in);
		Process p = child(log, "upscale", "--input", in.toString(), "--output", out.toString(), "--model",
			model.toString());
		awaitOutput(p, log, "[3/" + IMAGES + "]");
		for (int i = 0; i < 5000 && hidden(out).isEmpty() && p.isAlive(); i++)
			Thread.sleep(1); // most often, the kill then lands while a file is being written
		p.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
		int done = completeResults(out);
		assertTrue(done < IMAGES, "killed part-way: " + done);
		for (Path h : hidden(out))
			assertTrue(h.getFileName().toString().contains(".espcn-" + p.pid() + "-"),
				"a temporary file says whose it is: " + h);
		assertEquals(before, FileChecksums.of(in), "inputs unchanged");

		// the next run that writes into the folder removes them
		Path one = Fixtures.gray8(dir.resolve("one.png"), 8, 8);
		CliRun again = CliRun.of("upscale", "--input", one.toString(), "--output", out.resolve(
			"one.png").toString(), "--model", model.toString());
		assertEquals(0, again.code, again.toString());
		assertEquals(List.of(), hidden(out), "the dead run's temporary files are removed");
		Files.delete(out.resolve("one.png"));
		assertEquals(done, completeResults(out));
		assertEquals(before, FileChecksums.of(in));
	}

	@Test
	void ctrlCMidFolderRemovesTemporaryFilesAndSaysWhatWasDone() throws Exception {
		assumeCtrlCReachesChildren();
		Path in = inputs(), out = dir.resolve("out"), log = dir.resolve("child.log");
		Path model = TestModels.save(dir, SCALE);
		Map<String, String> before = FileChecksums.of(in);
		Process p = child(log, "upscale", "--input", in.toString(), "--output", out.toString(), "--model",
			model.toString());
		awaitOutput(p, log, "[3/" + IMAGES + "]");
		int code = signal(p, "INT");
		assertEquals(130, code, Files.readString(log));
		List<String> lines = Files.readAllLines(log);
		String last = lines.get(lines.size() - 1);
		int done = completeResults(out);
		assertEquals("interrupted: " + done + " outputs completed, the last " + out.resolve(String
			.format("img%02d.png", done - 1)) + "; unfinished files removed", last);
		assertEquals(List.of(), hidden(out), "no temporary file left");
		assertEquals(before, FileChecksums.of(in), "inputs unchanged");
	}

	@Test
	void ctrlCMidVideoKeepsTheFramesDoneAsAShorterVideo() throws Exception {
		assumeCtrlCReachesChildren();
		Path in = dir.resolve("in.y4m"), out = dir.resolve("out.y4m"), log = dir.resolve("child.log");
		int frames = 200, w = 256, h = 192;
		try (Y4mWriter y4m = Y4mWriter.create(in, new VideoInfo(w, h, frames, 30, 1,
			Chroma.C420JPEG, null), false))
		{
			for (int i = 0; i < frames; i++) {
				FloatPlane p = Fixtures.plane(w, h, i);
				y4m.write(Frame.of(i, YuvPicture.fromRgb(p, Fixtures.plane(w, h, i + 4), p,
					Chroma.C420JPEG)));
			}
			y4m.finish();
		}
		Path model = TestModels.save(dir, SCALE);
		Map<String, String> before = FileChecksums.of(in);
		Process p = child(log, "video", "--input", in.toString(), "--output", out.toString(),
			"--model", model.toString());
		awaitOutput(p, log, "\n  in.y4m: ");
		assertEquals(130, signal(p, "INT"), Files.readString(log));
		List<String> lines = Files.readAllLines(log);
		String last = lines.get(lines.size() - 1);
		assertTrue(last.matches("error: cancelled after \\d+ frames; " + java.util.regex.Pattern
			.quote(out.toString()) + " holds them .*"), last);
		long done = Long.parseLong(last.replaceAll("error: cancelled after (\\d+) frames.*", "$1"));
		try (Y4mReader back = Y4mReader.open(out)) {
			assertEquals(done, back.info().frames(), "a valid shorter video");
		}
		assertEquals(List.of(), hidden(dir), "no temporary file left");
		assertEquals(before, FileChecksums.of(in), "the input unchanged");
	}

	/** A training run of {@code epochs} of about 100 steps of a tiny network. */
	private List<String> train(Path images, Path run, int epochs, String... more) {
		List<String> args = new ArrayList<>(List.of("train", "--train", images.toString(),
			"--validation-fraction", "0.25", "--output", run.toString(), "--scale", "2", "--epochs",
			Integer.toString(epochs), "--filters", "4,2", "--patch", "7", "--stride", "3", "--batch",
			"4"));
		args.addAll(List.of(more));
		return args;
	}

	private Path trainingImages() throws IOException {
		Path t = Files.createDirectory(dir.resolve("train"));
		for (int i = 0; i < 4; i++)
			Fixtures.rgb(t.resolve("t" + i + ".png"), 80 + i, 80);
		return t;
	}

	@Test
	void aSecondTrainingRunIntoTheSameFolderIsRefusedAndKillStopsTheFirstCleanly()
		throws Exception
	{
		Path images = trainingImages(), run = dir.resolve("run"), log = dir.resolve("child.log");
		Process first = child(log, train(images, run, 30).toArray(new String[0]));
		awaitOutput(first, log, "epoch 1/30");
		for (String overwrite : new String[] { "--resume", "--overwrite" }) {
			CliRun second = CliRun.of(train(images, run, 30, overwrite).toArray(new String[0]));
			assertEquals(1, second.code, second.toString());
			assertTrue(second.lastError().startsWith("error: " + run.toAbsolutePath() + " is in use " +
				"by another run (pid " + first.pid() + " on host "), second.lastError());
		}
		int code = signal(first, "TERM");
		assertEquals(143, code, Files.readString(log));
		List<String> lines = Files.readAllLines(log);
		String last = lines.get(lines.size() - 1);
		assertTrue(last.matches("interrupted: epochs up to \\d+ of 30 completed in .*run " +
			"\\(--resume continues\\); unfinished files removed"), last);
		assertFalse(Files.exists(run.resolve(FolderLock.NAME)), "the lock is removed");
		assertEquals(List.of(), hidden(run));
		assertEquals(List.of(), hidden(run.resolve("checkpoint")));
	}

	@Test
	void killNineMidTrainingLeavesACheckpointThatResumesEachEpochOnce() throws Exception {
		Path images = trainingImages(), run = dir.resolve("run"), log = dir.resolve("child.log");
		Map<String, String> before = FileChecksums.of(images);
		Process p = child(log, train(images, run, 6).toArray(new String[0]));
		awaitOutput(p, log, "epoch 2/6");
		p.destroyForcibly().waitFor();
		assertTrue(Files.exists(run.resolve(FolderLock.NAME)), "kill -9 leaves the lock");

		CliRun resumed = CliRun.of(train(images, run, 6, "--resume").toArray(new String[0]));
		assertEquals(0, resumed.code, resumed.toString());
		List<String> epochs = Files.readAllLines(run.resolve("training-log.csv")).stream().skip(1)
			.map(l -> l.split(",")[0]).collect(Collectors.toList());
		List<String> expected = new ArrayList<>();
		for (int e = 1; e <= 6; e++)
			expected.add(Integer.toString(e));
		assertEquals(expected, epochs, "each epoch once in the log");
		assertEquals(List.of(), hidden(run), "the dead run's lock and temporary files are gone");
		assertEquals(before, FileChecksums.of(images), "inputs unchanged");
	}
}
