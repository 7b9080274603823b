package io.github.espcnfiji.ij1;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import io.github.espcnfiji.io.ImagePlusBridge;
import io.github.espcnfiji.video.Frame;
import io.github.espcnfiji.video.FramePixels;
import io.github.espcnfiji.video.FrameSink;
import io.github.espcnfiji.video.VideoInfo;

import java.io.IOException;
import java.util.Locale;

/**
 * Super-resolved frames collected into a new ImageJ image, for videos that fit in memory: one
 * time point per frame (channels and slices of each kept), or one slice per frame where the
 * source's slices were its frames. The whole result is estimated against ImageJ's free memory
 * before the run, and each frame is checked again as it comes, so a video too large to hold
 * fails with advice to write a file instead, not with an out-of-memory error.
 */
final class ImageStackSink implements FrameSink {

	/** Memory kept free beside the result, for the frames in flight and the work. */
	private static final long HEADROOM = 256L << 20;

	private final String title;
	private final VideoInfo info;
	private final int channels;
	private final int slices;
	private final boolean slicesAreFrames;
	private ImageStack stack;
	private long written;
	private ImagePlus result;

	/**
	 * @param channels channels of each frame
	 * @param slices slices of each frame (1 where slices are the frames)
	 * @param bytesPerPixel of the result: 1 for 8-bit, 2 for 16-bit, 4 for 32-bit and RGB
	 * @throws IOException if the whole result would not fit in memory
	 */
	ImageStackSink(String title, VideoInfo info, int channels, int slices, boolean slicesAreFrames,
		int bytesPerPixel) throws IOException
	{
		this.title = title;
		this.info = info;
		this.channels = channels;
		this.slices = slices;
		this.slicesAreFrames = slicesAreFrames;
		long frameBytes = (long) info.width() * info.height() * channels * slices * bytesPerPixel;
		if (info.frames() > 0) require(frameBytes * info.frames(), info.frames() + " frames");
	}

	@Override
	public void write(Frame frame) throws IOException {
		if (result != null) throw new IllegalStateException("The image is finished");
		if (frame.width() != info.width() || frame.height() != info.height())
			throw new IOException("Frame " + (frame.index() + 1) + " is " + frame.width() + "x" + frame
				.height() + ", not " + info.width() + "x" + info.height());
		ImagePlus planes = ImagePlusBridge.toImagePlus("frame", FramePixels.image(frame));
		if (stack == null) stack = new ImageStack(info.width(), info.height());
		else require((long) planes.getSizeInBytes(), "frame " + (frame.index() + 1));
		for (int i = 1; i <= planes.getStackSize(); i++)
			stack.addSlice(planes.getStack().getProcessor(i));
		written++;
	}

	@Override
	public long written() {
		return written;
	}

	@Override
	public void finish() {
		if (result != null || stack == null) return;
		ImagePlus imp = new ImagePlus(title, stack);
		if (slicesAreFrames) imp.setDimensions(channels, (int) written, 1);
		else imp.setDimensions(channels, slices, (int) written);
		if (imp.getNDimensions() > 3) imp.setOpenAsHyperStack(true);
		imp.getCalibration().fps = info.fps();
		result = imp;
	}

	/** The image made by {@link #finish()}; null before. */
	ImagePlus result() {
		return result;
	}

	@Override
	public void close() {
		if (result == null) stack = null;
	}

	private static void require(long bytes, String what) throws IOException {
		long free = IJ.maxMemory() - IJ.currentMemory();
		if (bytes + HEADROOM > free) { // what looks used may be garbage: count again after a GC
			System.gc();
			free = IJ.maxMemory() - IJ.currentMemory();
		}
		if (bytes + HEADROOM > free) throw new IOException(String.format(Locale.ROOT,
			"The result (%s, %.0f MB) does not fit in the %.0f MB of memory left; give an output " +
				"file (.y4m, .avi or a folder) instead, or more memory (Edit > Options > Memory)", what,
			bytes / 1e6, free / 1e6));
	}
}
