package io.github.espcnfiji.model;

import io.github.espcnfiji.files.PendingFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The user's own models, as a list file ({@code models.txt}, one absolute path of a model
 * folder, {@code .zip} or package a line, newest first) that training appends to, so that model
 * choices can offer them beside the bundled ones. Entries whose model has gone are not listed,
 * and the list keeps at most {@link #MAX_ENTRIES}. Written to a temporary file and renamed, so a
 * crash never leaves it half written; one that cannot be read lists nothing.
 */
public final class ModelRegistry {

	/** How many models the list remembers. */
	public static final int MAX_ENTRIES = 30;

	private final Path file;

	/** The registry kept in {@code file} (made with its folder on the first registration). */
	public ModelRegistry(Path file) {
		this.file = file;
	}

	public Path file() {
		return file;
	}

	/** The registered models that still exist, newest first. */
	public List<Path> models() {
		List<Path> out = new ArrayList<>();
		for (Path p : read())
			if (Files.exists(p)) out.add(p);
		return out;
	}

	/**
	 * Puts {@code model} first in the list (once: an earlier entry of the same path moves up);
	 * models that have gone and entries beyond {@link #MAX_ENTRIES} are dropped.
	 */
	public void register(Path model) throws IOException {
		Path absolute = model.toAbsolutePath().normalize();
		List<Path> entries = new ArrayList<>();
		entries.add(absolute);
		for (Path p : read())
			if (!p.equals(absolute) && Files.exists(p) && entries.size() < MAX_ENTRIES) entries.add(p);
		StringBuilder text = new StringBuilder();
		for (Path p : entries)
			text.append(p).append('\n');
		Files.createDirectories(file.toAbsolutePath().getParent());
		byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
		PendingFile.write(file.toAbsolutePath(), true, out -> out.write(bytes));
	}

	private List<Path> read() {
		List<Path> out = new ArrayList<>();
		if (!Files.isRegularFile(file)) return out;
		try {
			for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
				String s = line.trim();
				if (s.isEmpty() || s.startsWith("#")) continue;
				try {
					out.add(Path.of(s));
				}
				catch (InvalidPathException e) {
					// a line this system cannot read as a path is skipped
				}
			}
		}
		catch (IOException | UncheckedIOException e) {
			// an unreadable list offers no models of the user's; the bundled ones remain
		}
		return out;
	}
}
