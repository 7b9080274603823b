package io.github.espcnfiji.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.SuperResolver;
import io.github.espcnfiji.io.ImageFiles;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.model.ModelCard;
import io.github.espcnfiji.model.ModelFiles;
import io.github.espcnfiji.testing.TestModels;
import io.github.espcnfiji.train.EpochReport;
import io.github.espcnfiji.train.TrainingListener;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.view.Views;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/** The SciJava commands, run through a minimal context as scripts and Fiji run them. */
class CommandsTest {

	@TempDir
	Path dir;

	private static ArrayImg<UnsignedByteType, ByteArray> randomBytes(long seed, long... dims) {
		ArrayImg<UnsignedByteType, ByteArray> img = ArrayImgs.unsignedBytes(dims);
		Random random = new Random(seed);
		for (UnsignedByteType t : img)
			t.set(random.nextInt(256));
		return img;
	}

	private static CommandModule run(Class<? extends org.scijava.command.Command> cls,
		Object... inputs) throws Exception
	{
		try (Context context = new Context(CommandService.class)) {
			return context.service(CommandService.class).run(cls, true, inputs).get();
		}
	}

	/** SciJava wraps a command's exception; the user sees the innermost message. */
	private static String rootMessage(Throwable t) {
		return root(t).getMessage();
	}

	private static Throwable root(Throwable t) {
		while (t.getCause() != null)
			t = t.getCause();
		return t;
	}

	private static <T> void assertSameImage(RandomAccessibleInterval<T> expected,
		RandomAccessibleInterval<T> actual)
	{
		assertTrue(Views.isZeroMin(actual));
		for (int d = 0; d < expected.numDimensions(); d++)
			assertEquals(expected.dimension(d), actual.dimension(d), "dimension " + d);
		LoopBuilder.setImages(expected, actual).forEachPixel((a, b) -> assertEquals(a, b));
	}

	@Test
	void superResolutionGivesTheEnginesResultForStacks() throws Exception {
		Path model = TestModels.save(dir, 3);
		ArrayImg<UnsignedByteType, ByteArray> in = randomBytes(1, 20, 14, 2);
		CommandModule m = run(SuperResolutionCommand.class, "input", in, "model", model.toString(),
			"tile", 8);
		@SuppressWarnings("unchecked")
		Img<UnsignedByteType> out = (Img<UnsignedByteType>) m.getOutput("output");
		try (EspcnModel direct = ModelFiles.load(model)) {
			assertSameImage(new SuperResolver(direct).upscale(in), out);
		}
		assertEquals(60, out.dimension(0));
		assertEquals(42, out.dimension(1));
		assertEquals(2, out.dimension(2));
	}

	@Test
	void aShippedModelIsLoadedOnceAndServesEveryRun() throws Exception {
		ArrayImg<UnsignedByteType, ByteArray> in = randomBytes(4, 18, 12);
		CommandModule first = run(SuperResolutionCommand.class, "input", in, "model", "x3");
		CommandModule second = run(SuperResolutionCommand.class, "input", in, "model", "X3");
		EspcnModel kept = ShippedModelCache.get("x3").get();
		assertSame(kept, ShippedModelCache.get("espcn-x3").get());
		@SuppressWarnings("unchecked")
		Img<UnsignedByteType> a = (Img<UnsignedByteType>) first.getOutput("output"),
			b = (Img<UnsignedByteType>) second.getOutput("output");
		assertSameImage(new SuperResolver(kept).upscale(in), a); // still open after two runs
		assertSameImage(a, b);
		assertFalse(ShippedModelCache.get(dir.toString()).isPresent(), "paths are not kept");
	}

	@Test
	void twoRunsAtOnceShareOneKeptModel() throws Exception {
		// both may be the first to ask for x4: one load, and each run gets its own image back
		ArrayImg<UnsignedByteType, ByteArray> a = randomBytes(5, 37, 29, 2), b = randomBytes(6, 31,
			23, 3);
		java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(
			2);
		java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
		try {
			java.util.concurrent.Future<CommandModule> first = two.submit(() -> {
				start.await();
				return run(SuperResolutionCommand.class, "input", a, "model", "x4", "tile", 16);
			});
			java.util.concurrent.Future<CommandModule> second = two.submit(() -> {
				start.await();
				return run(SuperResolutionCommand.class, "input", b, "model", "espcn-x4", "tile", 12);
			});
			EspcnModel kept = ShippedModelCache.get("x4").get();
			@SuppressWarnings("unchecked")
			Img<UnsignedByteType> outA = (Img<UnsignedByteType>) first.get().getOutput("output"),
				outB = (Img<UnsignedByteType>) second.get().getOutput("output");
			assertSameImage(new SuperResolver(kept).upscale(a), outA);
			assertSameImage(new SuperResolver(kept).upscale(b), outB);
		}
		finally {
			two.shutdownNow();
		}
	}

	@Test
	void superResolutionOfRgb() throws Exception {
		Path model = TestModels.save(dir, 2);
		ArrayImg<ARGBType, IntArray> in = ArrayImgs.argbs(12, 10);
		Random random = new Random(2);
		for (ARGBType t : in)
			t.set(random.nextInt() | 0xff000000);
		CommandModule m = run(SuperResolutionCommand.class, "input", in, "model", model.toString());
		@SuppressWarnings("unchecked")
		Img<ARGBType> out = (Img<ARGBType>) m.getOutput("output");
		try (EspcnModel direct = ModelFiles.load(model)) {
			assertSameImage(new SuperResolver(direct).upscaleRgb(in), out);
		}
	}

	@Test
	void superResolutionRefusesUnsupportedTypesAndMissingModels() throws Exception {
		Path model = TestModels.save(dir, 2);
		ExecutionException e = assertThrows(ExecutionException.class, () -> run(
			SuperResolutionCommand.class, "input", ArrayImgs.doubles(8, 8), "model", model
				.toString()));
		assertTrue(rootMessage(e).contains("convert the image first"), rootMessage(e));
		ExecutionException missing = assertThrows(ExecutionException.class, () -> run(
			SuperResolutionCommand.class, "input", randomBytes(1, 8, 8), "model", dir.resolve("nope")
				.toString()));
		assertTrue(rootMessage(missing).contains("no such model"), rootMessage(missing));
	}

	@Test
	void superResolutionReportsEveryTileAndStopsWhenCancelled() throws Exception {
		Path model = TestModels.save(dir, 2);
		AtomicInteger tiles = new AtomicInteger();
		SuperResolver.ProgressListener progress = (plane, planes, done, total) -> tiles
			.incrementAndGet();
		CommandModule done = run(SuperResolutionCommand.class, "input", randomBytes(5, 16, 16),
			"model", model.toString(), "tile", 8, "progress", progress);
		assertEquals(4, tiles.get());
		assertEquals(2, (int) done.getOutput("scale"));
		tiles.set(0);
		BooleanSupplier afterTwoTiles = () -> tiles.get() >= 2;
		ExecutionException e = assertThrows(ExecutionException.class, () -> run(
			SuperResolutionCommand.class, "input", randomBytes(5, 16, 16), "model", model.toString(),
			"tile", 8, "progress", progress, "cancel", afterTwoTiles));
		assertTrue(root(e) instanceof CancellationException, root(e).toString());
		assertEquals(2, tiles.get());
	}

	@Test
	void measuresPsnrAndSsimOfAConstantOffset() throws Exception {
		Img<UnsignedByteType> ref = ArrayImgs.unsignedBytes(32, 32), test = ArrayImgs
			.unsignedBytes(32, 32);
		ref.forEach(t -> t.set(100));
		test.forEach(t -> t.set(110));
		CommandModule m = run(MeasurePsnrCommand.class, "reference", ref, "test", test, "scale", 2);
		assertEquals(10 * Math.log10(255.0 * 255 / 100), (double) m.getOutput("psnr"), 1e-9);
		double c1 = 0.01 * 255 * 0.01 * 255;
		assertEquals((2 * 100 * 110 + c1) / (100 * 100 + 110 * 110 + c1), (double) m.getOutput(
			"ssim"), 1e-9);
	}

	@Test
	void measureModCropsAReferenceThatIsNotAMultipleOfTheScale() throws Exception {
		ArrayImg<UnsignedByteType, ByteArray> ref = randomBytes(3, 32, 31);
		RandomAccessibleInterval<UnsignedByteType> test = Views.zeroMin(Views.interval(ref,
			new long[] { 0, 0 }, new long[] { 29, 29 }));
		CommandModule m = run(MeasurePsnrCommand.class, "reference", ref, "test", test, "scale", 3);
		assertEquals(Double.POSITIVE_INFINITY, (double) m.getOutput("psnr"));
		assertEquals(1.0, (double) m.getOutput("ssim"), 1e-12);
		ExecutionException e = assertThrows(ExecutionException.class, () -> run(
			MeasurePsnrCommand.class, "reference", ref, "test", ArrayImgs.unsignedBytes(20, 20),
			"scale", 3));
		assertTrue(rootMessage(e).contains("same size"), rootMessage(e));
	}

	private Path trainingFolder() throws Exception {
		Path images = Files.createDirectory(dir.resolve("images"));
		Random random = new Random(4);
		for (int i = 0; i < 3; i++) {
			float[] v = new float[48 * 48];
			for (int p = 0; p < v.length; p++)
				v[p] = (p % 48) * 4 + random.nextInt(20);
			ImageFiles.write(images.resolve("img" + i + ".png"), new FloatPlane[] { new FloatPlane(v,
				48, 48) }, 8, false);
		}
		return images;
	}

	@Test
	void trainsOnAFolderAndKeepsTheBestModel() throws Exception {
		Path images = trainingFolder();
		Path out = dir.resolve("model");
		CommandModule m = run(TrainCommand.class, "folder", images.toFile(), "scale", 2, "epochs", 2,
			"batch", 4, "patch", 9, "validation", 0.34, "output", out.toFile());
		assertEquals(out.toString(), m.getOutput("model_folder"));
		assertTrue(Files.isRegularFile(out.resolve("card.json")));
		assertTrue((int) m.getOutput("best_epoch") >= 1);
		assertTrue(Double.isFinite((double) m.getOutput("best_psnr")));
		ModelFiles.loadCard(out);
	}

	@Test
	void imagesInMemoryJoinTheTrainingImagesAndAListenerMayStopTheRun() throws Exception {
		Path images = trainingFolder();
		Path out = dir.resolve("stopped");
		int[] patches = { 0 };
		TrainingListener stopAfterFirstEpoch = new TrainingListener() {

			int epochs;

			@Override
			public void started(int firstEpoch, int epochsToDo, int patchCount, int steps) {
				patches[0] = patchCount;
			}

			@Override
			public void epochDone(EpochReport report) {
				epochs = report.epoch;
			}

			@Override
			public boolean cancelled() {
				return epochs >= 1;
			}
		};
		List<RandomAccessibleInterval<?>> extra = List.of(randomBytes(6, 48, 48, 3));
		CommandModule m = run(TrainCommand.class, "folder", images.toFile(), "scale", 2, "epochs", 4,
			"batch", 4, "patch", 9, "validation", 0.34, "output", out.toFile(), "images", extra,
			"listener", stopAfterFirstEpoch);
		assertEquals(true, m.getOutput("cancelled"));
		assertEquals(1, (int) m.getOutput("epochs_done"));
		assertEquals(1, (int) m.getOutput("best_epoch"));
		ModelCard card = ModelFiles.loadCard(out);
		assertEquals(1, card.training.epochsCompleted);
		assertTrue(card.training.trainData.contains("1 image(s) given in memory (3 planes)"), card
			.training.trainData.toString());
		int withPlanes = patches[0];
		run(TrainCommand.class, "folder", images.toFile(), "scale", 2, "epochs", 4, "batch", 4,
			"patch", 9, "validation", 0.34, "output", dir.resolve("folder only").toFile(), "listener",
			stopAfterFirstEpoch);
		// 2 folder images train (1 validates); 3 planes of their size give 3/2 as many patches more
		assertEquals(5 * patches[0], 2 * withPlanes);
	}

	@Test
	void imagesInMemoryMayBeAnyGrayDepthOrRgbButNotOtherTypes() throws Exception {
		Path images = trainingFolder();
		ExecutionException e = assertThrows(ExecutionException.class, () -> run(TrainCommand.class,
			"folder", images.toFile(), "scale", 2, "epochs", 1, "output", dir.resolve("64").toFile(),
			"images", List.of(ArrayImgs.doubles(48, 48))));
		assertEquals("Training image 1 given in memory is DoubleType; training images must be " +
			"8-bit, 16-bit or 32-bit gray, or RGB (convert it first)", root(e).getMessage());
		assertTrue(Files.notExists(dir.resolve("64")));
	}
}
