package io.github.espcnfiji.model;

import io.github.espcnfiji.core.Tensor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The ESPCN inference network as a TorchScript module, written here as source text and packed
 * into the archive format that {@code torch.jit.load} reads, so that no Python is needed to make
 * it. It holds no weights: {@code forward(x, w0, b0, w1, b1, ...)} takes them with the input.
 * <p>
 * Each hidden layer is one {@code mkldnn::_convolution_pointwise} call, oneDNN's convolution
 * with the activation applied in registers before the result is stored (the fusion PyTorch's own
 * compiler uses on CPUs); the last layer is a plain {@code conv2d}. In bfloat16 the weights are
 * given in bfloat16 (the module's {@code cast} method makes them, once), the input is cast on
 * entry, oneDNN accumulates in float32, and the output is cast back to float32. The pixel
 * shuffle is left to the caller.
 */
final class EspcnScript {

	/** PyTorch's ScalarType codes, as serialised TorchScript writes dtypes. */
	private static final int FLOAT32 = 6, BFLOAT16 = 15;
	private static final String CLASS = "EspcnNet";

	private EspcnScript() {}

	/**
	 * The module's source, as {@code code/__torch__.py} of a saved module holds it;
	 * {@code bfloat16[i]} says whether layer {@code i} runs in bfloat16 (its weights then given
	 * in bfloat16).
	 */
	static String source(EspcnSpec spec, boolean[] bfloat16) {
		StringBuilder s = new StringBuilder();
		s.append("class ").append(CLASS).append("(Module):\n");
		s.append("  __parameters__ = []\n  __buffers__ = []\n  training : bool\n");
		s.append("  def forward(self: __torch__.").append(CLASS).append(",\n    x: Tensor");
		for (int i = 0; i < spec.layers(); i++)
			s.append(",\n    w").append(i).append(": Tensor,\n    b").append(i).append(": Tensor");
		s.append(") -> Tensor:\n");
		s.append("    scalars : List[Optional[number]] = []\n");
		s.append("    y = x\n");
		boolean inBfloat16 = false;
		for (int i = 0; i < spec.layers(); i++) {
			if (bfloat16[i] != inBfloat16) {
				s.append("    y = ").append(cast("y", bfloat16[i] ? BFLOAT16 : FLOAT32)).append("\n");
				inBfloat16 = bfloat16[i];
			}
			int pad = spec.kernels()[i] / 2;
			String w = "w" + i, b = "b" + i;
			String geometry = "[" + pad + ", " + pad + "], [1, 1], [1, 1], 1";
			if (i < spec.layers() - 1) s.append("    y = ops.mkldnn._convolution_pointwise(y, ").append(
				w).append(", ").append(b).append(", ").append(geometry).append(", \"").append(
					fusedName(spec.activation())).append("\", scalars, ").append(algorithm(spec
						.activation())).append(")\n");
			else s.append("    y = torch.conv2d(y, ").append(w).append(", ").append(b).append(", [1, 1], [")
				.append(pad).append(", ").append(pad).append("])\n");
		}
		s.append("    return ").append(inBfloat16 ? cast("y", FLOAT32) : "y").append("\n");
		s.append("  def cast(self: __torch__.").append(CLASS).append(",\n    w: Tensor) -> Tensor:\n");
		s.append("    return ").append(cast("w", BFLOAT16)).append("\n");
		return s.toString();
	}

	private static String cast(String name, int dtype) {
		return "torch.to(" + name + ", " + dtype + ")";
	}

	private static String fusedName(Activation a) {
		switch (a) {
			case TANH:
				return "tanh";
			case RELU:
				return "relu";
			case GELU:
				return "gelu";
			default:
				throw new AssertionError(a);
		}
	}

	/** GELU's variant: "none" is the exact erf form, as {@code torch.nn.GELU()}. */
	private static String algorithm(Activation a) {
		return a == Activation.GELU ? "\"none\"" : "None";
	}

	/** The saved-module archive (a zip, as {@code torch.jit.save} writes) holding the source. */
	static byte[] archive(EspcnSpec spec, boolean[] bfloat16) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			store(zip, "espcn/data.pkl", objectPickle());
			store(zip, "espcn/code/__torch__.py", source(spec, bfloat16).getBytes(
				StandardCharsets.UTF_8));
			store(zip, "espcn/constants.pkl", new byte[] { (byte) 0x80, 2, ')', '.' }); // ()
			store(zip, "espcn/version", "3\n".getBytes(StandardCharsets.US_ASCII));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e); // in memory: does not happen
		}
		return bytes.toByteArray();
	}

	/**
	 * The module object as pickle protocol 2: an instance of {@code __torch__.EspcnNet} whose
	 * state is {@code {"training": True}}.
	 */
	private static byte[] objectPickle() {
		ByteArrayOutputStream p = new ByteArrayOutputStream();
		p.write(0x80); // PROTO 2
		p.write(2);
		p.write('c'); // GLOBAL module\nname\n
		p.writeBytes(("__torch__\n" + CLASS + "\n").getBytes(StandardCharsets.US_ASCII));
		p.write(')'); // EMPTY_TUPLE
		p.write(0x81); // NEWOBJ
		p.write('}'); // EMPTY_DICT
		byte[] key = "training".getBytes(StandardCharsets.US_ASCII);
		p.write('X'); // BINUNICODE, 4-byte little-endian length
		p.write(key.length);
		p.write(0);
		p.write(0);
		p.write(0);
		p.writeBytes(key);
		p.write(0x88); // NEWTRUE
		p.write('s'); // SETITEM
		p.write('b'); // BUILD
		p.write('.'); // STOP
		return p.toByteArray();
	}

	private static void store(ZipOutputStream zip, String name, byte[] data) throws IOException {
		ZipEntry e = new ZipEntry(name);
		e.setMethod(ZipEntry.STORED);
		e.setSize(data.length);
		CRC32 crc = new CRC32();
		crc.update(data);
		e.setCrc(crc.getValue());
		zip.putNextEntry(e);
		zip.write(data);
		zip.closeEntry();
	}
}
