package io.github.espcnfiji.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.process.ByteProcessor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The folder loop of {@code upscale}: overlapped, it tells the same outcomes in the same order
 * as serial, keeps one file's failure to that file, holds at most three images, and writes the
 * same bytes.
 */
class FolderUpscalingTest {

	@TempDir
	Path dir;

	private ExecutorService codecs;

	@BeforeEach
	void start() {
		codecs = Executors.newFixedThreadPool(2);
	}

	@AfterEach
	void stop() {
		codecs.shutdownNow();
	}

	/** Fake steps on names: "bad-read", "bad-net" and "bad-write" fail in that step. */
	private static final class Fake implements FolderUpscaling.Steps<String> {

		final AtomicInteger open = new AtomicInteger(), mostOpen = new AtomicInteger();
		final List<String> written = Collections.synchronizedList(new ArrayList<>());

		private ImagePlus image(String title) {
			mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
			return new ImagePlus(title, new ByteProcessor(2, 2)) {

				@Override
				public void close() {
					open.decrementAndGet();
				}
			};
		}

		@Override
		public ImagePlus read(String job) throws IOException {
			if (job.equals("bad-read")) throw new IOException("cannot read " + job);
			return image(job);
		}

		@Override
		public ImagePlus upscale(String job, int index, ImagePlus in) {
			if (job.equals("bad-net")) throw new IllegalStateException("network failed on " + job);
			return image(job + "-sr");
		}

		@Override
		public void write(String job, ImagePlus out) throws IOException {
			try {
				if (job.equals("bad-write")) throw new IOException("cannot write " + job);
				written.add(job);
			}
			finally {
				out.close();
			}
		}
	}

	/** Records the outcomes as lines. */
	private static final class Record implements FolderUpscaling.Outcomes<String> {

		final List<String> lines = new ArrayList<>();
		final String stopAt;

		Record(String stopAt) {
			this.stopAt = stopAt;
		}

		@Override
		public void written(String job, int index, ImagePlus out, long start) {
			lines.add(index + " written " + job);
		}

		@Override
		public void failed(String job, int index, Throwable error) throws Exception {
			lines.add(index + " failed " + job + ": " + error.getMessage());
			if (job.equals(stopAt)) throw (Exception) error;
		}
	}

	private static final List<String> JOBS = List.of("a", "bad-read", "b", "bad-net", "c",
		"bad-write", "d", "e");

	@Test
	void overlappedTellsWhatSerialTellsInTheSameOrder() throws Exception {
		Record serial = new Record(null), overlapped = new Record(null);
		Fake one = new Fake(), two = new Fake();
		FolderUpscaling.serial(JOBS, one, serial);
		FolderUpscaling.overlapped(JOBS, two, overlapped, codecs);
		assertEquals(List.of("0 written a", "1 failed bad-read: cannot read bad-read",
			"2 written b", "3 failed bad-net: network failed on bad-net", "4 written c",
			"5 failed bad-write: cannot write bad-write", "6 written d", "7 written e"), serial.lines);
		assertEquals(serial.lines, overlapped.lines);
		assertEquals(List.of("a", "b", "c", "d", "e"), two.written);
		assertEquals(0, two.open.get(), "every image closed");
		assertTrue(two.mostOpen.get() <= 3, "at most one read ahead, one in the network and one " +
			"being written: " + two.mostOpen.get());
	}

	@Test
	void aFailureThatStopsTheRunStopsItThere() {
		Record r = new Record("bad-net");
		Fake steps = new Fake();
		IllegalStateException e = assertThrows(IllegalStateException.class, () -> FolderUpscaling
			.overlapped(JOBS, steps, r, codecs));
		assertEquals("network failed on bad-net", e.getMessage());
		assertEquals(List.of("0 written a", "1 failed bad-read: cannot read bad-read",
			"2 written b", "3 failed bad-net: network failed on bad-net"), r.lines);
		assertEquals(List.of("a", "b"), steps.written, "nothing after the failed file is written");
	}

	@Test
	void oneFileIsItsOwnRun() throws Exception {
		Record r = new Record(null);
		FolderUpscaling.overlapped(List.of("a"), new Fake(), r, codecs);
		assertEquals(List.of("0 written a"), r.lines);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "rgb", "gray8", "stack16", "gray16", "gray8tif", "gray16tif" })
	void aFolderRunWritesTheBytesOfOneFileRuns(String kind) throws IOException {
		String model = Fixtures.model(dir.resolve("tiny-x3"), 3).toString();
		Path in = Files.createDirectory(dir.resolve("in"));
		for (int i = 0; i < 4; i++) {
			Path f = in.resolve("f" + i + (kind.startsWith("stack") || kind.endsWith("tif") ? ".tif"
				: ".png"));
			if (kind.equals("rgb")) Fixtures.rgb(f, 40 + i, 30);
			else if (kind.startsWith("gray8")) Fixtures.gray8(f, 40, 30 + i);
			else if (kind.startsWith("gray16")) Fixtures.gray16(f, 40 + i, 30);
			else Fixtures.stack16(f, 20 + i, 12, 2);
		}
		Path folderOut = dir.resolve("folder"), singleOut = Files.createDirectory(dir.resolve(
			"single"));
		CliRun r = CliRun.of("upscale", "--model", model, "--input", in.toString(), "--output",
			folderOut.toString());
		assertEquals(0, r.code, r.toString());
		try (var files = Files.list(in)) {
			for (Path f : (Iterable<Path>) files::iterator) {
				Path single = singleOut.resolve(f.getFileName());
				CliRun one = CliRun.of("upscale", "--model", model, "--input", f.toString(), "--output",
					single.toString());
				assertEquals(0, one.code, one.toString());
				assertArrayEquals(Files.readAllBytes(single), Files.readAllBytes(folderOut.resolve(f
					.getFileName())), f.getFileName() + ": folder and single-file runs differ");
			}
		}
	}
}
