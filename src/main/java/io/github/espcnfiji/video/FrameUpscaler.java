package io.github.espcnfiji.video;

import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.MatlabResize;
import io.github.espcnfiji.core.Normalization;
import io.github.espcnfiji.core.Planes;
import io.github.espcnfiji.core.SuperResolver;

import java.util.Optional;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * Super-resolves one frame with a {@link SuperResolver} (so in tiles, with its progress and
 * cancellation), keeping the frame's form:
 * <ul>
 * <li>YUV: the luma goes through the network as an 8-bit gray image would
 * ({@link SuperResolver#upscale}); Cb and Cr are enlarged by MATLAB-style bicubic to the chroma
 * size of the larger frame in the same layout, and rounded;</li>
 * <li>images: RGB through {@link SuperResolver#upscaleRgb}, gray through
 * {@link SuperResolver#upscale}, every plane of a multi-plane frame on its own; 16-bit and
 * 32-bit frames with the series' intensity range when given ({@link #withSeries}).</li>
 * </ul>
 * So a frame comes out exactly as the super-resolver makes the same image outside a video.
 */
public final class FrameUpscaler {

	private final SuperResolver sr;
	private final Optional<Normalization> series;

	public FrameUpscaler(SuperResolver sr) {
		this(sr, Optional.empty());
	}

	private FrameUpscaler(SuperResolver sr, Optional<Normalization> series) {
		if (sr == null) throw new IllegalArgumentException("No super-resolver");
		this.sr = sr;
		this.series = series;
	}

	/**
	 * The same upscaler mapping gray frames' intensities by the whole series' range
	 * ({@link FrameSource#seriesNormalization()}) instead of each frame's own.
	 */
	public FrameUpscaler withSeries(Optional<Normalization> normalization) {
		return new FrameUpscaler(sr, normalization);
	}

	public int scale() {
		return sr.scale();
	}

	/**
	 * @return a new frame with the same index, X and Y times {@link #scale()}
	 * @throws java.util.concurrent.CancellationException when the super-resolver is cancelled
	 */
	public Frame upscale(Frame frame) {
		if (frame.isYuv()) return Frame.of(frame.index(), upscale(frame.yuv()));
		return Frame.of(frame.index(), sr.upscaleImage(frame.image(), series));
	}

	private YuvPicture upscale(YuvPicture p) {
		int s = sr.scale(), w = p.width() * s, h = p.height() * s;
		Img<UnsignedByteType> y = sr.upscale(ArrayImgs.unsignedBytes(p.yBytes(), p.width(), p
			.height()));
		FloatPlane luma = new FloatPlane(Planes.readReal(y, 0), w, h);
		Chroma c = p.chroma();
		if (!c.hasChroma()) return YuvPicture.of(c, luma, null, null);
		int cw = c.chromaWidth(w), ch = c.chromaHeight(h);
		return YuvPicture.of(c, luma, MatlabResize.resize(p.cb(), cw, ch), MatlabResize.resize(p
			.cr(), cw, ch));
	}
}
