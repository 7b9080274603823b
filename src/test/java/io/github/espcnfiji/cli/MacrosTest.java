package io.github.espcnfiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.command.ImageComparison;
import io.github.espcnfiji.core.EvaluationProtocol;
import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.io.ImageFiles;
import io.github.espcnfiji.io.LoadedImage;
import io.github.espcnfiji.io.VideoFiles;
import io.github.espcnfiji.model.ModelFiles;
import io.github.espcnfiji.testing.TestData;
import io.github.espcnfiji.testing.TestModels;
import io.github.espcnfiji.video.AviWriter;
import io.github.espcnfiji.video.Frame;
import io.github.espcnfiji.video.FrameSink;
import io.github.espcnfiji.video.FrameSource;
import io.github.espcnfiji.video.Y4mReader;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The macros of {@code macros/}, unchanged, through the headless runner on two small crops of
 * Set5 images (skipped without the benchmark data).
 */
class MacrosTest {

	private static final int SCALE = 3;
	private static final String[] NAMES = { "bird", "butterfly" };

	@TempDir
	Path dir;

	private Path hr;
	private Path lr;
	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	/** HR: 60x48 crops (bird RGB, butterfly RGB); LR: their protocol downscale by 3. */
	@BeforeEach
	void data() throws Exception {
		Path set5 = TestData.set("Set5");
		hr = Files.createDirectory(dir.resolve("hr"));
		lr = Files.createDirectory(dir.resolve("lr"));
		for (String name : NAMES) {
			FloatPlane[] planes = ImageFiles.read(set5.resolve(name + ".png")).planes();
			FloatPlane[] crop = Arrays.stream(planes).map(p -> p.crop(40, 40, 60, 48)).toArray(
				FloatPlane[]::new);
			ImageFiles.write(hr.resolve(name + ".png"), crop, 24, false);
			ImageFiles.write(lr.resolve(name + ".png"), EvaluationProtocol.lowRes(crop, SCALE), 24,
				false);
		}
	}

	private int macro(String file, String... args) {
		String[] all = new String[args.length + 1];
		all[0] = Paths.get("macros", file).toString();
		System.arraycopy(args, 0, all, 1, args.length);
		return MacroRunner.run(all, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
	}

	@Test
	void upscaleThenMeasureAFolder() throws Exception {
		Path model = TestModels.save(dir, SCALE);
		Path sr = dir.resolve("sr");
		assertEquals(0, macro("upscale_folder.ijm", lr.toString(), sr.toString(), model
			.toString()), err.toString());
		for (String name : NAMES) {
			LoadedImage image = ImageFiles.read(sr.resolve(name + ".png"));
			assertEquals(60, image.width());
			assertEquals(48, image.height());
			assertTrue(image.isRgb());
		}

		Path csv = dir.resolve("scores.csv");
		assertEquals(0, macro("measure_folder.ijm", sr.toString(), hr.toString(), "" + SCALE, csv
			.toString()), err.toString());
		List<String> lines = Files.readAllLines(csv);
		assertEquals("image,psnr,ssim", lines.get(0));
		assertEquals(NAMES.length + 2, lines.size(), lines.toString());
		double sum = 0;
		for (int i = 0; i < NAMES.length; i++) {
			String[] f = lines.get(i + 1).split(",");
			assertEquals(NAMES[i], f[0]);
			ImageComparison c = ImageComparison.of(List.<FloatPlane[]> of(ImageFiles.read(hr.resolve(
				NAMES[i] + ".png")).planes()), List.<FloatPlane[]> of(ImageFiles.read(sr.resolve(
					NAMES[i] + ".png")).planes()), SCALE);
			assertEquals(c.meanPsnr(), Double.parseDouble(f[1]), 1e-5);
			assertEquals(c.meanSsim(), Double.parseDouble(f[2]), 1e-5);
			sum += c.meanPsnr();
		}
		assertTrue(lines.get(NAMES.length + 1).startsWith("mean,"));
		assertEquals(sum / NAMES.length, Double.parseDouble(lines.get(NAMES.length + 1).split(
			",")[1]), 1e-5);
	}

	@Test
	void upscaleFailsOnAMissingModel() {
		assertEquals(1, macro("upscale_folder.ijm", lr.toString(), dir.resolve("sr").toString(), dir
			.resolve("no-model").toString()));
		assertTrue(err.toString().contains("no such model"), err.toString());
	}

	@Test
	void missingArgumentsFailWithTheUsage() {
		for (String macro : new String[] { "upscale_folder.ijm", "measure_folder.ijm",
			"train_folder.ijm", "upscale_video.ijm" })
		{
			err.reset();
			assertEquals(1, macro(macro, "only-one"), macro);
			assertTrue(err.toString().contains("usage: " + macro), err.toString());
		}
	}

	@Test
	void upscaleAVideo() throws Exception {
		Path model = TestModels.save(dir, SCALE);
		Path video = dir.resolve("clip.avi"), out = dir.resolve("clip-x3.y4m");
		try (FrameSource frames = VideoFiles.open(lr, 25); FrameSink avi = VideoFiles.create(video,
			frames.info(), AviWriter.Compression.PNG, false))
		{
			for (Frame f = frames.next(); f != null; f = frames.next())
				avi.write(f);
			avi.finish();
		}
		assertEquals(0, macro("upscale_video.ijm", video.toString(), out.toString(), model
			.toString()), err.toString());
		try (Y4mReader back = Y4mReader.open(out)) {
			assertEquals("60x48, 2 frames, 25.0 fps, YUV C420jpeg", back.info().toString());
		}
		assertEquals(1, macro("upscale_video.ijm", video.toString(), out.toString(), model
			.toString()));
		assertTrue(err.toString().contains("the output exists"), err.toString());
	}

	@Test
	void trainOnAFolder() throws Exception {
		Path out = dir.resolve("model");
		assertEquals(0, macro("train_folder.ijm", hr.toString(), "" + SCALE, "1", out.toString(),
			"batch=1 patch=9"), err.toString());
		assertEquals(1, ModelFiles.loadCard(out).training.epochsCompleted);
	}
}
