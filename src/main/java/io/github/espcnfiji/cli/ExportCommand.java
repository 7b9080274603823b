package io.github.espcnfiji.cli;

import io.github.espcnfiji.bioimageio.export.PackageExport;
import io.github.espcnfiji.model.EspcnModel;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code export}: writes a model as a bioimage.io model package (a {@code .zip} that deepImageJ,
 * bioimage.io's Python tools and this plugin's {@code --model} open).
 */
final class ExportCommand implements Command {

	@Override
	public String name() {
		return "export";
	}

	@Override
	public String summary() {
		return "a model as a bioimage.io model package (.zip) for deepImageJ and Python";
	}

	@Override
	public OptionSpec options() {
		return new OptionSpec().required("model", ModelChoice.VALUE, ModelChoice.HELP).required(
			"output", "FILE.zip", "the package to write").flag("rgb",
				"RGB in and out, colour conversion inside (default: one channel, luma or grey)")
			.flag("overwrite", "replace an existing output");
	}

	@Override
	public String notes() {
		return "The package holds rdf.yaml (bioimage.io format 0.5.7), the whole network as\n" +
			"TorchScript (torch.jit.load; checked in PyTorch 1.13 and 2.7), pytorch_state_dict\n" +
			"weights with espcn.py, .npy test tensors from the sample image, a README and a cover.\n" +
			"upscale --model takes the package back (its sha256 checked).";
	}

	@Override
	public int run(Options o, Console console) throws Exception {
		Path output = o.path("output");
		if (!output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip"))
			throw new UsageException("--output must name a .zip file: " + output);
		String name = o.require("model");
		try (EspcnModel model = ModelChoice.load(name, Optional.empty())) {
			PackageExport.write(model, o.flag("rgb"), output, o.flag("overwrite"));
			console.result("exported %s (%s%s) as a bioimage.io package to %s", name, model.spec(), o
				.flag("rgb") ? ", RGB" : "", output);
		}
		return 0;
	}
}
