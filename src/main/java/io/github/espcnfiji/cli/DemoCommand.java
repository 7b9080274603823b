package io.github.espcnfiji.cli;

import ij.ImagePlus;
import io.github.espcnfiji.core.EvaluationProtocol;
import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.Scores;
import io.github.espcnfiji.core.SuperResolver;
import io.github.espcnfiji.io.ImageFiles;
import io.github.espcnfiji.io.ImagePlusBridge;
import io.github.espcnfiji.io.LoadedImage;
import io.github.espcnfiji.model.EspcnModel;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.ARGBType;

/**
 * {@code demo}: the whole job on the bundled sample in one go. The sample is shrunk by the
 * model's scale as the evaluation protocol does, enlarged again by bicubic and by the model, and
 * both are scored against the original; the model's result is written as a PNG.
 */
final class DemoCommand implements Command {

	@Override
	public String name() {
		return "demo";
	}

	@Override
	public String summary() {
		return "super-resolve the bundled sample image and print the gain over bicubic";
	}

	@Override
	public OptionSpec options() {
		return new OptionSpec().optional("model", ModelChoice.VALUE, ModelChoice.HELP +
			" (default x3)").optional("output", "FILE",
				"where the result goes (default espcn-demo-xN.png, or -2, -3, ... if taken)").flag("overwrite",
					"replace an existing output file");
	}

	@Override
	public int run(Options o, Console console) throws Exception {
		String modelName = o.string("model").orElse("x3");
		try (EspcnModel model = ModelChoice.load(modelName, Optional.empty())) {
			int s = model.scale();
			Path output = o.optionalPath("output").orElse(freeDefaultOutput(Path.of(""), s));
			if (!o.flag("overwrite") && Files.exists(output)) throw new FileAlreadyExistsException(
				output.toString(), null, "the output exists; add --overwrite or choose --output");
			LoadedImage sample = SampleImage.read();
			FloatPlane[] hr = sample.planes();
			console.progress("Shrinking %s (%dx%d) by %d and super-resolving it with %s", SampleImage
				.DESCRIPTION, sample.width(), sample.height(), s, model.card().name);
			Scores scores = EvaluationProtocol.evaluate(hr, s, model);
			ImagePlus result = superResolve(EvaluationProtocol.lowRes(hr, s), model, output);
			ImageFiles.write(output, result, o.flag("overwrite"));

			double sr = scores.modelPsnr().getAsDouble();
			console.result("ESPCN x%d on %s (%dx%d low-res -> %dx%d), Y channel, border %d:", s,
				SampleImage.DESCRIPTION, result.getWidth() / s, result.getHeight() / s, result
					.getWidth(), result.getHeight(), s);
			console.out.print(new Table("method", "PSNR (dB)", "SSIM").row("bicubic", Format.db(scores
				.bicubicPsnr()), Format.ssim(scores.bicubicSsim())).row("ESPCN (" + model.card().name +
					")", Format.db(sr), Format.ssim(scores.modelSsim().getAsDouble())));
			console.result("gain over bicubic: %s dB", Format.gain(sr - scores.bicubicPsnr()));
			console.result("wrote %s", output);
		}
		return 0;
	}

	/**
	 * {@code espcn-demo-xN.png} in {@code folder}, or if that exists the first of
	 * {@code espcn-demo-xN-2.png}, {@code -3}, ... that does not: a second demo keeps the first
	 * one's result and runs.
	 */
	static Path freeDefaultOutput(Path folder, int scale) {
		Path first = folder.resolve("espcn-demo-x" + scale + ".png");
		for (int k = 2; Files.exists(first); k++)
			first = folder.resolve("espcn-demo-x" + scale + "-" + k + ".png");
		return first;
	}

	/** The low-resolution R, G, B (or gray) planes through the super-resolver. */
	private static ImagePlus superResolve(FloatPlane[] lowRes, EspcnModel model, Path output) {
		SuperResolver sr = new SuperResolver(model);
		String title = output.getFileName().toString();
		int w = lowRes[0].width(), h = lowRes[0].height();
		if (lowRes.length == 1) {
			ImagePlus gray = ImageFiles.toImagePlus(title, lowRes, 8);
			return ImagePlusBridge.toImagePlus(title, sr.upscale(ImagePlusBridge.wrapBytes(gray)));
		}
		Img<ARGBType> rgb = ArrayImgs.argbs(w, h);
		int i = 0;
		for (ARGBType px : rgb)
			px.set(ARGBType.rgba((int) lowRes[0].data()[i], (int) lowRes[1].data()[i], (int) lowRes[2]
				.data()[i++], 255));
		return ImagePlusBridge.toImagePlus(title, sr.upscaleRgb(rgb));
	}
}
