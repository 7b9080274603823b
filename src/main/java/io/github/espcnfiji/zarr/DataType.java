package io.github.espcnfiji.zarr;

import java.nio.ByteOrder;

/**
 * The sample types read and written: unsigned 8-bit, unsigned 16-bit and 32-bit float, in either
 * byte order, as a {@code .zarray}'s {@code dtype} names them ({@code "|u1"}, {@code "<u2"},
 * {@code ">f4"}, ...). Samples are handled as floats, which hold every value of the three types
 * exactly.
 */
public final class DataType {

	/** The kinds of sample. */
	public enum Kind {
		UINT8(1, "u1"), UINT16(2, "u2"), FLOAT32(4, "f4");

		private final int bytes;
		private final String code;

		Kind(int bytes, String code) {
			this.bytes = bytes;
			this.code = code;
		}

		public int bytes() {
			return bytes;
		}
	}

	private final Kind kind;
	private final ByteOrder order;

	public DataType(Kind kind, ByteOrder order) {
		this.kind = kind;
		this.order = order;
	}

	/**
	 * The type a {@code dtype} string names.
	 *
	 * @throws IllegalArgumentException for other types, with the supported ones
	 */
	public static DataType parse(String dtype) {
		if (dtype != null && dtype.length() == 3) {
			char o = dtype.charAt(0);
			String code = dtype.substring(1);
			for (Kind k : Kind.values())
				if (k.code.equals(code)) {
					if (o == '<' || (o == '|' && k.bytes == 1)) return new DataType(k,
						ByteOrder.LITTLE_ENDIAN);
					if (o == '>') return new DataType(k, ByteOrder.BIG_ENDIAN);
				}
		}
		throw new IllegalArgumentException("unsupported dtype " + dtype +
			" (supported: |u1, <u2, >u2, <f4, >f4)");
	}

	public Kind kind() {
		return kind;
	}

	public ByteOrder order() {
		return order;
	}

	public int bytes() {
		return kind.bytes;
	}

	/** The {@code dtype} string. */
	public String code() {
		return (kind.bytes == 1 ? "|" : order == ByteOrder.LITTLE_ENDIAN ? "<" : ">") + kind.code;
	}

	/** Sample {@code i} of {@code data}. */
	public float get(byte[] data, int i) {
		int o = i * kind.bytes;
		switch (kind) {
			case UINT8:
				return data[o] & 0xff;
			case UINT16:
				return order == ByteOrder.LITTLE_ENDIAN ? (data[o] & 0xff) | (data[o + 1] & 0xff) << 8
					: (data[o] & 0xff) << 8 | (data[o + 1] & 0xff);
			default:
				return Float.intBitsToFloat(int32(data, o));
		}
	}

	/**
	 * Sets sample {@code i} of {@code data}; integer types take {@code v} rounded half up and
	 * clamped to their range (NaN becomes 0).
	 */
	public void set(byte[] data, int i, float v) {
		int o = i * kind.bytes;
		switch (kind) {
			case UINT8:
				data[o] = (byte) clamp(v, 255);
				break;
			case UINT16: {
				int s = clamp(v, 65535);
				if (order == ByteOrder.LITTLE_ENDIAN) {
					data[o] = (byte) s;
					data[o + 1] = (byte) (s >>> 8);
				}
				else {
					data[o] = (byte) (s >>> 8);
					data[o + 1] = (byte) s;
				}
				break;
			}
			default: {
				int bits = Float.floatToRawIntBits(v);
				for (int b = 0; b < 4; b++)
					data[o + b] = (byte) (order == ByteOrder.LITTLE_ENDIAN ? bits >>> 8 * b : bits >>> 8 *
						(3 - b));
			}
		}
	}

	private int int32(byte[] d, int o) {
		if (order == ByteOrder.LITTLE_ENDIAN) return (d[o] & 0xff) | (d[o + 1] & 0xff) << 8 |
			(d[o + 2] & 0xff) << 16 | (d[o + 3] & 0xff) << 24;
		return (d[o] & 0xff) << 24 | (d[o + 1] & 0xff) << 16 | (d[o + 2] & 0xff) << 8 | (d[o + 3] &
			0xff);
	}

	private static int clamp(float v, int top) {
		if (!(v > 0)) return 0;
		if (v >= top) return top;
		return (int) Math.floor(v + 0.5);
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof DataType && ((DataType) o).kind == kind && ((DataType) o).order == order;
	}

	@Override
	public int hashCode() {
		return kind.hashCode() * 31 + order.hashCode();
	}

	@Override
	public String toString() {
		return code();
	}
}
