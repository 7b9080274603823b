package io.github.espcnfiji.headless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.Macro;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The dialog that stands in for ImageJ's {@code GenericDialog} headless: ImageJ's key rules, and
 * every member ImageJ's classes and this plugin's call on a dialog. (Its listener call, made
 * with the dialog as ImageJ's type, is tested through the macro runner: "Gaussian Blur..." reads
 * its sigma in its listener.)
 */
class HeadlessDialogTest {

	private static final String DIALOG = "ij/gui/GenericDialog";

	private String threadName;

	/** ImageJ gives macro options only to a macro's thread, named "Run$_...". */
	@BeforeEach
	void asAMacroThread() {
		threadName = Thread.currentThread().getName();
		Thread.currentThread().setName("Run$_test");
	}

	@AfterEach
	void noOptions() {
		Macro.setOptions(null);
		Thread.currentThread().setName(threadName);
	}

	@Test
	void readsEachFieldFromTheMacroOptionsByImageJsKeys() {
		Macro.setOptions("sigma=2.5 title=[a b] stack projection=[Max Intensity] mode=Two ");
		HeadlessDialog gd = new HeadlessDialog("Test");
		gd.addNumericField("Sigma (Radius):", 1, 2);
		gd.addNumericField("Other", 7, 0);
		gd.addStringField("Title:", "x");
		gd.addCheckbox("Stack", false);
		gd.addCheckbox("Scaled units", true);
		gd.addChoice("Projection type", new String[] { "Average Intensity", "Max Intensity" },
			"Average Intensity");
		gd.addRadioButtonGroup("Mode", new String[] { "One", "Two" }, 1, 2, "One");
		gd.showDialog();
		assertFalse(gd.wasCanceled());
		assertEquals(2.5, gd.getNextNumber());
		assertEquals(7, gd.getNextNumber(), "a key not given keeps its default");
		assertEquals("a b", gd.getNextString());
		assertTrue(gd.getNextBoolean());
		assertFalse(gd.getNextBoolean(), "a checkbox without its key is off in a macro");
		assertEquals(1, gd.getNextChoiceIndex());
		assertEquals("Two", gd.getNextRadioButton());
	}

	@Test
	void withoutOptionsEveryFieldKeepsItsDefault() {
		HeadlessDialog gd = new HeadlessDialog("Test");
		gd.addNumericField("Radius", 3, 0);
		gd.addCheckbox("Stack", true);
		gd.addChoice("Method", new String[] { "A", "B" }, "B");
		gd.showDialog();
		assertEquals(3, gd.getNextNumber());
		assertTrue(gd.getNextBoolean());
		assertEquals("B", gd.getNextChoice());
	}

	@Test
	void aKeyInsideBracketsOrAValueIsNoCheckbox() {
		assertFalse(HeadlessDialog.hasKey("title=[a stack b] ", "stack"));
		assertFalse(HeadlessDialog.hasKey("title=stack ", "stack"));
		assertTrue(HeadlessDialog.hasKey("title=[a b] stack ", "stack"));
		assertTrue(HeadlessDialog.hasKey("stack", "stack"));
		assertFalse(HeadlessDialog.hasKey("stacks ", "stack"));
	}

	@Test
	void aValueOutsideTheChoicesStopsTheMacro() {
		Macro.setOptions("method=C ");
		HeadlessDialog gd = new HeadlessDialog("Test");
		gd.addChoice("Method", new String[] { "A", "B" }, "B");
		IJ.redirectErrorMessages(true);
		RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
			gd::getNextChoice);
		assertEquals(Macro.MACRO_CANCELED, e.getMessage());
		assertTrue(IJ.getErrorMessage().contains("\"C\" is not a valid choice for \"Method\""));
	}

	@Test
	void hasEveryMemberImageJsClassesAndThisPluginsUseOnADialog() throws Exception {
		TreeSet<String> used = new TreeSet<>();
		Path ij = Paths.get(IJ.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		try (ZipFile jar = new ZipFile(ij.toFile())) {
			for (Enumeration<? extends ZipEntry> e = jar.entries(); e.hasMoreElements();) {
				ZipEntry entry = e.nextElement();
				if (entry.getName().endsWith(".class")) try (InputStream in = jar.getInputStream(
					entry))
				{
					references(in, used);
				}
			}
		}
		try (Stream<Path> classes = Files.walk(ownClasses())) {
			for (Path c : (Iterable<Path>) classes.filter(p -> p.toString().endsWith(".class"))::iterator)
				try (InputStream in = Files.newInputStream(c)) {
					references(in, used);
				}
		}
		assertTrue(used.contains("addNumericField(Ljava/lang/String;DI)V"), used.toString());
		List<String> missing = new ArrayList<>();
		for (String member : used)
			if (!present(member)) missing.add(member);
		assertEquals(List.of(), missing);
	}

	private static Path ownClasses() throws URISyntaxException {
		return Paths.get(HeadlessDialog.class.getProtectionDomain().getCodeSource().getLocation()
			.toURI());
	}

	/** Adds {@code name descriptor} of each member of ImageJ's dialog the class uses. */
	private static void references(InputStream in, TreeSet<String> used) throws IOException {
		ClassReader reader = new ClassReader(in);
		String self = reader.getClassName();
		if (self.equals(DIALOG) || self.startsWith(DIALOG + "$")) return; // replaced with it
		reader.accept(new ClassVisitor(Opcodes.ASM9) {

			@Override
			public MethodVisitor visitMethod(int access, String name, String descriptor,
				String signature, String[] exceptions)
			{
				return new MethodVisitor(Opcodes.ASM9) {

					@Override
					public void visitMethodInsn(int opcode, String owner, String method, String desc,
						boolean isInterface)
					{
						if (owner.equals(DIALOG)) used.add(method + desc);
					}

					@Override
					public void visitFieldInsn(int opcode, String owner, String field, String desc) {
						if (owner.equals(DIALOG)) used.add(field + ":" + desc);
					}
				};
			}
		}, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
	}

	/** Whether the member resolves on the dialog as the JVM resolves it (own or inherited). */
	private static boolean present(String member) {
		String self = Type.getInternalName(HeadlessDialog.class);
		for (Class<?> c = HeadlessDialog.class; c != null; c = c.getSuperclass()) {
			if (member.contains(":")) {
				for (Field f : c.getDeclaredFields())
					if ((f.getName() + ":" + Type.getDescriptor(f.getType())).equals(member.replace(
						DIALOG, self))) return true;
				continue;
			}
			String name = member.substring(0, member.indexOf('('));
			String desc = member.substring(member.indexOf('(')).replace(DIALOG, self);
			if (name.equals("<init>")) {
				for (java.lang.reflect.Constructor<?> k : HeadlessDialog.class.getConstructors())
					if (Type.getConstructorDescriptor(k).equals(desc)) return true;
				return false;
			}
			for (Method m : c.getDeclaredMethods())
				if (m.getName().equals(name) && Type.getMethodDescriptor(m).equals(desc)) return true;
		}
		return false;
	}
}
