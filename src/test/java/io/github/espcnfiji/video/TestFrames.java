package io.github.espcnfiji.video;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import net.imglib2.img.array.ArrayImgs;

/** Test helper: synthetic frames and an in-memory frame source that counts what it gives out. */
final class TestFrames {

	private TestFrames() {}

	/** A YUV picture of smooth patterns with some noise, different for every seed. */
	static YuvPicture yuv(Chroma chroma, int w, int h, long seed) {
		Random random = new Random(seed);
		byte[] y = pattern(w, h, seed, random);
		if (!chroma.hasChroma()) return new YuvPicture(chroma, w, h, y, null, null);
		int cw = chroma.chromaWidth(w), ch = chroma.chromaHeight(h);
		return new YuvPicture(chroma, w, h, y, pattern(cw, ch, seed + 1, random), pattern(cw, ch,
			seed + 2, random));
	}

	/** An RGB image frame of the same kind of patterns. */
	static Frame rgb(long index, int w, int h) {
		Random random = new Random(index);
		byte[] r = pattern(w, h, index, random), g = pattern(w, h, index + 3, random), b = pattern(w,
			h, index + 7, random);
		int[] argb = new int[w * h];
		for (int i = 0; i < argb.length; i++)
			argb[i] = 0xff000000 | (r[i] & 0xff) << 16 | (g[i] & 0xff) << 8 | (b[i] & 0xff);
		return Frame.of(index, ArrayImgs.argbs(argb, w, h));
	}

	private static byte[] pattern(int w, int h, long seed, Random random) {
		byte[] out = new byte[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				out[y * w + x] = (byte) Math.max(0, Math.min(255, 128 + 90 * Math.sin((x + seed) * 0.7) *
					Math.cos(y * 0.5 + seed) + random.nextInt(21) - 10));
		return out;
	}

	/** {@code n} YUV frames. */
	static List<Frame> yuvFrames(int n, Chroma chroma, int w, int h) {
		List<Frame> frames = new ArrayList<>();
		for (int i = 0; i < n; i++)
			frames.add(Frame.of(i, yuv(chroma, w, h, i)));
		return frames;
	}

	/** Frames from a list; counts the frames read and can fail at one. */
	static class ListSource implements FrameSource {

		private final List<Frame> frames;
		private final VideoInfo info;
		private final int failAt;
		volatile int read;
		volatile boolean closed;

		ListSource(List<Frame> frames) {
			this(frames, -1);
		}

		/** Throws an IOException when asked for frame {@code failAt} (0-based; -1: never). */
		ListSource(List<Frame> frames, int failAt) {
			this.frames = frames;
			Frame first = frames.get(0);
			Chroma chroma = first.isYuv() ? first.yuv().chroma() : null;
			this.info = new VideoInfo(first.width(), first.height(), frames.size(), 25, 1, chroma,
				null);
			this.failAt = failAt;
		}

		@Override
		public VideoInfo info() {
			return info;
		}

		@Override
		public Frame next() throws IOException {
			if (read == failAt) throw new IOException("cannot decode frame " + (read + 1));
			return read < frames.size() ? frames.get(read++) : null;
		}

		@Override
		public void close() {
			closed = true;
		}
	}
}
