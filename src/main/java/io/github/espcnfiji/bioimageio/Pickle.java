package io.github.espcnfiji.bioimageio;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A writer of Python pickles (protocol 2), just the opcodes PyTorch's archives need: globals,
 * tuples, dicts, strings, ints, booleans, None and persistent ids (how tensor storages are
 * referenced). Calls follow the pickle machine: {@code mark(); ... tuple();}.
 */
final class Pickle {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	Pickle() {
		out.write(0x80); // PROTO
		out.write(2);
	}

	Pickle global(String module, String name) {
		out.write('c');
		out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
		return this;
	}

	Pickle mark() {
		out.write('(');
		return this;
	}

	Pickle tuple() {
		out.write('t');
		return this;
	}

	Pickle emptyTuple() {
		out.write(')');
		return this;
	}

	Pickle emptyDict() {
		out.write('}');
		return this;
	}

	Pickle setItems() {
		out.write('u');
		return this;
	}

	Pickle newObj() {
		out.write(0x81);
		return this;
	}

	Pickle reduce() {
		out.write('R');
		return this;
	}

	Pickle build() {
		out.write('b');
		return this;
	}

	Pickle persistentId() {
		out.write('Q'); // BINPERSID
		return this;
	}

	Pickle none() {
		out.write('N');
		return this;
	}

	Pickle bool(boolean b) {
		out.write(b ? 0x88 : 0x89);
		return this;
	}

	Pickle string(String s) {
		byte[] b = s.getBytes(StandardCharsets.UTF_8);
		out.write('X'); // BINUNICODE, 4-byte little-endian length
		int4(b.length);
		out.writeBytes(b);
		return this;
	}

	Pickle integer(long v) {
		if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)
			throw new IllegalArgumentException("Too large for BININT: " + v);
		out.write('J'); // BININT, 4-byte signed little-endian
		int4((int) v);
		return this;
	}

	/** A tuple of ints. */
	Pickle ints(long[] values) {
		mark();
		for (long v : values)
			integer(v);
		return tuple();
	}

	byte[] stop() {
		out.write('.');
		return out.toByteArray();
	}

	private void int4(int v) {
		out.write(v & 0xff);
		out.write((v >> 8) & 0xff);
		out.write((v >> 16) & 0xff);
		out.write((v >>> 24) & 0xff);
	}
}
