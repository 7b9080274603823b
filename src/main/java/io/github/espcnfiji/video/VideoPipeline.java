package io.github.espcnfiji.video;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Runs frames through three overlapped stages: a decoding thread reads them from a
 * {@link FrameSource}, a worker thread applies the {@link Work} (super-resolution or
 * evaluation), and the calling thread hands the results, in frame order, to the {@link Output}
 * (an encoder). At most {@link Options#inFlight()} frames are between decoding and output at
 * any time, so memory is bounded by that number of frames whatever the length of the video.
 * <ul>
 * <li>Progress (frames, frames per second, time left) is reported on the calling thread after
 * each output.</li>
 * <li>Cancellation is asked before each frame is read and each result is output; the work
 * itself may stop earlier by throwing {@link CancellationException} (as
 * {@link io.github.espcnfiji.core.SuperResolver} does between tiles). A cancelled run returns
 * normally with {@link Result#cancelled()} set; what was output stays output.</li>
 * <li>A failure in any stage stops the others and is thrown by {@link #run}.</li>
 * </ul>
 * <pre>{@code
 * VideoPipeline.Result r = VideoPipeline.run(source, upscaler::upscale, sink::write,
 *     VideoPipeline.Options.defaults().withProgress(p -> log(p.toString())));
 * }</pre>
 */
public final class VideoPipeline {

	/** What the worker does with each frame. */
	@FunctionalInterface
	public interface Work<R> {

		R apply(Frame frame) throws IOException;
	}

	/** Where each result goes, in frame order. */
	@FunctionalInterface
	public interface Output<R> {

		void accept(R result) throws IOException;
	}

	/** Told after each output, on the calling thread. */
	@FunctionalInterface
	public interface Listener {

		void progress(Progress progress);
	}

	/** How the run is bounded and watched; immutable, change it with the {@code with} methods. */
	public static final class Options {

		/** Frames in flight by default: one in each stage and one waiting. */
		public static final int DEFAULT_IN_FLIGHT = 4;

		private final int inFlight;
		private final long frameLimit;
		private final Listener listener;
		private final BooleanSupplier cancelled;

		private Options(int inFlight, long frameLimit, Listener listener,
			BooleanSupplier cancelled)
		{
			if (inFlight < 1) throw new IllegalArgumentException(
				"At least one frame must be allowed in flight, got " + inFlight);
			if (frameLimit < 0) throw new IllegalArgumentException("Frame limit must be >= 0, got " +
				frameLimit);
			if (listener == null || cancelled == null) throw new IllegalArgumentException(
				"Listener and cancel check must not be null");
			this.inFlight = inFlight;
			this.frameLimit = frameLimit;
			this.listener = listener;
			this.cancelled = cancelled;
		}

		/** {@link #DEFAULT_IN_FLIGHT} frames in flight, all frames, no reports, never cancelled. */
		public static Options defaults() {
			return new Options(DEFAULT_IN_FLIGHT, Long.MAX_VALUE, p -> {}, () -> false);
		}

		/** The most frames decoded but not yet output. */
		public Options withInFlight(int frames) {
			return new Options(frames, frameLimit, listener, cancelled);
		}

		/** Only the first {@code frames} frames of the source. */
		public Options withFrameLimit(long frames) {
			return new Options(inFlight, frames, listener, cancelled);
		}

		public Options withProgress(Listener l) {
			return new Options(inFlight, frameLimit, l, cancelled);
		}

		public Options withCancellation(BooleanSupplier check) {
			return new Options(inFlight, frameLimit, listener, check);
		}

		public int inFlight() {
			return inFlight;
		}

		public long frameLimit() {
			return frameLimit;
		}

		/** The cancel check, for work that should stop with the run. */
		public BooleanSupplier cancelled() {
			return cancelled;
		}
	}

	/** How a run ended. */
	public static final class Result {

		private final Progress progress;
		private final boolean cancelled;

		Result(Progress progress, boolean cancelled) {
			this.progress = progress;
			this.cancelled = cancelled;
		}

		/** Frames output. */
		public long frames() {
			return progress.done();
		}

		/** Whether the run was cancelled before the source's end. */
		public boolean cancelled() {
			return cancelled;
		}

		public double seconds() {
			return progress.seconds();
		}

		/** Frames output per second of the whole run. */
		public double fps() {
			return progress.fps();
		}

		/** The last progress report. */
		public Progress progress() {
			return progress;
		}
	}

	private static final Object END = new Object();
	private static final long POLL_MS = 50;

	private VideoPipeline() {}

	/**
	 * Runs every frame of {@code source} (up to the frame limit) through {@code work} into
	 * {@code output}. The source is not closed.
	 *
	 * @throws IOException or the unchecked exception that stopped a stage first
	 */
	public static <R> Result run(FrameSource source, Work<R> work, Output<R> output,
		Options options) throws IOException
	{
		return new Run<>(source, work, output, options).run();
	}

	/** One run's shared state. */
	private static final class Run<R> {

		private final FrameSource source;
		private final Work<R> work;
		private final Output<R> output;
		private final Options options;
		private final Semaphore slots;
		private final BlockingQueue<Object> decoded;
		private final BlockingQueue<Object> results;
		private final AtomicBoolean stop = new AtomicBoolean();
		private final AtomicBoolean cancelled = new AtomicBoolean();
		private final AtomicReference<Throwable> failure = new AtomicReference<>();

		Run(FrameSource source, Work<R> work, Output<R> output, Options options) {
			this.source = source;
			this.work = work;
			this.output = output;
			this.options = options;
			slots = new Semaphore(options.inFlight);
			decoded = new ArrayBlockingQueue<>(options.inFlight + 1);
			results = new ArrayBlockingQueue<>(options.inFlight + 1);
		}

		Result run() throws IOException {
			long known = source.info().frames();
			long total = known < 0 ? -1 : Math.min(known, options.frameLimit);
			long start = System.nanoTime();
			Progress progress = new Progress(0, total, 0);
			Thread decoder = start("espcn-video-decode", this::decode);
			Thread worker = start("espcn-video-work", this::work);
			try {
				for (Object x = take(results); x != null && x != END; x = take(results)) {
					if (halted()) break;
					@SuppressWarnings("unchecked")
					R r = (R) x;
					output.accept(r);
					slots.release();
					progress = new Progress(progress.done() + 1, total, (System.nanoTime() - start) / 1e9);
					options.listener.progress(progress);
				}
			}
			catch (Throwable t) {
				fail(t);
			}
			finally {
				stop.set(true);
				join(decoder);
				join(worker);
			}
			rethrow(failure.get());
			boolean wasCancelled = (cancelled.get() || options.cancelled.getAsBoolean()) && (total <
				0 || progress.done() < total);
			return new Result(new Progress(progress.done(), total, (System.nanoTime() - start) / 1e9),
				wasCancelled);
		}

		private void decode() {
			try {
				for (long n = 0; n < options.frameLimit && acquireSlot(); n++) {
					Frame f = source.next();
					if (f == null) break;
					if (!put(decoded, f)) break;
				}
			}
			catch (Throwable t) {
				fail(t);
			}
			finally {
				putEnd(decoded);
			}
		}

		private void work() {
			try {
				for (Object x = take(decoded); x != null && x != END; x = take(decoded)) {
					R r = work.apply((Frame) x);
					if (!put(results, r)) break;
				}
			}
			catch (CancellationException e) {
				cancelled.set(true);
			}
			catch (Throwable t) {
				fail(t);
			}
			finally {
				putEnd(results);
			}
		}

		/** Stop early: a stage failed, the output ended, or the user cancelled. */
		private boolean halted() {
			if (options.cancelled.getAsBoolean()) cancelled.set(true);
			return stop.get() || failure.get() != null || cancelled.get();
		}

		private boolean acquireSlot() throws InterruptedException {
			while (!slots.tryAcquire(POLL_MS, TimeUnit.MILLISECONDS))
				if (halted()) return false;
			return !halted();
		}

		private boolean put(BlockingQueue<Object> q, Object x) throws InterruptedException {
			while (!q.offer(x, POLL_MS, TimeUnit.MILLISECONDS))
				if (halted()) return false;
			return true;
		}

		private void putEnd(BlockingQueue<Object> q) {
			try {
				put(q, END);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}

		/** The next item, or null when the run halted while waiting. */
		private Object take(BlockingQueue<Object> q) throws InterruptedException {
			Object x;
			while ((x = q.poll(POLL_MS, TimeUnit.MILLISECONDS)) == null)
				if (halted()) return null;
			return x;
		}

		private void fail(Throwable t) {
			if (t instanceof CancellationException) cancelled.set(true);
			else {
				if (t instanceof InterruptedException) Thread.currentThread().interrupt();
				failure.compareAndSet(null, t);
			}
		}

		private static Thread start(String name, Runnable body) {
			Thread t = new Thread(body, name);
			t.setDaemon(true);
			t.start();
			return t;
		}

		private void join(Thread t) {
			boolean interrupted = false;
			while (t.isAlive())
				try {
					t.join();
				}
				catch (InterruptedException e) {
					interrupted = true; // the stage stops on its own once stop is set
				}
			if (interrupted) Thread.currentThread().interrupt();
		}

		private static void rethrow(Throwable t) throws IOException {
			if (t == null) return;
			if (t instanceof IOException) throw (IOException) t;
			if (t instanceof RuntimeException) throw (RuntimeException) t;
			if (t instanceof Error) throw (Error) t;
			if (t instanceof InterruptedException) throw new CancellationException(
				"Interrupted while processing the video");
			throw new IOException(t.getMessage(), t);
		}
	}
}
