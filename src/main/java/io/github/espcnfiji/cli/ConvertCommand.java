package io.github.espcnfiji.cli;

import io.github.espcnfiji.model.Activation;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.model.ModelFiles;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code convert}: moves weights between this plugin's model folders and the reference PyTorch
 * code's {@code state_dict}, saved as {@code .npz} (reference keys {@code first_part.0.weight},
 * ...), in either direction.
 */
final class ConvertCommand implements Command {

	@Override
	public String name() {
		return "convert";
	}

	@Override
	public String summary() {
		return "PyTorch state_dict (.npz) to a model folder, or a model to a state_dict";
	}

	@Override
	public OptionSpec options() {
		return new OptionSpec().optional("from-pytorch", "FILE.npz",
			"reference-code weights to import (needs --scale and --output)").optional("model",
				ModelChoice.VALUE, "a model to export (needs --to-pytorch)").optional("to-pytorch",
					"FILE.npz", "where to write the exported state_dict").optional("scale", "N",
						"the imported weights' factor (2, 3 or 4)").optional("activation",
							"tanh|relu|gelu", "the imported network's activation (default tanh)")
			.optional("output", "DIR|FILE.zip", "the model folder (or zip) to write").flag(
				"overwrite", "replace an existing output");
	}

	@Override
	public String notes() {
		return "The reference code saves its weights for this with\n" +
			"  numpy.savez(path, **{k: v.numpy() for k, v in model.state_dict().items()})\n" +
			"and loads an exported file with\n" +
			"  model.load_state_dict({k: torch.from_numpy(v) for k, v in numpy.load(path).items()})";
	}

	@Override
	public int run(Options o, Console console) throws Exception {
		boolean in = o.optionalPath("from-pytorch").isPresent(), out = o.optionalPath("to-pytorch")
			.isPresent();
		if (in == out) throw new UsageException("give either --from-pytorch or --to-pytorch");
		if (in) {
			int scale = o.scale().orElseThrow(() -> new UsageException(
				"--from-pytorch needs --scale: the weights do not record it"));
			Path output = o.optionalPath("output").orElseThrow(() -> new UsageException(
				"--from-pytorch needs --output"));
			Activation activation = Activation.parse(o.string("activation").orElse("tanh"));
			try (EspcnModel model = ModelFiles.importPyTorch(o.optionalPath("from-pytorch").get(),
				scale, activation))
			{
				ModelFiles.save(model, output, o.flag("overwrite"));
				console.result("imported %s as %s into %s", o.require("from-pytorch"), model.spec(),
					output);
			}
			return 0;
		}
		Path target = o.optionalPath("to-pytorch").get();
		if (!o.flag("overwrite") && Files.exists(target)) throw new FileAlreadyExistsException(
			target.toString(), null, "not overwriting it; choose another name or add --overwrite");
		String model = o.string("model").orElseThrow(() -> new UsageException(
			"--to-pytorch needs --model"));
		try (EspcnModel m = ModelChoice.load(model, Optional.empty())) {
			ModelFiles.exportPyTorch(m, target);
			console.result("exported %s (%s) as a PyTorch state_dict to %s", model, m.spec(), target);
		}
		return 0;
	}
}
