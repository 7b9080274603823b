package io.github.espcnfiji.core;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The outcome of {@link EvaluationProtocol} for one image: PSNR (dB) and SSIM on the luma of
 * the bicubic baseline and, when a model was given, of the model.
 */
public final class Scores {

	private final double bicubicPsnr;
	private final double bicubicSsim;
	private final double modelPsnr;
	private final double modelSsim;

	/** Model values may be NaN, meaning no model was evaluated. */
	public Scores(double bicubicPsnr, double bicubicSsim, double modelPsnr, double modelSsim) {
		this.bicubicPsnr = bicubicPsnr;
		this.bicubicSsim = bicubicSsim;
		this.modelPsnr = modelPsnr;
		this.modelSsim = modelSsim;
	}

	public double bicubicPsnr() {
		return bicubicPsnr;
	}

	public double bicubicSsim() {
		return bicubicSsim;
	}

	/** Absent when no model was evaluated. */
	public OptionalDouble modelPsnr() {
		return Double.isNaN(modelPsnr) ? OptionalDouble.empty() : OptionalDouble.of(modelPsnr);
	}

	/** Absent when no model was evaluated. */
	public OptionalDouble modelSsim() {
		return Double.isNaN(modelSsim) ? OptionalDouble.empty() : OptionalDouble.of(modelSsim);
	}

	public boolean hasModel() {
		return !Double.isNaN(modelPsnr);
	}

	@Override
	public String toString() {
		String s = String.format(Locale.ROOT, "bicubic %.2f dB / %.4f", bicubicPsnr, bicubicSsim);
		return hasModel() ? s + String.format(Locale.ROOT, ", model %.2f dB / %.4f", modelPsnr,
			modelSsim) : s;
	}
}
