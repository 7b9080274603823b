package io.github.espcnfiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.testing.TestModels;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The headless macro runner: arguments, exit codes, and the ESPCN commands in a macro. */
class MacroRunnerTest {

	@TempDir
	Path dir;

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private int run(String macro, String... args) throws Exception {
		Path file = dir.resolve("test.ijm");
		Files.writeString(file, macro);
		String[] all = new String[args.length + 1];
		all[0] = file.toString();
		System.arraycopy(args, 0, all, 1, args.length);
		return MacroRunner.run(all, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
	}

	private String err() {
		return err.toString(StandardCharsets.UTF_8);
	}

	@Test
	void passesTheArgumentsJoinedBySeparator() throws Exception {
		Path out = dir.resolve("arg.txt");
		assertEquals(0, run("File.saveString(getArgument(), \"" + out + "\");", "a b", "c"));
		assertEquals("a b|c", Files.readString(out));
	}

	@Test
	void runsTheEspcnCommands() throws Exception {
		Path model = TestModels.save(dir, 2);
		Path out = dir.resolve("size.txt");
		assertEquals(0, run("newImage(\"ramp\", \"8-bit ramp\", 20, 10, 1);\n" +
			"run(\"ESPCN Super-Resolution\", \"model=[" + model + "] tile=8\");\n" +
			"File.saveString(getTitle() + \" \" + getWidth() + \"x\" + getHeight(), \"" + out +
			"\");"), err());
		assertEquals("ramp-ESPCN-espcn 40x20", Files.readString(out));
	}

	@Test
	void theMenuNamesWithAnEllipsisAndThoseOfVersion01RunTheSameCommand() throws Exception {
		Path model = TestModels.save(dir, 2);
		Path out = dir.resolve("both.txt");
		assertEquals(0, run("newImage(\"a\", \"8-bit ramp\", 20, 10, 1);\n" +
			"run(\"ESPCN Super-Resolution...\", \"model=[" + model + "] tile=8\");\n" +
			"w1 = getWidth(); v1 = getPixel(7, 3);\n" +
			"selectImage(\"a\");\n" +
			"run(\"ESPCN Super-Resolution\", \"model=[" + model + "] tile=8\");\n" +
			"File.saveString(\"\" + w1 + \" \" + v1 + \" \" + getWidth() + \" \" + getPixel(7, 3), \"" + out +
			"\");"), err());
		String[] v = Files.readString(out).split(" ");
		assertEquals("40", v[0]);
		assertEquals(v[0], v[2]);
		assertEquals(v[1], v[3]);
	}

	@Test
	void aCommandErrorFailsTheRunWithItsMessage() throws Exception {
		Path out = dir.resolve("after.txt");
		assertEquals(1, run("newImage(\"a\", \"8-bit ramp\", 20, 10, 1);\n" +
			"run(\"ESPCN Super-Resolution\", \"model=[" + dir.resolve("missing") + "]\");\n" +
			"File.saveString(\"went on\", \"" + out + "\");"));
		assertTrue(err().contains("ESPCN Super-Resolution") && err().contains("no such model"),
			err());
		assertTrue(err().contains("line 2"), err());
		assertTrue(!Files.exists(out), "the macro stopped at the error");
	}

	@Test
	void imageJsDialogCommandsReadTheirKeysHeadless() throws Exception {
		Path out = dir.resolve("dialogs.txt");
		assertEquals(0, run("newImage(\"a\", \"8-bit black\", 21, 21, 3);\n" +
			"setPixel(10, 10, 255);\n" +
			"run(\"Duplicate...\", \"title=[d duplicate]\");\n" + // a key inside [...] is no key
			"s1 = nSlices;\n" +
			"selectImage(\"a\");\n" +
			"run(\"Duplicate...\", \"title=e duplicate\");\n" +
			"s2 = nSlices;\n" +
			"run(\"32-bit\");\n" +
			"run(\"Gaussian Blur...\", \"sigma=2\");\n" +
			"File.saveString(getTitle() + \" \" + s1 + \" \" + s2 + \" \" + getPixel(10, 10), \"" +
			out + "\");"), err());
		// a unit impulse blurred with sigma 2 peaks at 255 / (2 pi 2^2)
		String[] v = Files.readString(out).split(" ");
		assertEquals("e 1 3", v[0] + " " + v[1] + " " + v[2]);
		assertEquals(255 / (2 * Math.PI * 4), Double.parseDouble(v[3]), 0.05);
	}

	@Test
	void aCommandThatNeedsADisplayStopsTheMacroWithOneLine() throws Exception {
		Path out = dir.resolve("after.txt");
		ByteArrayOutputStream stdout = new ByteArrayOutputStream();
		Path file = dir.resolve("display.ijm");
		Files.writeString(file, "newImage(\"a\", \"8-bit ramp\", 20, 10, 1);\n" +
			"run(\"Brightness/Contrast...\");\n" +
			"File.saveString(\"went on\", \"" + out + "\");");
		assertEquals(1, MacroRunner.run(new String[] { file.toString() }, new PrintStream(stdout,
			true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
		assertEquals(1, err().lines().count(), err());
		assertTrue(err().contains("\"Brightness/Contrast...\" needs a display") && err().contains(
			"line 2: run(\"Brightness/Contrast...\");"), err());
		assertFalse((err() + stdout).contains("\tat "), "no stack trace");
		assertFalse(Files.exists(out), "the macro stopped at that line");
	}

	@Test
	void aDialogThatCannotLoadWithoutADisplayIsOneLine() throws Exception {
		// ImageJ's non-blocking dialog hands itself to code that wants a window
		assertEquals(1, run("Dialog.create(\"T\");\nDialog.addNumber(\"Radius\", 3);\n" +
			"Dialog.show();\nr = Dialog.getNumber();\nDialog.createNonBlocking(\"N\");"));
		assertEquals(1, err().lines().count(), err());
		assertTrue(err().contains("needs a display") && err().contains(
			"line 5: Dialog.createNonBlocking(\"N\");"), err());
	}

	@Test
	void aValueOutsideAChoicesItemsIsOneLine() throws Exception {
		assertEquals(1, run("newImage(\"a\", \"8-bit ramp\", 20, 10, 1);\n" +
			"run(\"Image Calculator...\", \"image1=a operation=Add image2=missing create\");"));
		assertEquals(1, err().lines().count(), err());
		assertTrue(err().contains("\"missing\" is not a valid choice"), err());
	}

	@Test
	void aValueThatIsNoNumberIsOneLine() throws Exception {
		assertEquals(1, run("newImage(\"a\", \"8-bit ramp\", 20, 10, 1);\n" +
			"run(\"Gaussian Blur...\", \"sigma=wide\");"));
		assertEquals(1, err().lines().count(), err());
		assertTrue(err().contains("key \"sigma\", value \"wide\""), err());
	}

	@Test
	void aMissingImageIsOneLine() throws Exception {
		assertEquals(1, run("selectImage(\"missing\");"));
		assertEquals(1, err().lines().count(), err());
		assertTrue(err().contains("\"missing\" not found"), err());
	}

	@Test
	void anImageJErrorOutsideRunFailsTheRun() throws Exception {
		assertEquals(1, run("newImage(\"a\", \"8-bit ramp\", 20, 10, 1);\n" +
			"saveAs(\"Nonsense\", \"" + dir.resolve("x") + "\");"));
		assertTrue(err().contains("nonsense"), err());
	}

	@Test
	void aMacroErrorFailsTheRun() throws Exception {
		assertEquals(1, run("x = 1;\nprint(undefinedVariable);"));
		assertTrue(err().contains("line 2"), err());
	}

	@Test
	void exitEndsTheMacroNormally() throws Exception {
		assertEquals(0, run("exit;\nprint(undefinedVariable);"));
	}

	@Test
	void aWrongCommandLineIsAUsageError() throws Exception {
		assertEquals(2, MacroRunner.run(new String[0], System.out, new PrintStream(err, true,
			StandardCharsets.UTF_8)));
		assertEquals(2, MacroRunner.run(new String[] { dir.resolve("none.ijm").toString() },
			System.out, new PrintStream(err, true, StandardCharsets.UTF_8)));
		assertTrue(err().contains("cannot read the macro"), err());
	}
}
