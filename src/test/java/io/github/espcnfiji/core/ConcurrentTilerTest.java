package io.github.espcnfiji.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.testing.BoxUpscaler;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With an upscaler that offers a tile executor, the tiler runs tiles side by side and still
 * gives the sequential result, reports progress and asks for cancellation on its own thread,
 * and never returns while a tile it started is still running.
 */
class ConcurrentTilerTest {

	private ExecutorService pool;

	@BeforeEach
	void start() {
		pool = Executors.newFixedThreadPool(3);
	}

	@AfterEach
	void stop() {
		pool.shutdownNow();
	}

	/** A box filter that runs tiles on the pool, counting the tiles running at any moment. */
	private final class PooledBox implements PlaneUpscaler {

		final BoxUpscaler box;
		final int preferred;
		final AtomicInteger running = new AtomicInteger(), started = new AtomicInteger();
		final List<String> threads = new ArrayList<>();
		volatile int failAt = -1;

		PooledBox(int scale, int radius, int preferred) {
			this.box = new BoxUpscaler(scale, radius);
			this.preferred = preferred;
		}

		@Override
		public int scale() {
			return box.scale();
		}

		@Override
		public int halo() {
			return box.halo();
		}

		@Override
		public FloatPlane upscale(FloatPlane lowRes) {
			synchronized (box) {
				return box.upscale(lowRes);
			}
		}

		@Override
		public void upscaleTile(FloatPlane lowRes, Tile tile, FloatPlane out) {
			running.incrementAndGet();
			try {
				if (started.incrementAndGet() - 1 == failAt) throw new IllegalStateException(
					"tile failed");
				sleep(5);
				PlaneUpscaler.super.upscaleTile(lowRes, tile, out);
			}
			finally {
				running.decrementAndGet();
			}
		}

		@Override
		public Optional<Executor> tileExecutor() {
			return Optional.of(pool);
		}

		@Override
		public int preferredTileSize() {
			return preferred;
		}
	}

	private static void sleep(long ms) {
		try {
			Thread.sleep(ms);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void givesTheSequentialResultBitForBit() {
		FloatPlane in = TilerTest.random(83, 59, 1);
		FloatPlane expected = new BoxUpscaler(3, 2).upscale(in);
		PooledBox pooled = new PooledBox(3, 2, 1000);
		FloatPlane got = new Tiler(pooled, 10).upscale(in);
		assertArrayEquals(expected.data(), got.data());
		assertEquals(9 * 6, pooled.started.get());
	}

	@Test
	void thePreferredTileSizeCapsTheTilerSize() {
		PooledBox pooled = new PooledBox(2, 1, 16);
		Tiler tiler = new Tiler(pooled, 256);
		assertEquals(16, tiler.tileSize());
		assertEquals(4 * 2, tiler.tileCount(64, 20));
		FloatPlane in = TilerTest.random(64, 20, 2);
		assertArrayEquals(new BoxUpscaler(2, 1).upscale(in).data(), tiler.upscale(in).data());
		assertEquals(8, pooled.started.get());
	}

	@Test
	void reportsEveryTileOnTheCallersThread() {
		Thread caller = Thread.currentThread();
		List<String> seen = new ArrayList<>();
		new Tiler(new PooledBox(2, 1, 1000), 4).upscale(TilerTest.random(10, 5, 3), (done,
			total) -> {
			assertEquals(caller, Thread.currentThread());
			seen.add(done + "/" + total);
		}, () -> {
			assertEquals(caller, Thread.currentThread());
			return false;
		});
		assertEquals(List.of("1/6", "2/6", "3/6", "4/6", "5/6", "6/6"), seen);
	}

	@Test
	void cancellingWaitsForTheTilesAlreadyRunning() {
		PooledBox pooled = new PooledBox(2, 1, 1000);
		int[] asked = { 0 };
		CancellationException e = assertThrows(CancellationException.class, () -> new Tiler(
			pooled, 4).upscale(TilerTest.random(40, 40, 4), (done, total) -> {}, () -> ++asked[0] > 3));
		// asked before the first tile, then after each: the fourth answer (after 3 tiles) stops it
		assertEquals("Super-resolution cancelled after 3 of 100 tiles", e.getMessage());
		assertEquals(0, pooled.running.get(), "a tile was still running");
		int started = pooled.started.get();
		sleep(50);
		assertEquals(started, pooled.started.get(), "a tile started after the tiler returned");
		assertTrue(started < 100, started + " tiles started");
	}

	@Test
	void aFailedTileStopsTheWorkWithItsException() {
		PooledBox pooled = new PooledBox(2, 1, 1000);
		pooled.failAt = 5;
		IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Tiler(pooled,
			4).upscale(TilerTest.random(40, 40, 5)));
		assertEquals("tile failed", e.getMessage());
		assertEquals(0, pooled.running.get(), "a tile was still running");
	}
}
