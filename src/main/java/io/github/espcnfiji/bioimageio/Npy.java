package io.github.espcnfiji.bioimageio;

import io.github.espcnfiji.core.Tensor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} format (version 1.0), the format of a package's test tensors: arrays are
 * written as little-endian float32 in C order; reading also takes float64, (u)int8, (u)int16 and
 * int32 (converted to float32).
 * <pre>{@code
 * byte[] file = Npy.write(new Tensor(new long[] { 1, 1, 2, 2 }, new float[] { 0, 1, 2, 3 }));
 * Tensor back = Npy.read(file, "test_input.npy");
 * }</pre>
 */
public final class Npy {

	private static final byte[] MAGIC = { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y' };
	private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
	private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
	private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

	private Npy() {}

	/** The array as an {@code .npy} file (header padded to 64 bytes, as NumPy does). */
	public static byte[] write(Tensor array) {
		StringBuilder shape = new StringBuilder();
		for (long s : array.shape())
			shape.append(s).append(", ");
		String dims = array.rank() == 1 ? shape.substring(0, shape.length() - 1) : shape.length() == 0
			? "" : shape.substring(0, shape.length() - 2);
		String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
		int unpadded = MAGIC.length + 4 + dict.length() + 1;
		int pad = (64 - unpadded % 64) % 64;
		String header = dict + " ".repeat(pad) + "\n";
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(MAGIC);
		out.write(1);
		out.write(0);
		out.write(header.length() & 0xff);
		out.write(header.length() >> 8);
		out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
		ByteBuffer b = ByteBuffer.allocate(4 * array.data().length).order(ByteOrder.LITTLE_ENDIAN);
		b.asFloatBuffer().put(array.data());
		out.writeBytes(b.array());
		return out.toByteArray();
	}

	/**
	 * Reads an {@code .npy} file; {@code source} names it in errors.
	 *
	 * @throws IOException naming {@code source} when it is not an {@code .npy} file of a supported
	 *           type
	 */
	public static Tensor read(byte[] file, String source) throws IOException {
		if (file.length < 10 || !startsWithMagic(file))
			throw new IOException(source + " is not a NumPy .npy file");
		int major = file[6] & 0xff;
		ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
		int headerLength, start;
		if (major == 1) {
			headerLength = b.getShort(8) & 0xffff;
			start = 10;
		}
		else if (major == 2 || major == 3) {
			if (file.length < 12) throw new IOException(source + " is a truncated .npy file");
			headerLength = b.getInt(8);
			start = 12;
		}
		else throw new IOException(source + " is an .npy file of unknown version " + major);
		if (headerLength < 0 || start + headerLength > file.length)
			throw new IOException(source + " is a truncated .npy file");
		String header = new String(file, start, headerLength, StandardCharsets.ISO_8859_1);
		String descr = group(DESCR, header, source);
		if ("True".equals(group(FORTRAN, header, source)))
			throw new IOException(source + " is in Fortran order; save it in C order");
		long[] shape = parseShape(group(SHAPE, header, source), source);
		long count = 1;
		for (long s : shape)
			count *= s;
		int width = width(descr, source);
		int offset = start + headerLength;
		if (count > Integer.MAX_VALUE || offset + count * width != file.length)
			throw new IOException(source + " holds " + (file.length - offset) + " data bytes, not the " +
				count * width + " its header " + header.trim() + " declares");
		ByteBuffer data = ByteBuffer.wrap(file, offset, file.length - offset).order(descr
			.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
		float[] values = new float[(int) count];
		String type = descr.substring(1);
		for (int i = 0; i < values.length; i++)
			values[i] = next(data, type);
		return new Tensor(shape, values);
	}

	private static boolean startsWithMagic(byte[] file) {
		for (int i = 0; i < MAGIC.length; i++)
			if (file[i] != MAGIC[i]) return false;
		return true;
	}

	private static int width(String descr, String source) throws IOException {
		switch (descr) {
			case "<f4": case ">f4": case "<i4": case ">i4":
				return 4;
			case "<f8": case ">f8":
				return 8;
			case "|u1": case "|i1":
				return 1;
			case "<u2": case ">u2": case "<i2": case ">i2":
				return 2;
			default:
				throw new IOException(source + " holds '" + descr +
					"' values; supported are float32, float64, (u)int8, (u)int16 and int32");
		}
	}

	private static float next(ByteBuffer data, String type) {
		switch (type) {
			case "f4":
				return data.getFloat();
			case "f8":
				return (float) data.getDouble();
			case "i4":
				return data.getInt();
			case "u1":
				return data.get() & 0xff;
			case "i1":
				return data.get();
			case "u2":
				return data.getShort() & 0xffff;
			default: // i2
				return data.getShort();
		}
	}

	private static String group(Pattern p, String header, String source) throws IOException {
		Matcher m = p.matcher(header);
		if (!m.find()) throw new IOException(source + " has a malformed .npy header: " + header.trim());
		return m.group(1);
	}

	private static long[] parseShape(String dims, String source) throws IOException {
		List<Long> out = new ArrayList<>();
		for (String d : dims.split(",")) {
			String t = d.trim();
			if (t.isEmpty()) continue;
			try {
				out.add(Long.parseLong(t.endsWith("L") ? t.substring(0, t.length() - 1) : t));
			}
			catch (NumberFormatException e) {
				throw new IOException(source + " has a malformed .npy shape (" + dims + ")");
			}
		}
		return out.stream().mapToLong(Long::longValue).toArray();
	}
}
