package io.github.espcnfiji.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * The pipeline's contract: results in frame order, never more than the allowed frames between
 * decoding and output, failures stop every stage and reach the caller, cancel stops cleanly.
 */
class VideoPipelineTest {

	private static final List<Frame> FRAMES = TestFrames.yuvFrames(12, Chroma.MONO, 4, 2);

	@Test
	void resultsComeInFrameOrderWithProgress() throws IOException {
		List<Long> out = new ArrayList<>();
		List<Progress> reports = new ArrayList<>();
		VideoPipeline.Result r = VideoPipeline.run(new TestFrames.ListSource(FRAMES), f -> {
			sleep(f.index() % 3);
			return f.index();
		}, out::add, VideoPipeline.Options.defaults().withProgress(reports::add));
		assertEquals(12, r.frames());
		assertFalse(r.cancelled());
		for (int i = 0; i < 12; i++)
			assertEquals(i, out.get(i));
		assertEquals(12, reports.size());
		assertEquals(12, reports.get(11).total());
		assertEquals(5, reports.get(4).done());
		assertTrue(reports.get(4).fps() > 0);
		assertEquals(7 / reports.get(4).fps(), reports.get(4).etaSeconds(), 1e-9);
		assertEquals(0.0, reports.get(11).etaSeconds());
	}

	@Test
	void noMoreThanTheAllowedFramesAreInFlight() throws IOException {
		for (int allowed : new int[] { 1, 3 }) {
			AtomicInteger output = new AtomicInteger(), worst = new AtomicInteger();
			TestFrames.ListSource source = new TestFrames.ListSource(FRAMES) {

				@Override
				public Frame next() throws IOException {
					Frame f = super.next();
					worst.accumulateAndGet(read - output.get(), Math::max);
					return f;
				}
			};
			VideoPipeline.run(source, f -> f, f -> {
				sleep(3); // a slow encoder: decoding runs ahead as far as it may
				output.incrementAndGet();
			}, VideoPipeline.Options.defaults().withInFlight(allowed));
			assertEquals(12, output.get());
			assertEquals(allowed, worst.get(), "frames decoded and not yet output");
		}
	}

	@Test
	void aFailingOutputStopsDecodingAndIsThrown() {
		TestFrames.ListSource source = new TestFrames.ListSource(FRAMES);
		IOException failure = new IOException("disk full");
		IOException e = assertThrows(IOException.class, () -> VideoPipeline.run(source, f -> f,
			f -> {
				if (f.index() == 2) throw failure;
			}, VideoPipeline.Options.defaults().withInFlight(2)));
		assertSame(failure, e);
		assertTrue(source.read <= 2 + 2 + 1, "read " + source.read);
	}

	@Test
	void decodingAndWorkFailuresReachTheCaller() {
		IOException e = assertThrows(IOException.class, () -> VideoPipeline.run(
			new TestFrames.ListSource(FRAMES, 5), f -> f, f -> {}, VideoPipeline.Options.defaults()));
		assertEquals("cannot decode frame 6", e.getMessage());
		IllegalStateException w = assertThrows(IllegalStateException.class, () -> VideoPipeline.run(
			new TestFrames.ListSource(FRAMES), f -> {
				if (f.index() == 3) throw new IllegalStateException("model failed");
				return f;
			}, f -> {}, VideoPipeline.Options.defaults()));
		assertEquals("model failed", w.getMessage());
	}

	@Test
	void cancelStopsAfterTheFramesAlreadyOutput() throws IOException {
		List<Long> out = new ArrayList<>();
		VideoPipeline.Result r = VideoPipeline.run(new TestFrames.ListSource(FRAMES), Frame::index,
			out::add, VideoPipeline.Options.defaults().withCancellation(() -> out.size() >= 4));
		assertTrue(r.cancelled());
		assertEquals(4, r.frames());
		assertEquals(List.of(0L, 1L, 2L, 3L), out);
	}

	@Test
	void workThatIsCancelledEndsTheRunAsCancelled() throws IOException {
		List<Long> out = new ArrayList<>();
		VideoPipeline.Result r = VideoPipeline.run(new TestFrames.ListSource(FRAMES), f -> {
			if (f.index() == 5) throw new CancellationException("stopped between tiles");
			return f.index();
		}, out::add, VideoPipeline.Options.defaults());
		assertTrue(r.cancelled());
		assertTrue(r.frames() <= 5, "output " + r.frames());
		for (int i = 0; i < out.size(); i++)
			assertEquals(i, out.get(i), "frames output before the cancel, in order");
	}

	@Test
	void aFrameLimitReadsOnlyThatMany() throws IOException {
		TestFrames.ListSource source = new TestFrames.ListSource(FRAMES);
		List<Progress> reports = new ArrayList<>();
		VideoPipeline.Result r = VideoPipeline.run(source, f -> f, f -> {}, VideoPipeline.Options
			.defaults().withFrameLimit(3).withProgress(reports::add));
		assertEquals(3, r.frames());
		assertEquals(3, source.read);
		assertFalse(r.cancelled());
		assertEquals(3, reports.get(2).total());
	}

	private static void sleep(long ms) {
		try {
			Thread.sleep(ms);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
