package io.github.espcnfiji.cli;

import java.util.Locale;

/** How scores are printed: PSNR with 2 decimals, SSIM with 4, gains with a sign. */
final class Format {

	private Format() {}

	static String db(double v) {
		return Double.isInfinite(v) ? "inf" : String.format(Locale.ROOT, "%.2f", v);
	}

	static String ssim(double v) {
		return String.format(Locale.ROOT, "%.4f", v);
	}

	static String gain(double v) {
		return String.format(Locale.ROOT, "%+.2f", v);
	}
}
