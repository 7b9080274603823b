package io.github.espcnfiji.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.command.MeasurePsnrCommand;
import io.github.espcnfiji.command.SuperResolutionCommand;
import io.github.espcnfiji.command.TrainCommand;

import io.github.espcnfiji.core.SuperResolver;
import io.github.espcnfiji.testing.TestModels;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/**
 * The SciJava context of the PlugIns outside Fiji: made once, its plugin index read through the
 * plugin's class loader whatever the thread's context class loader is (as in ImageJ 1.x, whose
 * threads' loader does not see {@code plugins/jars}), and commands run through it.
 */
class SciJavaCommandsTest {

	@TempDir
	Path dir;

	@Test
	void outsideFijiThePlugInsMakeOneContextOfTheirOwn() {
		assertNull(SciJavaCommands.fijiContext(), "no ImageJ2 legacy layer on this class path");
		Context context = SciJavaCommands.context();
		assertSame(context, SciJavaCommands.context());
		assertSame(context, SciJavaCommands.ownContext());
	}

	@Test
	void thePluginIndexIsReadThroughThePluginsLoaderAndTheThreadsLoaderIsRestored() {
		Thread thread = Thread.currentThread();
		ClassLoader original = thread.getContextClassLoader();
		// A loader that sees neither SciJava nor ESPCN, as ImageJ's threads do not see plugins/jars.
		ClassLoader blind = new URLClassLoader(new URL[0], null);
		thread.setContextClassLoader(blind);
		Context context;
		try {
			context = SciJavaCommands.newContext();
			assertSame(blind, thread.getContextClassLoader());
		}
		finally {
			thread.setContextClassLoader(original);
		}
		try {
			CommandService commands = context.service(CommandService.class);
			for (Class<?> c : new Class<?>[] { SuperResolutionCommand.class, TrainCommand.class,
				MeasurePsnrCommand.class })
				assertNotNull(commands.getCommand(c.getName()), c.getName());
		}
		finally {
			context.dispose();
		}
	}

	@Test
	void aCommandRunsOnTheCallersThread() throws Exception {
		Path model = TestModels.save(dir, 2);
		List<Thread> threads = new ArrayList<>();
		SuperResolver.ProgressListener progress = (plane, planes, done, tiles) -> threads.add(Thread
			.currentThread());
		CommandModule m = SciJavaCommands.run(SuperResolutionCommand.class, "input", ArrayImgs
			.unsignedBytes(12, 10), "model", model.toString(), "tile", 6, "progress", progress);
		assertEquals(24, ((Img<?>) m.getOutput("output")).dimension(0));
		assertEquals(2, (int) m.getOutput("scale"));
		assertEquals(4, threads.size());
		for (Thread t : threads)
			assertSame(Thread.currentThread(), t);
	}

	@Test
	void aCommandsExceptionReachesTheCallerAsItWasThrown() {
		Img<UnsignedByteType> a = ArrayImgs.unsignedBytes(16, 16), b = ArrayImgs.unsignedBytes(16,
			16);
		a.forEach(t -> t.set(100));
		b.forEach(t -> t.set(110));
		CommandModule m = SciJavaCommands.run(MeasurePsnrCommand.class, "reference", a, "test", b,
			"scale", 2);
		assertEquals(10 * Math.log10(255.0 * 255 / 100), (double) m.getOutput("psnr"), 1e-9);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> SciJavaCommands.run(MeasurePsnrCommand.class, "reference", a, "test", ArrayImgs
				.unsignedBytes(8, 8), "scale", 2));
		assertTrue(e.getMessage().contains("same size"), e.getMessage());
	}
}
