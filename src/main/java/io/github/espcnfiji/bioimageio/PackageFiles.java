package io.github.espcnfiji.bioimageio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The files of a package on disk, a {@code .zip} or a folder, by their path relative to the
 * folder holding {@code rdf.yaml} (at the root or in one top folder of a zip). A zip is read
 * whole and checked first: an entry whose name leaves the package ({@code ../}, an absolute
 * path, a drive letter) refuses the whole package, and so do more than {@value #MAX_BYTES}
 * bytes. A folder's files are read on demand and must not leave the folder, by name or by link.
 * Nothing is ever written.
 */
public final class PackageFiles {

	/** The most a package may hold when unpacked. */
	public static final long MAX_BYTES = 1L << 30;

	private final String source;
	private final Map<String, byte[]> zipped;
	private final Path folder;

	private PackageFiles(String source, Map<String, byte[]> zipped, Path folder) {
		this.source = source;
		this.zipped = zipped;
		this.folder = folder;
	}

	/**
	 * Whether {@code path} looks like a bioimage.io package: a folder holding {@code rdf.yaml}
	 * (or {@code bioimageio.yaml}), or a zip with one at its root or in one top folder.
	 */
	public static boolean isPackage(Path path) throws IOException {
		if (Files.isDirectory(path)) return description(path).isPresent();
		if (!Files.isRegularFile(path) || !startsWithZipSignature(path)) return false;
		try (ZipFile zip = new ZipFile(path.toFile())) {
			for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements();)
				if (isDescriptionName(en.nextElement().getName())) return true;
			return false;
		}
		catch (ZipException e) {
			return false;
		}
	}

	/**
	 * Opens a package.
	 *
	 * @throws InvalidPackageException (one line naming {@code path}) when it is not a package or
	 *           an entry leaves it
	 */
	public static PackageFiles open(Path path) throws IOException {
		if (Files.isDirectory(path)) {
			if (description(path).isEmpty()) throw new InvalidPackageException(path + " holds no " +
				RdfYaml.FILE + ": it is not a bioimage.io package");
			return new PackageFiles(path.toString(), null, path.toRealPath());
		}
		if (!Files.isRegularFile(path) || !startsWithZipSignature(path))
			throw new InvalidPackageException(path + " is neither a bioimage.io package folder nor a " +
				".zip file");
		return new PackageFiles(path.toString(), readZip(path), null);
	}

	/** The package as named by the user, for messages. */
	public String source() {
		return source;
	}

	/** The description's file name ({@code rdf.yaml} or {@code bioimageio.yaml}). */
	public String descriptionName() throws InvalidPackageException {
		if (folder != null) return description(folder).orElseThrow();
		for (String n : new String[] { RdfYaml.FILE, RdfYaml.ALTERNATIVE_FILE })
			if (zipped.containsKey(n)) return n;
		throw new InvalidPackageException(source + " holds no " + RdfYaml.FILE +
			" (at its root or in one top folder): it is not a bioimage.io package");
	}

	/** Whether the package holds {@code name}. */
	public boolean has(String name) {
		try {
			return folder != null ? Files.isRegularFile(resolve(name)) : zipped.containsKey(
				normalise(name));
		}
		catch (IOException e) {
			return false;
		}
	}

	/**
	 * The bytes of {@code name}, a path relative to the description.
	 *
	 * @throws InvalidPackageException when the package lacks it or the name leaves the package
	 */
	public byte[] read(String name) throws IOException {
		if (folder != null) {
			Path p = resolve(name);
			if (!Files.isRegularFile(p)) throw missing(name);
			return Files.readAllBytes(p);
		}
		byte[] b = zipped.get(normalise(name));
		if (b == null) throw missing(name);
		return b;
	}

	private InvalidPackageException missing(String name) {
		return new InvalidPackageException(source + " lacks " + name + ", which its " + RdfYaml.FILE +
			" names");
	}

	private Path resolve(String name) throws IOException {
		String n = normalise(name);
		Path p = folder.resolve(n).normalize();
		if (!p.startsWith(folder)) throw escapes(name);
		if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !p.toRealPath().startsWith(folder))
			throw escapes(name);
		return p;
	}

	private String normalise(String name) throws InvalidPackageException {
		String n = name.replace('\\', '/');
		if (leaves(n)) throw escapes(name);
		while (n.startsWith("./"))
			n = n.substring(2);
		return n;
	}

	private InvalidPackageException escapes(String name) {
		return new InvalidPackageException(source + " names '" + name +
			"', which leaves the package; refusing it");
	}

	/** Whether a relative name could reach outside its folder. */
	static boolean leaves(String name) {
		String n = name.replace('\\', '/');
		if (n.startsWith("/") || n.matches("^[A-Za-z]:.*")) return true;
		for (String part : n.split("/"))
			if (part.equals("..")) return true;
		return false;
	}

	private static Optional<String> description(Path folder) {
		for (String n : new String[] { RdfYaml.FILE, RdfYaml.ALTERNATIVE_FILE })
			if (Files.isRegularFile(folder.resolve(n))) return Optional.of(n);
		return Optional.empty();
	}

	private static boolean isDescriptionName(String entry) {
		String base = entry.substring(entry.lastIndexOf('/') + 1);
		int depth = entry.length() - entry.replace("/", "").length();
		return depth <= 1 && !entry.startsWith("__MACOSX/") && (base.equals(RdfYaml.FILE) || base
			.equals(RdfYaml.ALTERNATIVE_FILE));
	}

	/** All entries of the zip, relative to the description's folder. */
	private static Map<String, byte[]> readZip(Path path) throws IOException {
		try (ZipFile zip = new ZipFile(path.toFile())) {
			List<ZipEntry> entries = new ArrayList<>();
			String prefix = null;
			for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements();) {
				ZipEntry e = en.nextElement();
				if (leaves(e.getName())) throw new InvalidPackageException(path + " holds an entry '" + e
					.getName() + "' that leaves the package; refusing it");
				entries.add(e);
				if (isDescriptionName(e.getName())) {
					String p = e.getName().substring(0, e.getName().lastIndexOf('/') + 1);
					if (prefix == null || p.length() < prefix.length()) prefix = p;
				}
			}
			if (prefix == null) throw new InvalidPackageException(path + " holds no " + RdfYaml.FILE +
				" (at its root or in one top folder): it is not a bioimage.io package");
			Map<String, byte[]> files = new LinkedHashMap<>();
			long total = 0;
			for (ZipEntry e : entries) {
				if (e.isDirectory() || !e.getName().startsWith(prefix)) continue;
				try (InputStream in = zip.getInputStream(e)) {
					byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_BYTES - total + 1));
					total += b.length;
					if (total > MAX_BYTES) throw new InvalidPackageException(path + " unpacks to more than " +
						(MAX_BYTES >> 20) + " MiB; refusing it");
					files.put(e.getName().substring(prefix.length()), b);
				}
			}
			return files;
		}
		catch (ZipException e) {
			throw new InvalidPackageException(path + " is not a readable .zip file (truncated or " +
				"corrupt; copy it again): " + e.getMessage());
		}
	}

	private static boolean startsWithZipSignature(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			byte[] head = in.readNBytes(2);
			return head.length == 2 && head[0] == 'P' && head[1] == 'K';
		}
	}

	@Override
	public String toString() {
		return source.toLowerCase(Locale.ROOT).endsWith(".zip") ? source : source + "/";
	}
}
