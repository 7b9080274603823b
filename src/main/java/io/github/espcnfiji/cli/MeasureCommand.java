package io.github.espcnfiji.cli;

import io.github.espcnfiji.core.EvaluationProtocol;
import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.Psnr;
import io.github.espcnfiji.core.Ssim;
import io.github.espcnfiji.io.ImageFiles;
import io.github.espcnfiji.io.LoadedImage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code measure}: PSNR and SSIM of test images against reference images as the evaluation
 * protocol measures them: on the luma (BT.601 Y for RGB, the plane for gray) on the 0-255 scale,
 * with a border of {@code scale} pixels left out.
 */
final class MeasureCommand implements Command {

	@Override
	public String name() {
		return "measure";
	}

	@Override
	public String summary() {
		return "PSNR and SSIM (Y channel, border = scale) of test images against references";
	}

	@Override
	public OptionSpec options() {
		return new OptionSpec().required("reference", "FILE|DIR",
			"the ground-truth image, or a folder of them").required("test", "FILE|DIR",
				"the image to score, or a folder of them (matched by file name)").required("scale",
					"N", "the super-resolution factor (2, 3 or 4): the border left out");
	}

	@Override
	public String notes() {
		return "Images must be 8-bit gray or RGB, one plane each. A test image may be the reference's\n" +
			"size, or that size cropped to a multiple of the scale (then the reference is cropped too).";
	}

	@Override
	public int run(Options o, Console console) throws Exception {
		int scale = o.scale().orElseThrow();
		List<ImagePairs.Pair> pairs = ImagePairs.match(o.path("reference"), o.path("test"));
		Table table = new Table("image", "PSNR (dB)", "SSIM");
		double psnr = 0, ssim = 0;
		for (ImagePairs.Pair p : pairs) {
			FloatPlane ref = luma(p.reference), test = luma(p.test);
			ref = matchSize(ref, test, scale, p);
			double pv = Psnr.of(ref, test, scale), sv = Ssim.of(ref, test, scale);
			psnr += pv;
			ssim += sv;
			table.row(p.test.getFileName().toString(), Format.db(pv), Format.ssim(sv));
		}
		if (pairs.size() > 1) table.row("mean of " + pairs.size(), Format.db(psnr / pairs.size()),
			Format.ssim(ssim / pairs.size()));
		console.out.print(table);
		return 0;
	}

	private static FloatPlane luma(Path file) throws IOException {
		LoadedImage img = ImageFiles.read(file);
		if (img.slices() != 1) throw new IllegalArgumentException(file + " has " + img.slices() +
			" planes; measure compares single images");
		if (img.bitDepth() != 8 && img.bitDepth() != 24) throw new IllegalArgumentException(file +
			" is " + img.bitDepth() + "-bit; measure compares 8-bit gray or RGB images (peak 255)");
		return EvaluationProtocol.luma(img.planes());
	}

	private static FloatPlane matchSize(FloatPlane ref, FloatPlane test, int scale,
		ImagePairs.Pair p)
	{
		if (ref.width() == test.width() && ref.height() == test.height()) return ref;
		FloatPlane cropped = ref.modCrop(scale);
		if (cropped.width() == test.width() && cropped.height() == test.height()) return cropped;
		throw new IllegalArgumentException(String.format(Locale.ROOT,
			"size mismatch: reference %s is %dx%d but test %s is %dx%d; they must be the same size " +
				"(or the test the reference cropped to a multiple of %d)", p.reference, ref.width(), ref
					.height(), p.test, test.width(), test.height(), scale));
	}
}
