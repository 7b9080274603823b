package io.github.espcnfiji.video;

import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.MatlabResize;
import io.github.espcnfiji.core.Normalization;
import io.github.espcnfiji.core.Planes;
import io.github.espcnfiji.core.SuperResolver;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.planar.PlanarImg;
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

	/**
	 * The luma through the network (in tiles, on the inference threads) while Cb and Cr are
	 * enlarged on the common pool's threads, so that the chroma does not wait for the luma
	 * with a core idle.
	 */
	private YuvPicture upscale(YuvPicture p) {
		int s = sr.scale(), w = p.width() * s, h = p.height() * s;
		Chroma c = p.chroma();
		int cw = c.chromaWidth(w), ch = c.chromaHeight(h);
		CompletableFuture<byte[]> cb = c.hasChroma() ? CompletableFuture.supplyAsync(
			() -> YuvPicture.bytes(MatlabResize.resize(p.cb(), cw, ch))) : null;
		CompletableFuture<byte[]> cr = c.hasChroma() ? CompletableFuture.supplyAsync(
			() -> YuvPicture.bytes(MatlabResize.resize(p.cr(), cw, ch))) : null;
		Img<UnsignedByteType> y = sr.upscale(ArrayImgs.unsignedBytes(p.yBytes(), p.width(), p
			.height()));
		byte[] luma = bytes(y, w, h);
		return new YuvPicture(c, w, h, luma, c.hasChroma() ? join(cb) : null, c.hasChroma() ? join(
			cr) : null);
	}

	/** The samples of an 8-bit image: its own array where it has one, else copied. */
	private static byte[] bytes(Img<UnsignedByteType> img, int w, int h) {
		Object storage = img instanceof ArrayImg ? ((ArrayImg<?, ?>) img).update(null)
			: img instanceof PlanarImg && ((PlanarImg<?, ?>) img).numSlices() == 1
				? ((PlanarImg<?, ?>) img).getPlane(0) : null;
		if (storage instanceof ByteArray && ((ByteArray) storage).getCurrentStorageArray()
			.length == w * h) return ((ByteArray) storage).getCurrentStorageArray();
		return YuvPicture.bytes(new FloatPlane(Planes.readReal(img, 0), w, h));
	}

	private static byte[] join(CompletableFuture<byte[]> plane) {
		try {
			return plane.join();
		}
		catch (CompletionException e) {
			if (e.getCause() instanceof RuntimeException) throw (RuntimeException) e.getCause();
			if (e.getCause() instanceof Error) throw (Error) e.getCause();
			throw e;
		}
	}
}
