package io.github.espcnfiji.headless;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * ImageJ 1.x's own menu commands (label to {@code class("arg")}), as its menu bar registers
 * them: ImageJ only fills its command table while it builds AWT menus, which a JVM without a
 * display cannot. The table is read from the same two places ImageJ reads it from: the menu
 * items {@code ij.Menus} adds in code ({@code addPlugInItem(menu, "Duplicate...",
 * "ij.plugin.Duplicator", ...)}, read from its bytecode) and those of {@code IJ_Props.txt}
 * ({@code filters02="Gaussian Blur...",ij.plugin.filter.GaussianBlur}), with ImageJ's rule for
 * the shortcuts in labels.
 */
public final class ImageJCommands {

	/** {@code "Gaussian Blur...",ij.plugin.filter.GaussianBlur}, a value of IJ_Props.txt */
	private static final Pattern PROPS = Pattern.compile("^\"([^\"]+)\",\\s*(\\S.*?)\\s*$");

	/**
	 * A one-key shortcut after a label, which ImageJ takes off ({@code "Install... [M]"} is
	 * {@code "Install... "}, {@code "Original Scale[4]"} {@code "Original Scale"}); it keeps
	 * others ({@code "In [+]"}, {@code "Put Behind [tab]"}).
	 */
	private static final Pattern SHORTCUT = Pattern.compile("\\[[A-Za-z0-9]\\]$");

	/**
	 * ij.Menus' methods that add a command from a label and a class name constant, and the
	 * table's own {@code put} (the sample images it registers without a menu item).
	 */
	private static final String[] ADD_LABEL_CLASS = { "addPlugInItem", "addCheckboxItem",
		"put" };

	private ImageJCommands() {}

	/** Label to {@code class("arg")} of ImageJ's built-in commands, in menu order. */
	public static Map<String, String> read(ClassLoader loader) {
		Map<String, String> commands = new LinkedHashMap<>();
		try {
			try (InputStream menus = loader.getResourceAsStream("ij/Menus.class")) {
				if (menus != null) fromMenus(menus, commands);
			}
			try (InputStream props = loader.getResourceAsStream("IJ_Props.txt")) {
				if (props != null) fromProps(props, commands);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read ImageJ's menus: " + e.getMessage(), e);
		}
		return commands;
	}

	private static void fromProps(InputStream in, Map<String, String> commands) throws IOException {
		Properties props = new Properties(); // unescapes as ImageJ reads it: "[\\\\]" is "[\\]"
		props.load(in);
		for (String key : new TreeSet<>(props.stringPropertyNames())) {
			Matcher m = PROPS.matcher(props.getProperty(key));
			if (m.matches()) commands.putIfAbsent(label(m.group(1)), m.group(2));
		}
	}

	static String label(String item) {
		return SHORTCUT.matcher(item).replaceFirst("");
	}

	private static void fromMenus(InputStream in, Map<String, String> commands) throws IOException {
		new ClassReader(in).accept(new ClassVisitor(Opcodes.ASM9) {

			@Override
			public MethodVisitor visitMethod(int access, String name, String descriptor,
				String signature, String[] exceptions)
			{
				return new MethodVisitor(Opcodes.ASM9) {

					/** The string constants pushed since the last call. */
					private final Deque<String> strings = new ArrayDeque<>();

					@Override
					public void visitLdcInsn(Object value) {
						if (value instanceof String) strings.push((String) value);
					}

					@Override
					public void visitMethodInsn(int opcode, String owner, String method, String desc,
						boolean isInterface)
					{
						boolean menus = owner.equals("ij/Menus") || owner.equals("java/util/Hashtable");
						if (menus && adds(method) && strings.size() >= 2) {
							String className = strings.pop();
							String label = strings.pop();
							commands.putIfAbsent(label(label), className);
						}
						strings.clear();
					}
				};
			}
		}, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
	}

	private static boolean adds(String method) {
		for (String m : ADD_LABEL_CLASS)
			if (m.equals(method)) return true;
		return false;
	}
}
