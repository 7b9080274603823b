package io.github.espcnfiji.cli;

import io.github.espcnfiji.bioimageio.export.PackageExport;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.model.ModelFiles;

import java.io.IOException;
import java.nio.file.Path;

/** {@code train --package}: the best model of a run as a bioimage.io package beside its folder. */
final class TrainedPackage {

	private TrainedPackage() {}

	/**
	 * Writes {@code <model folder>.bioimageio.zip} next to the model folder, replacing the one an
	 * earlier (or resumed) run of the same folder wrote.
	 *
	 * @return the package's path
	 */
	static Path write(Path modelFolder) throws IOException {
		Path folder = modelFolder.toAbsolutePath().normalize();
		Path target = target(folder);
		try (EspcnModel model = ModelFiles.load(folder)) {
			PackageExport.write(model, false, target, true);
		}
		return target;
	}

	/** {@code FOLDER.bioimageio.zip} beside the model folder (checked before training). */
	static Path target(Path modelFolder) {
		Path folder = modelFolder.toAbsolutePath().normalize();
		return folder.resolveSibling(folder.getFileName() + ".bioimageio.zip");
	}
}
