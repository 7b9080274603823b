package io.github.espcnfiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.io.AviFrames;
import io.github.espcnfiji.testing.TestData;
import io.github.espcnfiji.video.Chroma;
import io.github.espcnfiji.video.Frame;
import io.github.espcnfiji.video.VideoInfo;
import io.github.espcnfiji.video.Y4mReader;
import io.github.espcnfiji.video.Y4mWriter;
import io.github.espcnfiji.video.YuvPicture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code video} streams videos through a model, refuses what it must, and scores frames. */
class VideoCommandTest {

	@TempDir
	Path dir;

	private String model;

	@BeforeEach
	void tinyModel() throws IOException {
		model = Fixtures.model(dir.resolve("tiny-x3"), 3).toString();
	}

	/** A 4:2:0 y4m video of {@code n} frames of {@code w x h}. */
	private Path y4m(String name, int n, int w, int h) throws IOException {
		Path file = dir.resolve(name);
		try (Y4mWriter out = Y4mWriter.create(file, new VideoInfo(w, h, n, 30, 1, Chroma.C420JPEG,
			null), false))
		{
			for (int i = 0; i < n; i++) {
				FloatPlane p = Fixtures.plane(w, h, i);
				out.write(Frame.of(i, YuvPicture.fromRgb(p, Fixtures.plane(w, h, i + 4), p,
					Chroma.C420JPEG)));
			}
			out.finish();
		}
		return file;
	}

	@Test
	void upscalesAY4mVideoFrameByFrame() throws IOException {
		Path in = y4m("in.y4m", 3, 16, 10), out = dir.resolve("out.y4m");
		CliRun r = CliRun.of("video", "--input", in.toString(), "--output", out.toString(),
			"--model", model, "--tile", "6", "--threads", "1");
		assertEquals(0, r.code, r.toString());
		assertTrue(r.out.contains("-> " + out + ": 3 frames, 16x10 -> 48x30"), r.out);
		assertTrue(r.err.contains("3/3 frames"), r.err);
		try (Y4mReader back = Y4mReader.open(out)) {
			assertEquals("48x30, 3 frames, 30.0 fps, YUV C420jpeg", back.info().toString());
		}
	}

	@Test
	void aFolderOfFramesBecomesAnAvi() throws IOException {
		Path frames = Files.createDirectories(dir.resolve("frames"));
		for (int i = 1; i <= 3; i++)
			Fixtures.rgb(frames.resolve("f" + i + ".png"), 12, 8);
		Path out = dir.resolve("big.avi");
		CliRun r = CliRun.of("video", "--input", frames.toString(), "--output", out.toString(),
			"--model", model, "--compression", "jpeg", "--fps", "12", "--frames", "2");
		assertEquals(0, r.code, r.toString());
		try (AviFrames back = AviFrames.open(out)) {
			assertEquals("36x24, 2 frames, 12.0 fps", back.info().toString());
		}
	}

	@Test
	void theInputAndExistingOutputsAreNeverOverwritten() throws IOException {
		Path in = y4m("in.y4m", 1, 8, 6);
		byte[] before = Files.readAllBytes(in);
		CliRun same = CliRun.of("video", "--input", in.toString(), "--output", dir.resolve(
			"./in.y4m").toString(), "--model", model, "--overwrite");
		assertEquals(1, same.code, same.toString());
		assertTrue(same.lastError().endsWith("is the input; choose another name (inputs are never " +
			"overwritten)"), same.lastError());
		Path existing = Files.writeString(dir.resolve("old.y4m"), "keep me");
		CliRun exists = CliRun.of("video", "--input", in.toString(), "--output", existing
			.toString(), "--model", model);
		assertEquals(1, exists.code, exists.toString());
		assertTrue(exists.lastError().contains("the output exists"), exists.lastError());
		assertEquals("keep me", Files.readString(existing));
		assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(in)));
	}

	@Test
	void anOutputThatCannotBeWrittenIsToldBeforeAnyWorkWithTheUsersPath() throws IOException {
		Path in = y4m("in.y4m", 2, 8, 6);
		Path missing = dir.resolve("no such folder").resolve("x.y4m");
		CliRun r = CliRun.of("video", "--input", in.toString(), "--output", missing.toString(),
			"--model", model);
		assertEquals(1, r.code, r.toString());
		assertEquals("error: " + missing + ": the output folder does not exist (" + missing
			.getParent() + ")", r.err.strip(), "one line, before the model loads");
		Path jpg = dir.resolve("x.jpg");
		r = CliRun.of("video", "--input", in.toString(), "--output", jpg.toString(), "--model",
			model);
		assertEquals("error: Cannot write '" + jpg + "': give a .y4m or .avi file, or a folder for " +
			"frames", r.err.strip());
		Path proc = java.nio.file.Paths.get("/proc/espcn-test.y4m");
		if (Files.isDirectory(proc.getParent())) {
			r = CliRun.of("video", "--input", in.toString(), "--output", proc.toString(), "--model",
				model);
			assertEquals(1, r.code, r.toString());
			assertTrue(r.err.strip().startsWith("error: cannot write " + proc + ": "), r.err);
			assertFalse(r.err.contains(".part"), "the hidden temporary name is never shown");
		}
		try (java.util.stream.Stream<Path> files = Files.list(dir)) {
			assertEquals(0, files.filter(f -> f.getFileName().toString().endsWith(".part")).count());
		}
	}

	@Test
	void badInputsGetOneClearLine() throws IOException {
		Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
		CliRun r = CliRun.of("video", "--input", text.toString(), "--output", dir.resolve("o.y4m")
			.toString(), "--model", model);
		assertEquals(1, r.code, r.toString());
		assertTrue(r.lastError().startsWith("error: cannot read " + text + " as a video"), r
			.lastError());
		Path truncated = y4m("cut.y4m", 2, 8, 6);
		byte[] all = Files.readAllBytes(truncated);
		Files.write(truncated, java.util.Arrays.copyOf(all, all.length - 10));
		r = CliRun.of("video", "--input", truncated.toString(), "--output", dir.resolve("o.y4m")
			.toString(), "--model", model);
		assertEquals("error: " + truncated + " is truncated: frame 2 has 62 of its 72 bytes", r
			.lastError());
		r = CliRun.of("video", "--input", truncated.toString(), "--output", "o.avi", "--model",
			model, "--compression", "zip");
		assertEquals(2, r.code);
		assertTrue(r.err.startsWith("error: --compression must be none, png or jpeg, got 'zip'"), r
			.err);
		r = CliRun.of("video", "--input", truncated.toString(), "--output", "o.avi", "--model",
			model, "--precision", "half");
		assertEquals(2, r.code);
		assertTrue(r.err.startsWith("error: --precision: Precision must be fp32"), r.err);
		assertFalse(Files.exists(dir.resolve("o.y4m")));
	}

	@Test
	void evaluatesVid4FramesWithEspcnAheadOfBicubic() throws IOException {
		Path city = TestData.set("video").resolve("Vid4").resolve("city");
		Path csv = dir.resolve("city.csv");
		CliRun r = CliRun.of("video", "--evaluate", "--input", city.toString(), "--output", csv
			.toString(), "--model", "x3", "--frames", "2");
		assertEquals(0, r.code, r.toString());
		List<String> lines = Files.readAllLines(csv);
		assertEquals("frame,bicubic_psnr,bicubic_ssim,model_psnr,model_ssim", lines.get(0));
		assertEquals(4, lines.size(), lines.toString());
		assertTrue(lines.get(1).startsWith("1,") && lines.get(3).startsWith("mean,"), lines
			.toString());
		String[] mean = lines.get(3).split(",");
		double bicubic = Double.parseDouble(mean[1]), espcn = Double.parseDouble(mean[3]);
		assertTrue(espcn > bicubic + 0.3, "ESPCN " + espcn + " dB vs bicubic " + bicubic + " dB");
		assertTrue(Double.parseDouble(mean[4]) > Double.parseDouble(mean[2]), lines.get(3));
		assertTrue(r.out.contains("| mean  |"), r.out);

		// bf16 scores within a few hundredths of a dB of fp32
		Path bf16Csv = dir.resolve("city-bf16.csv");
		CliRun bf16 = CliRun.of("video", "--evaluate", "--input", city.toString(), "--output",
			bf16Csv.toString(), "--model", "x3", "--frames", "2", "--precision", "bf16");
		assumeFalse(bf16.err.contains("bfloat16"), "no bf16 on this CPU: " + bf16.err);
		assertEquals(0, bf16.code, bf16.toString());
		double reduced = Double.parseDouble(Files.readAllLines(bf16Csv).get(3).split(",")[3]);
		assertTrue(reduced != espcn && Math.abs(reduced - espcn) < 0.05, "fp32 " + espcn +
			" dB, bf16 " + reduced + " dB");
	}
}
