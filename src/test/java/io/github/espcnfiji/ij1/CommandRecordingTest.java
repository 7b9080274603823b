package io.github.espcnfiji.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.plugin.frame.Recorder;
import ij.process.ByteProcessor;
import io.github.espcnfiji.testing.TestModels;

import java.lang.reflect.Field;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The macro recorder keeps a command only when it succeeded: ImageJ records the running command
 * when it returns, so a failed run must take itself out.
 */
class CommandRecordingTest {

	@TempDir
	Path dir;

	/** What ImageJ's Executer does before it runs a menu command with the recorder open. */
	private static void recording(String command) throws Exception {
		Field name = Recorder.class.getDeclaredField("commandName");
		name.setAccessible(true);
		name.set(null, command);
	}

	@AfterEach
	void clear() throws Exception {
		recording(null);
		Macro.setOptions(null);
		WindowManager.setTempCurrentImage(null);
	}

	/**
	 * Runs the plugin with macro options as ImageJ does: on a thread whose name starts with
	 * {@code Run$_} (ImageJ gives options to such threads only); rethrows what it threw.
	 */
	private static void runWith(String options, Runnable plugin) throws Throwable {
		ImagePlus current = WindowManager.getCurrentImage();
		Throwable[] thrown = { null };
		Thread thread = new Thread(() -> {
			WindowManager.setTempCurrentImage(current);
			Macro.setOptions(Thread.currentThread(), options);
			try {
				plugin.run();
			}
			catch (Throwable t) {
				thrown[0] = t;
			}
			finally {
				Macro.setOptions(Thread.currentThread(), null);
			}
		}, "Run$_recording-test");
		thread.start();
		thread.join();
		if (thrown[0] != null) throw thrown[0];
	}

	@Test
	void aFailedSuperResolutionIsNotRecorded() throws Exception {
		WindowManager.setTempCurrentImage(new ImagePlus("img", new ByteProcessor(12, 10)));
		recording(SuperResolutionPlugIn.COMMAND);
		assertThrows(PlugInFailure.class, () -> runWith("model=x5", () -> new SuperResolutionPlugIn()
			.run("")));
		assertNull(Recorder.getCommand());
	}

	@Test
	void aFailedTrainingIsNotRecorded() throws Exception {
		recording(TrainPlugIn.COMMAND);
		assertThrows(PlugInFailure.class, () -> runWith("folder=[] scale=3 epochs=1", () -> new TrainPlugIn()
			.run("")));
		assertNull(Recorder.getCommand());
	}

	@Test
	void aFailedOrCancelledOmeZarrRunIsNotRecorded() throws Throwable {
		Path model = TestModels.save(dir, 2);
		recording(OmeZarrPlugIn.COMMAND);
		assertThrows(PlugInFailure.class, () -> runWith("input=[" + dir.resolve("none.zarr") +
			"] output=[" + dir.resolve("out.zarr") + "] model=[" + model + "]", () -> new OmeZarrPlugIn()
				.run("")));
		assertNull(Recorder.getCommand());
		Path in = dir.resolve("in.zarr");
		io.github.espcnfiji.zarr.ZarrArray.create(in, new long[] { 20, 20 }, new int[] { 8, 8 },
			io.github.espcnfiji.zarr.DataType.parse("|u1"), io.github.espcnfiji.zarr.Compressor.NONE, 0,
			".");
		recording(OmeZarrPlugIn.COMMAND);
		ZarrProgress escape = new ZarrProgress("test") {

			@Override
			public void chunk(int level, long done, long total) {
				ij.IJ.setKeyDown(java.awt.event.KeyEvent.VK_ESCAPE);
			}
		};
		try {
			runWith("", () -> assertEquals(false, OmeZarrPlugIn.upscale(in.toString(), dir.resolve(
				"out.zarr").toString(), model.toString(), io.github.espcnfiji.zarr.ZarrUpscaler.Settings
					.defaults(), "fp32", false, escape)));
		}
		finally {
			ij.IJ.resetEscape();
		}
		assertNull(Recorder.getCommand());
	}

	@Test
	void aSuccessfulRunStaysRecorded() throws Exception {
		Path model = TestModels.save(dir, 2);
		ImagePlus imp = new ImagePlus("img", new ByteProcessor(12, 10));
		recording(SuperResolutionPlugIn.COMMAND);
		ImagePlus result = SuperResolutionPlugIn.upscale(imp, model.toString(), 64);
		assertEquals(24, result.getWidth());
		assertEquals(SuperResolutionPlugIn.COMMAND, Recorder.getCommand());
	}
}
