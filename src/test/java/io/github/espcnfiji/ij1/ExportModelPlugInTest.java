package io.github.espcnfiji.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.Macro;
import ij.macro.Interpreter;
import io.github.espcnfiji.bioimageio.ModelPackage;
import io.github.espcnfiji.cli.HeadlessCommands;
import io.github.espcnfiji.cli.MacroRunner;
import io.github.espcnfiji.testing.TestModels;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "ESPCN Export Model" in headless macros: the documented keys, a valid package, refusals. */
class ExportModelPlugInTest {

	@TempDir
	static Path dir;
	private static Path model;

	@BeforeAll
	static void setUp() throws Exception {
		model = TestModels.save(dir, 2);
		HeadlessCommands.install();
	}

	/** The macro's error line, or null when it ran. */
	private static String run(String options) {
		Interpreter interpreter = new Interpreter();
		interpreter.run("run(\"ESPCN Export Model...\", \"" + options.replace("\"", "\\\"") + "\");",
			"");
		return interpreter.wasError() ? PlugInErrors.takeLastMacroError() : null;
	}

	@Test
	void dialogLabelsRecordTheDocumentedKeys() {
		assertEquals(ExportModelPlugIn.MODEL, Macro.trimKey(ExportModelPlugIn.MODEL_LABEL));
		assertEquals(ExportModelPlugIn.OUTPUT, Macro.trimKey(ExportModelPlugIn.OUTPUT_LABEL));
		assertEquals(ExportModelPlugIn.RGB, Macro.trimKey(ExportModelPlugIn.RGB_LABEL));
		assertEquals(ExportModelPlugIn.OVERWRITE, Macro.trimKey(ExportModelPlugIn.OVERWRITE_LABEL));
	}

	@Test
	void writesAValidPackageAndRefusesToReplaceIt() throws Exception {
		Path zip = dir.resolve("exported model.zip");
		assertEquals(null, run("model=[" + model + "] output=[" + zip + "] rgb"));
		ModelPackage p = ModelPackage.open(zip);
		p.checkFiles();
		p.checkTestTensors();
		assertTrue(p.rdf().get("name").text().endsWith("(RGB)"));

		String again = run("model=[" + model + "] output=[" + zip + "]");
		assertTrue(again != null && again.startsWith("ESPCN Export Model: ") && again.contains(zip
			.toString()), again);
		assertEquals(null, run("model=[" + model + "] output=[" + zip + "] overwrite"));
		assertFalse(ModelPackage.open(zip).rdf().get("name").text().endsWith("(RGB)"));
	}

	@Test
	void theMacroExtensionAndSuperResolutionTakeTheExportedPackage() throws Exception {
		Path zip = dir.resolve("for-macros.zip");
		assertEquals(null, run("model=[" + model + "] output=[" + zip + "]"));
		Path out = dir.resolve("out.txt");
		Interpreter interpreter = new Interpreter();
		interpreter.run("run(\"ESPCN Macro Extensions\");\nExt.setModel(\"" + zip + "\");\n" +
			"newImage(\"ramp\", \"8-bit ramp\", 24, 18, 1);\nExt.upscale(\"ramp\", 2);\n" +
			"s = getTitle() + \" \" + getWidth() + \"x\" + getHeight();\n" +
			"newImage(\"r2\", \"8-bit ramp\", 10, 8, 1);\n" +
			"run(\"ESPCN Super-Resolution\", \"model=[" + zip + "] tile=256\");\n" +
			"s = s + \" \" + getWidth() + \"x\" + getHeight();\nFile.saveString(s, \"" + out +
			"\");", "");
		assertFalse(interpreter.wasError(), () -> PlugInErrors.takeLastMacroError() + " / " +
			interpreter.getErrorMessage());
		String result = Files.readString(out); // the title names the model (how, main decides)
		assertTrue(result.startsWith("ramp-ESPCN") && result.endsWith(" 48x36 20x16"), result);
		MacroRunner.closeBatchModeImages();
	}

	@Test
	void aMissingOutputOrAnotherExtensionIsOneLine() {
		String none = run("model=[" + model + "]");
		assertTrue(none != null && none.contains("output"), none);
		Path yaml = dir.resolve("model.yaml");
		String notZip = run("model=[" + model + "] output=[" + yaml + "]");
		assertTrue(notZip != null && notZip.contains("must be a .zip file"), notZip);
		assertFalse(Files.exists(yaml));
		Path zip = dir.resolve("typo.zip");
		String typo = run("modle=x2 output=[" + zip + "]");
		assertTrue(typo != null && typo.contains("Unknown key 'modle' (did you mean 'model'?)"), typo);
		assertFalse(Files.exists(zip), "a misspelt key does not export the default model");
	}
}
