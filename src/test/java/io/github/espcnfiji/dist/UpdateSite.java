package io.github.espcnfiji.dist;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * An ImageJ update site as a folder that can be uploaded as it is: every file under its path in
 * the application folder with {@code -TIMESTAMP} appended ({@code jars/api-0.36.0.jar-20261206003000}),
 * and {@code db.xml.gz}, the gzipped index the ImageJ updater reads ({@code pluginRecords} with
 * one {@code plugin} per file: its platforms, and a {@code version} with checksum, timestamp,
 * size, description, dependencies and authors), with the updater's document type inline.
 */
public final class UpdateSite {

	/** One file of the site: where it is installed, where it comes from, and what it needs. */
	public static final class Entry {

		final String path;
		final Path source;
		final List<String> platforms = new ArrayList<>();
		final List<String> dependencies = new ArrayList<>();
		String description;

		public Entry(String path, Path source) {
			if (path.startsWith("/") || path.contains("..") || path.contains("\\"))
				throw new IllegalArgumentException("not a relative application path: " + path);
			this.path = path;
			this.source = source;
		}

		public Entry platform(String platform) {
			platforms.add(platform);
			return this;
		}

		public Entry dependsOn(String otherPath) {
			dependencies.add(otherPath);
			return this;
		}

		public Entry description(String text) {
			description = text;
			return this;
		}
	}

	/** The updater's document type, written inline as the updater itself writes it. */
	static final String DOCTYPE = String.join("\n", "<!DOCTYPE pluginRecords [",
		"<!ELEMENT pluginRecords ((update-site | disabled-update-site)*, plugin*)>",
		"<!ELEMENT update-site EMPTY>", "<!ELEMENT disabled-update-site EMPTY>",
		"<!ELEMENT plugin (platform*, category*, version?, previous-version*)>",
		"<!ELEMENT version (description?, dependency*, link*, author*)>",
		"<!ELEMENT previous-version EMPTY>", "<!ELEMENT description (#PCDATA)>",
		"<!ELEMENT dependency EMPTY>", "<!ELEMENT link (#PCDATA)>", "<!ELEMENT author (#PCDATA)>",
		"<!ELEMENT platform (#PCDATA)>", "<!ELEMENT category (#PCDATA)>",
		"<!ATTLIST update-site name CDATA #REQUIRED>", "<!ATTLIST update-site url CDATA #REQUIRED>",
		"<!ATTLIST update-site ssh-host CDATA #IMPLIED>",
		"<!ATTLIST update-site upload-directory CDATA #IMPLIED>",
		"<!ATTLIST update-site description CDATA #IMPLIED>",
		"<!ATTLIST update-site maintainer CDATA #IMPLIED>",
		"<!ATTLIST update-site timestamp CDATA #REQUIRED>",
		"<!ATTLIST disabled-update-site name CDATA #REQUIRED>",
		"<!ATTLIST disabled-update-site url CDATA #REQUIRED>",
		"<!ATTLIST disabled-update-site ssh-host CDATA #IMPLIED>",
		"<!ATTLIST disabled-update-site upload-directory CDATA #IMPLIED>",
		"<!ATTLIST disabled-update-site description CDATA #IMPLIED>",
		"<!ATTLIST disabled-update-site maintainer CDATA #IMPLIED>",
		"<!ATTLIST disabled-update-site timestamp CDATA #REQUIRED>",
		"<!ATTLIST plugin update-site CDATA #IMPLIED>", "<!ATTLIST plugin filename CDATA #REQUIRED>",
		"<!ATTLIST plugin executable CDATA #IMPLIED>",
		"<!ATTLIST dependency filename CDATA #REQUIRED>",
		"<!ATTLIST dependency timestamp CDATA #IMPLIED>",
		"<!ATTLIST dependency overrides CDATA #IMPLIED>",
		"<!ATTLIST version timestamp CDATA #REQUIRED>",
		"<!ATTLIST version checksum CDATA #REQUIRED>",
		"<!ATTLIST version filesize CDATA #REQUIRED>",
		"<!ATTLIST previous-version filename CDATA #IMPLIED>",
		"<!ATTLIST previous-version timestamp CDATA #REQUIRED>",
		"<!ATTLIST previous-version timestamp-obsolete CDATA #IMPLIED>",
		"<!ATTLIST previous-version checksum CDATA #REQUIRED>]>") + "\n";

	private final List<Entry> entries = new ArrayList<>();
	private final String timestamp;
	private final List<String> authors;

	/** @param timestamp the updater's timestamp, {@code yyyyMMddHHmmss}, of every file */
	public UpdateSite(String timestamp, List<String> authors) {
		if (!timestamp.matches("\\d{14}"))
			throw new IllegalArgumentException("timestamp must be yyyyMMddHHmmss: " + timestamp);
		this.timestamp = timestamp;
		this.authors = List.copyOf(authors);
	}

	public UpdateSite add(Entry entry) {
		entries.add(entry);
		return this;
	}

	/** Writes the site into {@code folder} (made if needed; files of the same names replaced). */
	public void writeTo(Path folder) throws IOException {
		Files.createDirectories(folder);
		for (Entry entry : entries) {
			Path target = folder.resolve(entry.path + "-" + timestamp);
			Files.createDirectories(target.getParent());
			Files.copy(entry.source, target, StandardCopyOption.REPLACE_EXISTING);
		}
		Path index = folder.resolve("db.xml.gz");
		Path pending = folder.resolve(".db.xml.gz.part");
		try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(pending));
			Writer xml = new OutputStreamWriter(out, StandardCharsets.UTF_8))
		{
			writeIndex(xml);
		}
		Files.move(pending, index, StandardCopyOption.REPLACE_EXISTING,
			StandardCopyOption.ATOMIC_MOVE);
	}

	void writeIndex(Writer xml) throws IOException {
		xml.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
		xml.write(DOCTYPE);
		xml.write("<pluginRecords>\n");
		for (Entry entry : entries) {
			xml.write("    <plugin filename=\"" + escape(entry.path) + "\">\n");
			for (String platform : entry.platforms)
				xml.write("        <platform>" + escape(platform) + "</platform>\n");
			xml.write("        <version checksum=\"" + UpdaterChecksum.of(entry.path, entry.source) +
				"\" timestamp=\"" + timestamp + "\" filesize=\"" + Files.size(entry.source) + "\">\n");
			if (entry.description != null)
				xml.write("            <description>" + escape(entry.description) + "</description>\n");
			for (String dependency : entry.dependencies)
				xml.write("            <dependency filename=\"" + escape(dependency) + "\" timestamp=\"" +
					timestamp + "\"/>\n");
			for (String author : authors)
				xml.write("            <author>" + escape(author) + "</author>\n");
			xml.write("        </version>\n");
			xml.write("    </plugin>\n");
		}
		xml.write("</pluginRecords>\n");
	}

	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"",
			"&quot;");
	}
}
