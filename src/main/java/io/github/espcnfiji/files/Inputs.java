package io.github.espcnfiji.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The rule that no input is ever written over: whether two paths name the same file or folder,
 * by whatever path they are reached ({@code ./}, {@code ..}, a symbolic link, a hard link).
 */
public final class Inputs {

	private Inputs() {}

	/**
	 * True when {@code a} and {@code b} are the same file or folder: the same file key (device
	 * and inode, so hard links too) or the same real path where both exist, the same normalised
	 * absolute path (after resolving the links of the parent) otherwise.
	 */
	public static boolean same(Path a, Path b) throws IOException {
		// as outputs are written (see PendingFile): to the normalised path
		a = a.toAbsolutePath().normalize();
		b = b.toAbsolutePath().normalize();
		// isSameFile compares the file keys (device and inode) where the file system has them
		if (Files.exists(a) && Files.exists(b)) return Files.isSameFile(a, b);
		return resolved(a).equals(resolved(b));
	}

	/**
	 * Refuses to write {@code output} when it is the file or folder {@code input}: {@code what}
	 * names the option in the message, for example "--csv".
	 *
	 * @throws IllegalArgumentException naming both
	 */
	public static void refuseOverwriting(Path output, Path input, String what)
		throws IOException
	{
		if (same(output, input)) throw new IllegalArgumentException(what + " " + output + " is " +
			(Files.isDirectory(input) ? "the input folder " : "the input ") + input +
			"; choose another " + (Files.isDirectory(input) ? "folder" : "name") +
			" (inputs are never overwritten)");
	}

	/**
	 * Refuses to write {@code output} when it is the folder {@code input} or an existing file in
	 * it (as a model folder's files are all inputs).
	 *
	 * @throws IllegalArgumentException naming both
	 */
	public static void refuseOverwritingIn(Path output, Path input, String what)
		throws IOException
	{
		refuseOverwriting(output, input, what);
		Path target = output.toAbsolutePath().normalize();
		Path parent = target.getParent();
		if (Files.exists(target) && parent != null && same(parent, input))
			throw new IllegalArgumentException(what + " " + output + " is a file of the input " +
				input + "; choose another name (inputs are never overwritten)");
	}

	/** The absolute path with the links of its deepest existing ancestor resolved. */
	private static Path resolved(Path p) throws IOException {
		Path abs = p.toAbsolutePath().normalize();
		Path existing = abs;
		while (existing != null && !Files.exists(existing))
			existing = existing.getParent();
		if (existing == null) return abs;
		return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
	}
}
