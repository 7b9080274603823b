package io.github.espcnfiji.model;

import io.github.espcnfiji.core.Tensor;
import io.github.espcnfiji.files.PendingFile;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * NumPy's {@code .npz} format in pure Java: a zip archive of {@code .npy} arrays, as written by
 * {@code numpy.savez} and read by {@code numpy.load}. It is how weights move between this
 * plugin and PyTorch (a {@code state_dict} saved with {@code numpy.savez(path, **{k:
 * v.numpy()})}).
 * <p>
 * Reading accepts {@code .npy} versions 1.0, 2.0 and 3.0, C order, and float32 or float64 in
 * either byte order ({@code <f4}, {@code >f4}, {@code <f8}, {@code >f8}); float64 is narrowed to
 * float32. Writing produces {@code <f4} arrays in {@code .npy} version 1.0 with the header
 * padded to a multiple of 64 bytes, as NumPy does.
 */
public final class Npz {

	private static final byte[] NPY_MAGIC = { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y' };
	private static final int ALIGN = 64;
	private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
	private static final Pattern FORTRAN = Pattern.compile(
		"'fortran_order'\\s*:\\s*(True|False)");
	private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

	/**
	 * The most bytes an archive or one of its arrays may hold: ESPCN's weights are a few
	 * megabytes (the paper's x4 network 0.1 MB, a 512-filter variant about 10 MB), so anything
	 * near this is not a weights file, and reading it would only exhaust memory.
	 */
	public static final long MAX_BYTES = 256L << 20;

	private Npz() {}

	/** The arrays of an {@code .npz} file, keyed by name (the entry name without {@code .npy}). */
	public static LinkedHashMap<String, Tensor> read(Path file) throws IOException {
		long size = Files.size(file);
		if (size > MAX_BYTES) throw tooLarge(file.toString(), size);
		return read(Files.readAllBytes(file), file.toString());
	}

	/** The error for {@code source} that holds {@code bytes} (or more) bytes. */
	static IOException tooLarge(String source, long bytes) {
		return new IOException(source + " holds " + bytes / (1 << 20) + " MB or more, more than " +
			"any ESPCN model's weights (at most " + (MAX_BYTES >> 20) + " MB): it is not a weights " +
			"file of this plugin, or it is damaged");
	}

	/** As {@link #read(Path)} from a stream; {@code source} names it in error messages. */
	public static LinkedHashMap<String, Tensor> read(InputStream in, String source)
		throws IOException
	{
		return read(in.readAllBytes(), source);
	}

	/** As {@link #read(Path)} from the bytes of an archive; {@code source} names it in errors. */
	public static LinkedHashMap<String, Tensor> read(byte[] archive, String source)
		throws IOException
	{
		return read(archive, source, MAX_BYTES);
	}

	/** As {@link #read(byte[], String)}, refusing arrays of more than {@code maxBytes} bytes. */
	static LinkedHashMap<String, Tensor> read(byte[] archive, String source, long maxBytes)
		throws IOException
	{
		checkIsZip(archive, source);
		LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
			for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
				if (e.isDirectory()) continue;
				String entry = e.getName();
				if (!entry.endsWith(".npy"))
					throw new IOException(source + ": entry '" + entry +
						"' is not a .npy array; an .npz file holds only .npy arrays");
				String name = entry.substring(0, entry.length() - 4);
				if (out.containsKey(name))
					throw new IOException(source + ": array '" + name + "' appears twice");
				String what = source + ": array '" + name + "'";
				if (e.getSize() > maxBytes) throw tooLarge(what, e.getSize());
				byte[] npy = zip.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
				if (npy.length > maxBytes) throw tooLarge(what, npy.length);
				out.put(name, parseNpy(npy, what));
			}
		}
		catch (IOException e) {
			if (e.getMessage() != null && e.getMessage().startsWith(source)) throw e;
			throw new IOException(source + " is not a readable .npz archive (truncated or corrupt): " +
				e.getMessage(), e);
		}
		return out;
	}

	/** Writes {@code arrays} as float32 {@code .npy} entries, in map order, replacing the file. */
	public static void write(Map<String, Tensor> arrays, Path file) throws IOException {
		PendingFile.write(file, true, out -> write(arrays, out));
	}

	/** Writes {@code arrays} as an {@code .npz} archive to {@code out} (left open). */
	public static void write(Map<String, Tensor> arrays, OutputStream out) throws IOException {
		ZipOutputStream zip = new ZipOutputStream(out);
		for (Map.Entry<String, Tensor> e : arrays.entrySet()) {
			if (e.getKey() == null || e.getKey().isEmpty())
				throw new IllegalArgumentException("Array names must not be empty");
			zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
			zip.write(toNpy(e.getValue()));
			zip.closeEntry();
		}
		zip.finish();
	}

	/** The bytes of {@code .npz} archive holding {@code arrays}. */
	public static byte[] toBytes(Map<String, Tensor> arrays) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try {
			write(arrays, bytes);
		}
		catch (IOException e) {
			throw new IllegalStateException(e); // in-memory streams do not fail
		}
		return bytes.toByteArray();
	}

	/** One tensor as a {@code .npy} version 1.0 file: little-endian float32, C order. */
	static byte[] toNpy(Tensor t) {
		long[] shape = t.shape();
		StringBuilder dims = new StringBuilder();
		for (int i = 0; i < shape.length; i++)
			dims.append(i > 0 ? ", " : "").append(shape[i]);
		if (shape.length == 1) dims.append(',');
		StringBuilder header = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': (")
			.append(dims).append("), }");
		int prefix = NPY_MAGIC.length + 2 + 2;
		int total = prefix + header.length() + 1;
		int padded = (total + ALIGN - 1) / ALIGN * ALIGN;
		for (int i = total; i < padded; i++)
			header.append(' ');
		header.append('\n');
		byte[] text = header.toString().getBytes(StandardCharsets.US_ASCII);
		if (text.length > 0xFFFF) throw new IllegalArgumentException("Shape too long for .npy 1.0");
		float[] data = t.data();
		ByteBuffer b = ByteBuffer.allocate(prefix + text.length + 4 * data.length).order(
			ByteOrder.LITTLE_ENDIAN);
		b.put(NPY_MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text);
		b.asFloatBuffer().put(data);
		return b.array();
	}

	/** Parses one {@code .npy} file; {@code what} names it in error messages. */
	static Tensor parseNpy(byte[] npy, String what) throws IOException {
		ByteBuffer b = ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN);
		for (byte m : NPY_MAGIC)
			if (!b.hasRemaining() || b.get() != m)
				throw new IOException(what + " lacks the .npy magic bytes: not a NumPy array");
		if (b.remaining() < 2) throw new IOException(what + " is truncated in its header");
		int major = b.get() & 0xFF;
		b.get(); // minor version
		int headerLength;
		if (major == 1) {
			if (b.remaining() < 2) throw new IOException(what + " is truncated in its header");
			headerLength = b.getShort() & 0xFFFF;
		}
		else if (major == 2 || major == 3) {
			if (b.remaining() < 4) throw new IOException(what + " is truncated in its header");
			headerLength = b.getInt();
		}
		else throw new IOException(what + " has .npy format version " + major +
			", which this plugin cannot read (1, 2 or 3)");
		if (headerLength < 0 || headerLength > b.remaining())
			throw new IOException(what + " is truncated in its header");
		byte[] text = new byte[headerLength];
		b.get(text);
		String header = new String(text, major == 3 ? StandardCharsets.UTF_8
			: StandardCharsets.ISO_8859_1);

		String descr = find(DESCR, header, "descr", what);
		if ("True".equals(find(FORTRAN, header, "fortran_order", what)))
			throw new IOException(what + " is stored in Fortran order; save it in C order " +
				"(numpy.ascontiguousarray) and try again");
		long[] shape = parseShape(find(SHAPE, header, "shape", what), what);
		long count = 1;
		for (long d : shape) {
			count *= d;
			if (count > Integer.MAX_VALUE) throw new IOException(what + " is too large");
		}

		ByteOrder order;
		int size;
		switch (descr) {
			case "<f4":
				order = ByteOrder.LITTLE_ENDIAN;
				size = 4;
				break;
			case ">f4":
				order = ByteOrder.BIG_ENDIAN;
				size = 4;
				break;
			case "<f8":
				order = ByteOrder.LITTLE_ENDIAN;
				size = 8;
				break;
			case ">f8":
				order = ByteOrder.BIG_ENDIAN;
				size = 8;
				break;
			default:
				throw new IOException(what + " has dtype '" + descr +
					"'; only float32 and float64 arrays are supported");
		}
		if (b.remaining() < count * size)
			throw new IOException(what + " is truncated: " + count + " values need " + count * size +
				" bytes, found " + b.remaining());
		b.order(order);
		float[] data = new float[(int) count];
		if (size == 4) b.asFloatBuffer().get(data);
		else for (int i = 0; i < data.length; i++)
			data[i] = (float) b.getDouble();
		return new Tensor(shape, data);
	}

	private static String find(Pattern p, String header, String key, String what)
		throws IOException
	{
		Matcher m = p.matcher(header);
		if (!m.find())
			throw new IOException(what + " has a malformed .npy header (no '" + key + "'): " + header
				.trim());
		return m.group(1);
	}

	private static long[] parseShape(String tuple, String what) throws IOException {
		String[] parts = tuple.split(",");
		long[] dims = new long[parts.length];
		int n = 0;
		for (String p : parts) {
			String s = p.trim();
			if (s.endsWith("L")) s = s.substring(0, s.length() - 1); // Python 2 longs
			if (s.isEmpty()) continue;
			try {
				dims[n] = Long.parseLong(s);
			}
			catch (NumberFormatException e) {
				throw new IOException(what + " has a malformed shape (" + tuple + ")");
			}
			if (dims[n] < 0) throw new IOException(what + " has a negative dimension");
			n++;
		}
		long[] shape = new long[n];
		System.arraycopy(dims, 0, shape, 0, n);
		return shape;
	}

	/**
	 * Fails unless the bytes look like a complete zip archive: local header at the start and an
	 * end-of-central-directory record near the end (missing when a download was cut short).
	 */
	private static void checkIsZip(byte[] a, String source) throws IOException {
		if (a.length >= NPY_MAGIC.length && startsWith(a, NPY_MAGIC))
			throw new IOException(source + " is a single .npy array, not an .npz archive");
		if (a.length < 22 || a[0] != 'P' || a[1] != 'K')
			throw new IOException(source + " is not an .npz archive (no zip signature)");
		for (int i = a.length - 22; i >= Math.max(0, a.length - 22 - 0xFFFF); i--)
			if (a[i] == 'P' && a[i + 1] == 'K' && a[i + 2] == 5 && a[i + 3] == 6) return;
		throw new IOException(source +
			" is a truncated or corrupt .npz archive (its zip directory is missing)");
	}

	private static boolean startsWith(byte[] a, byte[] prefix) {
		for (int i = 0; i < prefix.length; i++)
			if (a[i] != prefix[i]) return false;
		return true;
	}
}
