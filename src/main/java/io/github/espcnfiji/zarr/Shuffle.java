package io.github.espcnfiji.zarr;

/**
 * Blosc's filters on one block of samples {@code typeSize} bytes long. Byte shuffle puts byte
 * {@code j} of every sample together (bytes beyond the last whole sample stay at the end); bit
 * shuffle puts bit {@code j} (least significant first) of every byte position of every sample
 * together, and leaves blocks whose sample count is not a multiple of 8 as they are, as c-blosc
 * does.
 */
final class Shuffle {

	private Shuffle() {}

	static byte[] bytes(byte[] in, int ts) {
		byte[] out = in.clone();
		int n = in.length / ts;
		for (int i = 0; i < n; i++)
			for (int j = 0; j < ts; j++)
				out[j * n + i] = in[i * ts + j];
		return out;
	}

	static byte[] unbytes(byte[] in, int ts) {
		byte[] out = in.clone();
		int n = in.length / ts;
		for (int i = 0; i < n; i++)
			for (int j = 0; j < ts; j++)
				out[i * ts + j] = in[j * n + i];
		return out;
	}

	/** Row {@code r = 8 byte + bit} holds that bit of every sample, packed 8 samples a byte. */
	static byte[] bits(byte[] in, int ts) {
		int n = in.length / ts;
		if (n % 8 != 0) return in.clone();
		byte[] out = new byte[in.length];
		int rowBytes = n / 8;
		for (int i = 0; i < n; i++)
			for (int j = 0; j < ts; j++) {
				int v = in[i * ts + j] & 0xff;
				for (int bit = 0; bit < 8; bit++)
					if ((v >>> bit & 1) != 0) out[(j * 8 + bit) * rowBytes + i / 8] |= 1 << (i % 8);
			}
		return out;
	}

	static byte[] unbits(byte[] in, int ts) {
		int n = in.length / ts;
		if (n % 8 != 0) return in.clone();
		byte[] out = new byte[in.length];
		int rowBytes = n / 8;
		for (int i = 0; i < n; i++)
			for (int j = 0; j < ts; j++) {
				int v = 0;
				for (int bit = 0; bit < 8; bit++)
					v |= ((in[(j * 8 + bit) * rowBytes + i / 8] >>> (i % 8)) & 1) << bit;
				out[i * ts + j] = (byte) v;
			}
		return out;
	}
}
