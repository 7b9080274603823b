package io.github.espcnfiji.headless;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.SimpleRemapper;

/**
 * A class loader in which ImageJ 1.x runs without a display: it defines ImageJ's classes
 * ({@code ij.*}) and this plugin's ({@code io.github.espcnfiji.*}) itself, from the same class
 * path as its parent, except {@code ij.gui.GenericDialog}, which it defines from
 * {@link HeadlessDialog} (renamed with ASM), so that ImageJ's commands read their dialogs from
 * the macro's options instead of opening a window. Everything else (the JDK, DJL, SciJava, ...)
 * comes from the parent, once per JVM.
 * <p>
 * No agent and no JVM option: the replacement only exists inside this loader, so ImageJ and
 * Fiji on a display in the same JVM keep their own dialog.
 */
public final class HeadlessImageJ extends ClassLoader {

	static final String DIALOG = "ij.gui.GenericDialog";

	private static final String[] OWN = { "ij.", "io.github.espcnfiji." };

	static {
		registerAsParallelCapable();
	}

	private static volatile HeadlessImageJ shared;

	private final Map<String, ProtectionDomain> domains = new ConcurrentHashMap<>();

	private HeadlessImageJ(ClassLoader parent) {
		super(parent);
	}

	/** The one loader of this JVM (ImageJ keeps its state in static fields, as in one ImageJ). */
	public static HeadlessImageJ shared() {
		HeadlessImageJ loader = shared;
		if (loader == null) synchronized (HeadlessImageJ.class) {
			if (shared == null) shared = new HeadlessImageJ(HeadlessImageJ.class.getClassLoader());
			loader = shared;
		}
		return loader;
	}

	/** Whether {@code type} was defined by a headless loader (so runs headless already). */
	public static boolean defined(Class<?> type) {
		return type.getClassLoader() instanceof HeadlessImageJ;
	}

	@Override
	protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
		if (!own(name) || name.equals(HeadlessImageJ.class.getName()))
			return super.loadClass(name, resolve);
		synchronized (getClassLoadingLock(name)) {
			Class<?> type = findLoadedClass(name);
			if (type == null) type = define(name);
			if (resolve) resolveClass(type);
			return type;
		}
	}

	private static boolean own(String name) {
		for (String prefix : OWN)
			if (name.startsWith(prefix)) return true;
		return false;
	}

	private Class<?> define(String name) throws ClassNotFoundException {
		String source = name.equals(DIALOG) ? HeadlessDialog.class.getName() : name;
		String resource = source.replace('.', '/') + ".class";
		URL url = getParent().getResource(resource);
		if (url == null) throw new ClassNotFoundException(name);
		byte[] bytes;
		try (InputStream in = url.openStream()) {
			bytes = in.readAllBytes();
		}
		catch (IOException e) {
			throw new ClassNotFoundException(name + ": " + e.getMessage(), e);
		}
		if (name.equals(DIALOG)) bytes = renamed(bytes, source, name);
		definePackageOf(name);
		return defineClass(name, bytes, 0, bytes.length, domain(url, resource));
	}

	/** {@code bytes} of class {@code from} as class {@code to}. */
	static byte[] renamed(byte[] bytes, String from, String to) {
		ClassReader reader = new ClassReader(bytes);
		ClassWriter writer = new ClassWriter(0);
		reader.accept(new ClassRemapper(writer, new SimpleRemapper(from.replace('.', '/'), to
			.replace('.', '/'))), 0);
		return writer.toByteArray();
	}

	private void definePackageOf(String name) {
		int dot = name.lastIndexOf('.');
		if (dot < 0) return;
		String pkg = name.substring(0, dot);
		if (getDefinedPackage(pkg) == null) try {
			definePackage(pkg, null, null, null, null, null, null, null);
		}
		catch (IllegalArgumentException alreadyDefined) {
			// another thread defined it
		}
	}

	/** The jar or folder {@code url} comes from, as the parent's classes have it. */
	private ProtectionDomain domain(URL url, String resource) {
		String s = url.toString();
		String base = s.endsWith(resource) ? s.substring(0, s.length() - resource.length()) : s;
		if (base.startsWith("jar:") && base.endsWith("!/"))
			base = base.substring(4, base.length() - 2);
		return domains.computeIfAbsent(base, b -> {
			try {
				return new ProtectionDomain(new CodeSource(new URL(b), (Certificate[]) null), null,
					this, null);
			}
			catch (MalformedURLException e) {
				throw new UncheckedIOException(e);
			}
		});
	}

	@Override
	protected Class<?> findClass(String name) throws ClassNotFoundException {
		throw new ClassNotFoundException(name);
	}
}
