package io.github.espcnfiji.video;

import io.github.espcnfiji.core.EvaluationProtocol;
import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.PlaneUpscaler;
import io.github.espcnfiji.core.Scores;
import io.github.espcnfiji.core.Tiler;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The paper's video evaluation: every frame of a high-resolution video goes through the
 * single-image {@link EvaluationProtocol} (mod-crop, MATLAB-style bicubic downscaling to 8 bits,
 * bicubic and the model back up, PSNR and SSIM on the luma with a border of {@code scale}
 * pixels). YUV frames are scored on their luma plane as it is stored; RGB frames on BT.601 luma.
 * The network runs in tiles, so large frames need bounded memory. Frames are streamed through
 * the {@link VideoPipeline}; only the scores are kept.
 */
public final class VideoEvaluation {

	/** The scores of one frame. */
	public static final class FrameScores {

		private final long index;
		private final Scores scores;

		FrameScores(long index, Scores scores) {
			this.index = index;
			this.scores = scores;
		}

		/** The frame number, from 0. */
		public long index() {
			return index;
		}

		public Scores scores() {
			return scores;
		}
	}

	/** The scores of every frame evaluated, and their means. */
	public static final class Report {

		private final List<FrameScores> frames;
		private final VideoPipeline.Result run;

		Report(List<FrameScores> frames, VideoPipeline.Result run) {
			this.frames = Collections.unmodifiableList(frames);
			this.run = run;
		}

		public List<FrameScores> frames() {
			return frames;
		}

		public VideoPipeline.Result run() {
			return run;
		}

		/** The mean over frames of bicubic PSNR, bicubic SSIM, model PSNR and model SSIM. */
		public Scores mean() {
			if (frames.isEmpty()) throw new IllegalStateException("No frame was evaluated");
			double[] sum = new double[4];
			for (FrameScores f : frames) {
				Scores s = f.scores;
				sum[0] += s.bicubicPsnr();
				sum[1] += s.bicubicSsim();
				sum[2] += s.modelPsnr().orElse(Double.NaN);
				sum[3] += s.modelSsim().orElse(Double.NaN);
			}
			int n = frames.size();
			return new Scores(sum[0] / n, sum[1] / n, sum[2] / n, sum[3] / n);
		}
	}

	private VideoEvaluation() {}

	/**
	 * Evaluates the frames of {@code source} (up to the options' frame limit) at the model's scale,
	 * the network in tiles of at most {@code tileSize} pixels.
	 *
	 * @throws IllegalArgumentException for frames other than 8-bit gray, RGB or YUV, or too small
	 *           for the scale and SSIM's window
	 */
	public static Report run(FrameSource source, PlaneUpscaler model, int tileSize,
		VideoPipeline.Options options) throws IOException
	{
		PlaneUpscaler tiled = new TiledUpscaler(new Tiler(model, tileSize), options.cancelled());
		List<FrameScores> frames = new ArrayList<>();
		VideoPipeline.Result r = VideoPipeline.run(source, f -> new FrameScores(f.index(),
			EvaluationProtocol.evaluate(FramePixels.protocolPlanes(f), model.scale(), tiled)),
			frames::add, options);
		return new Report(frames, r);
	}

	/** The model through a tiler, with the run's cancellation between tiles. */
	private static final class TiledUpscaler implements PlaneUpscaler {

		private final Tiler tiler;
		private final BooleanSupplier cancelled;

		TiledUpscaler(Tiler tiler, BooleanSupplier cancelled) {
			this.tiler = tiler;
			this.cancelled = cancelled;
		}

		@Override
		public int scale() {
			return tiler.upscaler().scale();
		}

		@Override
		public int halo() {
			return tiler.upscaler().halo();
		}

		@Override
		public FloatPlane upscale(FloatPlane lowRes) {
			return tiler.upscale(lowRes, (done, total) -> {}, cancelled);
		}
	}
}
