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
 * compiler uses on CPUs); the last layer is a plain {@code conv2d}, or one more such call
 * without activation where the weights are reordered once ({@link Layout}). In bfloat16 the weights are
 * given in bfloat16 (the module's {@code cast} method makes them, once), the input is cast on
 * entry, oneDNN accumulates in float32, and the output is cast back to float32. The pixel
 * shuffle is left to the caller.
 */
final class EspcnScript {

	/** PyTorch's ScalarType codes, as serialised TorchScript writes dtypes. */
	private static final int FLOAT32 = 6, BFLOAT16 = 15;
	private static final String CLASS = "EspcnNet";

	private EspcnScript() {}

	/** How the module lays out weights and activations for oneDNN. */
	enum Layout {
		/**
		 * Channels-last activations and weights, every hidden layer a convolution with the
		 * activation fused in; oneDNN reorders the weights into its own format in every call.
		 */
		CHANNELS_LAST,
		/**
		 * As {@link #CHANNELS_LAST}, with the weights reordered into the format oneDNN's
		 * convolution wants once, by the module's {@code reorder} method, and held in oneDNN's
		 * layout ({@code mkldnn_reorder_conv2d_weight}); no reorder is left in a call.
		 */
		PREPACKED,
		/**
		 * As {@code torch.jit.optimize_for_inference} runs the network: the input goes into
		 * oneDNN's blocked layout once ({@code to_mkldnn}), every convolution and the in-place
		 * activation stay in it, weights reordered once, and one {@code to_dense} gives a
		 * contiguous (1, r², H, W) output. Float32, tanh and ReLU only (oneDNN's blocked tensors
		 * have no other activation here).
		 */
		BLOCKED
	}

	/**
	 * The module's source, as {@code code/__torch__.py} of a saved module holds it;
	 * {@code bfloat16[i]} says whether layer {@code i} runs in bfloat16 (its weights then given
	 * in bfloat16).
	 */
	static String source(EspcnSpec spec, boolean[] bfloat16) {
		return source(spec, bfloat16, Layout.CHANNELS_LAST);
	}

	/** The module's source for {@code layout}. */
	static String source(EspcnSpec spec, boolean[] bfloat16, Layout layout) {
		if (layout == Layout.BLOCKED) return blockedSource(spec, bfloat16);
		StringBuilder s = new StringBuilder();
		header(s, spec);
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
			boolean last = i == spec.layers() - 1;
			if (!last || layout == Layout.PREPACKED) s.append(
				"    y = ops.mkldnn._convolution_pointwise(y, ").append(w).append(", ").append(b).append(
					", ").append(geometry).append(", \"").append(last ? "none" : fusedName(spec
						.activation())).append("\", scalars, ").append(last ? "None" : algorithm(spec
							.activation())).append(")\n");
			else s.append("    y = torch.conv2d(y, ").append(w).append(", ").append(b).append(", [1, 1], [")
				.append(pad).append(", ").append(pad).append("])\n");
		}
		s.append("    return ").append(inBfloat16 ? cast("y", FLOAT32) : "y").append("\n");
		s.append("  def cast(self: __torch__.").append(CLASS).append(",\n    w: Tensor) -> Tensor:\n");
		s.append("    return ").append(cast("w", BFLOAT16)).append("\n");
		if (layout == Layout.PREPACKED) reorder(s, true);
		return s.toString();
	}

	private static String blockedSource(EspcnSpec spec, boolean[] bfloat16) {
		for (boolean b : bfloat16)
			if (b) throw new IllegalArgumentException("The blocked layout runs in float32 only");
		if (spec.activation() != Activation.TANH && spec.activation() != Activation.RELU)
			throw new IllegalArgumentException("The blocked layout has no " + spec.activation());
		StringBuilder s = new StringBuilder();
		header(s, spec);
		s.append("    y = torch.to_mkldnn(x)\n");
		for (int i = 0; i < spec.layers(); i++) {
			int pad = spec.kernels()[i] / 2;
			s.append("    y = torch.mkldnn_convolution(y, w").append(i).append(", b").append(i)
				.append(", [").append(pad).append(", ").append(pad).append("], [1, 1], [1, 1], 1)\n");
			if (i < spec.layers() - 1) s.append("    y = torch.").append(fusedName(spec.activation()))
				.append("_(y)\n");
		}
		s.append("    return torch.to_dense(y)\n");
		reorder(s, false);
		return s.toString();
	}

	/**
	 * The {@code reorder(w, pad, c)} method: a weight in oneDNN's layout, in the format oneDNN
	 * chooses for a convolution with that padding on {@code c} input channels: for channels-last
	 * tiles of {@link FastUpscaler#TILE} pixels ({@code forTile}; other tile sizes give the same
	 * results, oneDNN reordering again if it would choose otherwise), or for its blocked
	 * layout.
	 */
	private static void reorder(StringBuilder s, boolean forTile) {
		s.append("  def reorder(self: __torch__.").append(CLASS).append(
			",\n    w: Tensor,\n    pad: int,\n    c: int) -> Tensor:\n");
		s.append("    return ops.aten.mkldnn_reorder_conv2d_weight(torch.to_mkldnn(w), [pad, pad], " +
			"[1, 1], [1, 1], 1").append(forTile ? ", [1, c, " + FastUpscaler.TILE + ", " +
				FastUpscaler.TILE + "]" : "").append(")\n");
	}

	private static void header(StringBuilder s, EspcnSpec spec) {
		s.append("class ").append(CLASS).append("(Module):\n");
		s.append("  __parameters__ = []\n  __buffers__ = []\n  training : bool\n");
		s.append("  def forward(self: __torch__.").append(CLASS).append(",\n    x: Tensor");
		for (int i = 0; i < spec.layers(); i++)
			s.append(",\n    w").append(i).append(": Tensor,\n    b").append(i).append(": Tensor");
		s.append(") -> Tensor:\n");
		s.append("    scalars : List[Optional[number]] = []\n");
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
		return archive(spec, bfloat16, Layout.CHANNELS_LAST);
	}

	/** The archive of {@link #source(EspcnSpec, boolean[], Layout)}. */
	static byte[] archive(EspcnSpec spec, boolean[] bfloat16, Layout layout) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			store(zip, "espcn/data.pkl", objectPickle());
			store(zip, "espcn/code/__torch__.py", source(spec, bfloat16, layout).getBytes(
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
