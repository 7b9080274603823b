package io.github.espcnfiji.ij1;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ImageProcessor;
import io.github.espcnfiji.core.Normalization;
import io.github.espcnfiji.io.FramePictures;
import io.github.espcnfiji.io.ImagePlusBridge;
import io.github.espcnfiji.video.Frame;
import io.github.espcnfiji.video.FrameSource;
import io.github.espcnfiji.video.VideoInfo;

import java.util.Optional;

/**
 * An open ImageJ image as a video. A hyperstack with frames (T) gives one video frame per time
 * point, holding its channels and slices; an image without frames gives one video frame per
 * slice (a plain stack), holding its channels. Planes are read one frame at a time, so virtual
 * stacks (an AVI opened virtually) stream; the pixels of stacks in memory are shared, not
 * copied. Indexed-colour images become RGB. The frame rate is the image's ({@code fps} of its
 * calibration), or {@link VideoInfo#DEFAULT_FPS}.
 */
final class TimeSeriesFrames implements FrameSource {

	private final ImagePlus imp;
	private final boolean slicesAreFrames;
	private final boolean toRgb;
	private final int planesPerFrame;
	private final VideoInfo info;
	private int next;

	TimeSeriesFrames(ImagePlus imp) {
		this.imp = imp;
		slicesAreFrames = imp.getNFrames() == 1;
		toRgb = ImagePlusUpscaling.isIndexedColour(imp);
		planesPerFrame = imp.getNChannels() * (slicesAreFrames ? 1 : imp.getNSlices());
		int frames = imp.getStackSize() / planesPerFrame;
		info = VideoInfo.ofImages(imp.getWidth(), imp.getHeight(), frames, imp.getCalibration().fps);
	}

	/** Whether the slices of the image are its video frames (it has no T axis). */
	boolean slicesAreFrames() {
		return slicesAreFrames;
	}

	/** Whether indexed colour is super-resolved as RGB. */
	boolean convertsToRgb() {
		return toRgb;
	}

	ImagePlus image() {
		return imp;
	}

	@Override
	public VideoInfo info() {
		return info;
	}

	@Override
	public Frame next() {
		if (next >= info.frames()) return null;
		ImageStack stack = imp.getStack();
		int first = next * planesPerFrame + 1;
		if (planesPerFrame == 1) return Frame.of(next++, FramePictures.of(plane(stack, first)));
		ImageStack planes = new ImageStack(imp.getWidth(), imp.getHeight());
		for (int i = first; i < first + planesPerFrame; i++)
			planes.addSlice(plane(stack, i));
		return Frame.of(next++, ImagePlusBridge.wrap(new ImagePlus("frame", planes)));
	}

	private ImageProcessor plane(ImageStack stack, int index) {
		ImageProcessor ip = stack.getProcessor(index);
		return toRgb ? ip.convertToRGB() : ip;
	}

	/** 16-bit and 32-bit images: min and max over the whole image, as Super-Resolution takes. */
	@Override
	public Optional<Normalization> seriesNormalization() {
		int depth = imp.getBitDepth();
		if (toRgb || depth != 16 && depth != 32) return Optional.empty();
		return Optional.of(depth == 16 ? Normalization.of(ImagePlusBridge.wrapShorts(imp))
			: Normalization.of(ImagePlusBridge.wrapFloats(imp)));
	}

	@Override
	public void close() {
		// the image stays open
	}
}
