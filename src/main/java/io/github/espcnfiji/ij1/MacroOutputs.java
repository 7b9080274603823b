package io.github.espcnfiji.ij1;

import ij.ImagePlus;
import io.github.espcnfiji.files.Inputs;
import io.github.espcnfiji.files.PendingFile;
import io.github.espcnfiji.io.ImageFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a batch macro writes, kept to the command line's rules: the inputs it declares are never
 * written over (by any path: {@code ./}, a symbolic or hard link), an existing file is replaced
 * only when the macro asks, and every file is written complete or not at all. It backs
 * {@code Ext.protect}, {@code Ext.outputFolder}, {@code Ext.save} and {@code Ext.saveText}
 * (see {@link EspcnMacroExtension}).
 */
final class MacroOutputs {

	private final List<Path> inputs = new ArrayList<>();

	/** Declares an input file or folder (whose files are inputs), which no output may replace. */
	void protect(String path) throws IOException {
		Path p = Path.of(path);
		if (!Files.exists(p)) throw new java.nio.file.NoSuchFileException(path, null,
			"no such input file or folder");
		inputs.add(p);
	}

	/**
	 * Makes the output folder if missing; refuses an input folder.
	 *
	 * @throws IllegalArgumentException if it is a declared input folder
	 */
	void outputFolder(String path) throws IOException {
		Path p = Path.of(path);
		for (Path input : inputs)
			if (Files.isDirectory(input)) Inputs.refuseOverwriting(p, input, "The output folder");
		if (Files.exists(p) && !Files.isDirectory(p)) throw new FileAlreadyExistsException(path,
			null, "the output folder is a file");
		try {
			Files.createDirectories(p);
		}
		catch (IOException e) {
			throw new IOException("cannot create the output folder " + path + " (" + e
				.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
		}
	}

	/** Saves {@code imp} as a PNG or TIFF by the extension (see {@link ImageFiles}). */
	void save(ImagePlus imp, String path, boolean overwrite) throws IOException {
		Path target = check(path);
		ImageFiles.write(target, imp, overwrite);
	}

	/** Saves {@code text} as UTF-8. */
	void saveText(String text, String path, boolean overwrite) throws IOException {
		Path target = check(path);
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		PendingFile.write(target, overwrite, out -> out.write(bytes));
	}

	/** The target, unless it is a declared input or an existing file in an input folder. */
	private Path check(String path) throws IOException {
		Path target = Path.of(path);
		for (Path input : inputs)
			Inputs.refuseOverwritingIn(target, input, "The output");
		return target;
	}
}
