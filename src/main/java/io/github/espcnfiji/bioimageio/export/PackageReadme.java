package io.github.espcnfiji.bioimageio.export;

import io.github.espcnfiji.model.EspcnSpec;
import io.github.espcnfiji.model.ModelCard;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** The package's {@code README.md}: what the model does, how it was trained, how to run it. */
final class PackageReadme {

	private PackageReadme() {}

	static byte[] text(ModelCard card, boolean rgb) {
		EspcnSpec spec = card.spec();
		int r = spec.scale();
		StringBuilder s = new StringBuilder();
		s.append("# ").append(RdfDescription.name(card, rgb)).append("\n\n");
		s.append(card.description == null ? "" : card.description).append("\n\n");
		s.append("ESPCN, the efficient sub-pixel convolutional network (Shi et al., CVPR 2016, ")
			.append("doi:").append(RdfDescription.DOI).append("), enlarges an image x").append(r)
			.append(": ").append(spec).append(". The TorchScript weights hold the whole network, the ")
			.append("pixel shuffle included: one call of `torch.jit.load(\"")
			.append(FileNames.TORCHSCRIPT).append("\")` runs it, no Python code needed.\n\n");
		s.append("## Input and output\n\n");
		if (rgb) s.append("An RGB image on 0-255 (`batch, channel, y, x`, channels R, G, B) in, the ")
			.append("RGB image x").append(r).append(" on 0-255 out (float, clipped). Inside the ")
			.append("model, as the ESPCN for Fiji plugin does RGB: BT.601 luma (MATLAB's ")
			.append("`rgb2ycbcr`) divided by 255 goes through the network, Cb and Cr are enlarged by ")
			.append("MATLAB-style bicubic interpolation, and the result is converted back to RGB.\n\n");
		else s.append("One channel on 0-255 (`batch, channel, y, x`): the luma of a colour image or a ")
			.append("grey image (8-bit range; scale other ranges to 0-255 first). Preprocessing ")
			.append("divides by 255, the network works on [0, 1], postprocessing multiplies by 255 ")
			.append("and clips to 0-255. For a colour image, convert it to YCbCr (BT.601), put Y ")
			.append("through this model and enlarge Cb and Cr by bicubic interpolation, as the ")
			.append("plugin does; the `(RGB)` variant of this package has that built in.\n\n");
		s.append("The output's y and x are the input's times ").append(r).append(" (axis scales ")
			.append(r * r).append(" and ").append(r).append("). Each output pixel sees ")
			.append(spec.receptiveRadius()).append(" input pixels on each side; tiles need a halo of ")
			.append(r * spec.receptiveRadius()).append(" output pixels.\n\n");
		s.append("## Training\n\n");
		ModelCard.Training t = card.training;
		if (t == null || t.trainData == null || t.trainData.isEmpty()) s.append(
			"The model card records no training data.\n\n");
		else {
			s.append("- Data: ").append(String.join(", ", t.trainData)).append("; validation: ")
				.append(t.validationData).append("\n");
			s.append(String.format(Locale.ROOT, "- Recipe: %d epochs (%d completed, best epoch %d, " +
				"validation PSNR %.3f dB), batch %d, patch %d, stride %d, Adam at %s (last layer x%s), " +
				"%s; augmentation: %s; low resolution by %s; seed %d\n", t.epochs, t.epochsCompleted,
				t.bestEpoch, t.bestValidationPsnr, t.batchSize, t.patchSize, t.stride, t.learningRate,
				t.lastLayerLearningRateFactor, t.schedule, t.augmentation, t.lowResMaker, t.seed));
			if (t.command != null && !t.command.isBlank()) s.append("- Command: `").append(t.command)
				.append("`\n");
			s.append("\n");
		}
		s.append("## Validation\n\n");
		if (card.metrics == null || card.metrics.isEmpty()) s.append(
			"The model card records no measurements.\n\n");
		else {
			s.append("PSNR and SSIM on the luma, a border of the scale cropped, low resolution by ")
				.append("MATLAB-style bicubic (the paper's protocol), measured by ESPCN for Fiji:\n\n");
			s.append("| test set | images | ESPCN PSNR / SSIM | bicubic PSNR / SSIM |\n");
			s.append("| --- | --- | --- | --- |\n");
			for (Map.Entry<String, ModelCard.Metrics> e : card.metrics.entrySet()) {
				ModelCard.Metrics m = e.getValue();
				s.append(String.format(Locale.ROOT, "| %s | %d | %.2f / %.4f | %.2f / %.4f |\n", e
					.getKey(), m.images, m.psnr, m.ssim, m.bicubicPsnr, m.bicubicSsim));
			}
			s.append("\n");
		}
		s.append("The test tensors are Set5 *butterfly*, mod-cropped and reduced x").append(r)
			.append(" by MATLAB-style bicubic; the cover shows bicubic (left) and this model ")
			.append("(right) on it.\n\n");
		s.append("## Running it\n\n");
		s.append("- **deepImageJ** (Fiji): *Plugins > DeepImageJ > DeepImageJ Install Model*, ")
			.append("choose this zip (\"From ZIP file\"), then *DeepImageJ Run* on ")
			.append(rgb ? "an RGB" : "an 8-bit grey").append(" image.\n");
		s.append("- **Python**:\n\n```python\nimport numpy, torch\n")
			.append("net = torch.jit.load(\"").append(FileNames.TORCHSCRIPT).append("\").eval()\n")
			.append("x = torch.from_numpy(numpy.load(\"").append(FileNames.TEST_INPUT).append(
				"\"))\n");
		if (rgb) s.append("y = net(x)  # RGB on 0-255\n");
		else s.append("y = (net(x / 255) * 255).clamp(0, 255)\n");
		s.append("```\n\n  or `bioimageio.core` with this package.\n");
		s.append("- **ESPCN for Fiji**: `java -jar ESPCN_.jar upscale --model <this zip> ...`; the ")
			.append("plugin runs the attached `").append(FileNames.CARD).append("` and `")
			.append(FileNames.WEIGHTS).append("`, its own form of these weights.\n");
		return s.toString().getBytes(StandardCharsets.UTF_8);
	}
}
