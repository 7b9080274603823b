package io.github.espcnfiji.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The Plugins &gt; ESPCN menu: entries that open a dialog end with "...", in the order of a
 * day's work, and the names of version 0.1 still run the same PlugIns (recorded macros).
 */
class MenuEntriesTest {

	private static final Pattern ENTRY = Pattern.compile(
		"^(Plugins>ESPCN[^,]*),\\s*\"([^\"]+)\"\\s*,\\s*(\\S+)\\s*$");

	private static Map<String, String> entries(String menu) throws IOException {
		Map<String, String> out = new LinkedHashMap<>();
		for (String line : Files.readAllLines(Paths.get("plugins.config"))) {
			Matcher m = ENTRY.matcher(line.trim());
			if (m.matches() && m.group(1).equals(menu)) out.put(m.group(2), m.group(3));
		}
		return out;
	}

	@Test
	void dialogsEndWithAnEllipsisInTheOrderOfADaysWork() throws IOException {
		String p = "io.github.espcnfiji.ij1.";
		Map<String, String> expected = new LinkedHashMap<>();
		expected.put(SuperResolutionPlugIn.COMMAND + "...", p + "SuperResolutionPlugIn");
		expected.put(VideoPlugIn.COMMAND + "...", p + "VideoPlugIn");
		expected.put(OmeZarrPlugIn.COMMAND + "...", p + "OmeZarrPlugIn");
		expected.put(MeasurePsnrPlugIn.COMMAND + "...", p + "MeasurePsnrPlugIn");
		expected.put(TrainPlugIn.COMMAND + "...", p + "TrainPlugIn");
		expected.put(ExportModelPlugIn.COMMAND + "...", p + "ExportModelPlugIn");
		expected.put(EspcnMacroExtension.COMMAND, p + "EspcnMacroExtension");
		assertEquals(expected, entries("Plugins>ESPCN"));
	}

	@Test
	void theNamesOfVersion01StillNameTheSamePlugIns() throws IOException {
		Map<String, String> current = entries("Plugins>ESPCN");
		Map<String, String> old = entries("Plugins>ESPCN>Macro names of version 0.1");
		assertEquals(4, old.size()); // Export Model and OME-Zarr came after 0.1
		for (Map.Entry<String, String> e : old.entrySet())
			assertEquals(current.get(e.getKey() + "..."), e.getValue(), e.getKey());
	}
}
