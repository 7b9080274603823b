package io.github.espcnfiji.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A row of figures that were not measured by this project's code but stand beside its results:
 * the paper's Table 1, what the reference PyTorch reproduction reports, and two fixed figures of
 * the issues. They are constants, always shown with their source, keyed by the set folder names
 * this project uses ({@code BSD100} holds the paper's "BSD300" test images and
 * {@code BSDS500-test} its "BSD500" ones).
 */
public final class PublishedFigure {

	private final String method;
	private final String source;
	private final int scale;
	private final boolean target;
	private final Map<String, Double> psnr;

	private PublishedFigure(String method, String source, int scale, boolean target,
		Object... setAndPsnr)
	{
		this.method = method;
		this.source = source;
		this.scale = scale;
		this.target = target;
		Map<String, Double> m = new LinkedHashMap<>();
		for (int i = 0; i < setAndPsnr.length; i += 2)
			m.put((String) setAndPsnr[i], (Double) setAndPsnr[i + 1]);
		this.psnr = Collections.unmodifiableMap(m);
	}

	/** The x3 figures that the results table shows beside its own, in the order shown. */
	public static final List<PublishedFigure> TABLE_1 = List.of(
		new PublishedFigure("ESPCN, trained on 91 images", "paper, Table 1", 3, true, "Set5", 32.55,
			"Set14", 29.08, "BSD100", 28.26, "BSDS500-test", 28.34),
		new PublishedFigure("ESPCN, trained on ImageNet", "paper, Table 1", 3, true, "Set5", 33.13,
			"Set14", 29.42, "BSD100", 28.52),
		new PublishedFigure("ESPCN, reference PyTorch reproduction (T91)",
			"as it reports; no border crop", 3, false, "Set5", 32.88),
		new PublishedFigure("ESPCN, reference code, re-measured (T91, 200 epochs)",
			"issue #4; our protocol", 3, true, "Set5", 32.24, "Set14", 28.85, "BSD100", 28.09,
			"BSDS500-test", 28.15),
		new PublishedFigure("bicubic", "issue #2 calibration; our protocol", 3, false, "Set5",
			30.39, "Set14", 27.55, "BSD100", 27.21));

	/** The method, e.g. "ESPCN, trained on 91 images". */
	public String method() {
		return method;
	}

	/** Where the figures come from, e.g. "paper, Table 1". */
	public String source() {
		return source;
	}

	public int scale() {
		return scale;
	}

	/**
	 * Whether a model measured here is compared with it: ESPCN figures under the same protocol
	 * (border cropped), not those measured another way nor bicubic's.
	 */
	public boolean isTarget() {
		return target;
	}

	/** The published PSNR (dB) on a set, if there is one. */
	public OptionalDouble psnr(String set) {
		Double v = psnr.get(set);
		return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
	}

	/** Whether it gives a figure for any of these sets at this scale. */
	public boolean covers(int scale, List<String> sets) {
		return this.scale == scale && sets.stream().anyMatch(psnr::containsKey);
	}
}
