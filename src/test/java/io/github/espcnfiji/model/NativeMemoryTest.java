package io.github.espcnfiji.model;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.espcnfiji.core.FloatPlane;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Repeated inference does not leak native memory (checked where /proc tells the RSS). */
class NativeMemoryTest {

	private static final Path STATUS = Paths.get("/proc/self/status");

	@Test
	void residentMemoryStaysFlatOver200ForwardPasses() throws IOException {
		assumeTrue(Files.isReadable(STATUS), "needs Linux /proc/self/status");
		FloatPlane in = FloatPlane.zeros(64, 64);
		Random random = new Random(1);
		for (int i = 0; i < in.data().length; i++)
			in.data()[i] = random.nextFloat();
		try (EspcnModel model = TestNetworks.varied(3, 1)) {
			for (int i = 0; i < 20; i++)
				model.upscale(in);
			System.gc();
			long before = residentKiB(), t0 = System.nanoTime();
			for (int i = 0; i < 200; i++)
				model.upscale(in);
			long ms = (System.nanoTime() - t0) / 1_000_000;
			System.gc();
			long growth = residentKiB() - before;
			System.out.println("RSS growth over 200 passes on 64x64 (" + ms + " ms): " + growth +
				" KiB");
			assertTrue(growth < 50 * 1024, "RSS grew by " + growth / 1024 + " MiB");
		}
	}

	/** VmRSS of this process in KiB. */
	private static long residentKiB() throws IOException {
		for (String line : Files.readAllLines(STATUS))
			if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
		throw new IOException("No VmRSS line in " + STATUS);
	}
}
