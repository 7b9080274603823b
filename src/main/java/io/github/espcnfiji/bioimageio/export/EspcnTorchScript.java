package io.github.espcnfiji.bioimageio.export;

import io.github.espcnfiji.bioimageio.TorchArchive;
import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.MatlabResize;
import io.github.espcnfiji.core.Tensor;
import io.github.espcnfiji.core.YCbCr;
import io.github.espcnfiji.model.Activation;
import io.github.espcnfiji.model.EspcnSpec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole ESPCN network, pixel shuffle included, as a TorchScript module that
 * {@code torch.jit.load} runs in one call (checked in PyTorch 1.13 and 2.7; only
 * {@code conv2d}, the activation, {@code pixel_shuffle} and, for RGB, {@code cat},
 * {@code narrow}, {@code flip}, {@code clamp}). Two forms:
 * <ul>
 * <li>{@link #luma}: a (batch, 1, y, x) plane in [0, 1] in, (batch, 1, y*r, x*r) out, what
 * {@code EspcnModel.upscale} computes;</li>
 * <li>{@link #rgb}: a (batch, 3, y, x) RGB image on 0-255 in, RGB on 0-255 out (clamped, not
 * rounded): BT.601 Y (MATLAB's {@code rgb2ycbcr}) divided by 255 through the network, Cb and Cr
 * by MATLAB's bicubic upscaling (as a depthwise convolution per output phase over symmetric
 * padding, then a pixel shuffle), back to RGB by the exact inverse matrix, as the plugin's RGB
 * path does.</li>
 * </ul>
 */
final class EspcnTorchScript {

	static final String CLASS = "Espcn";
	/** Input pixels MATLAB's bicubic reaches on each side when upscaling by an integer. */
	private static final int BICUBIC_REACH = 2;

	private EspcnTorchScript() {}

	/** The luma module's archive. */
	static byte[] luma(EspcnSpec spec, Map<String, Tensor> weights) {
		StringBuilder s = header(spec, false);
		s.append("    return ").append(network(spec, "x")).append("\n");
		return TorchArchive.scriptModule("espcn", CLASS, s.toString(), params(spec, weights), Map
			.of());
	}

	/** The RGB module's archive. */
	static byte[] rgb(EspcnSpec spec, Map<String, Tensor> weights) {
		int r = spec.scale();
		StringBuilder s = header(spec, true);
		s.append("    ycc = torch.conv2d(x, self.to_ycc_w, self.to_ycc_b)\n");
		s.append("    y = torch.mul(torch.narrow(ycc, 1, 0, 1), 1.0 / 255.0)\n");
		s.append("    sr = torch.mul(").append(network(spec, "y")).append(", 255.0)\n");
		s.append("    c = torch.narrow(ycc, 1, 1, 2)\n");
		s.append("    c = torch.cat([torch.flip(torch.narrow(c, 2, 0, 2), [2]), c, torch.flip(torch.narrow(c, 2, c.size(2) - 2, 2), [2])], 2)\n");
		s.append("    c = torch.cat([torch.flip(torch.narrow(c, 3, 0, 2), [3]), c, torch.flip(torch.narrow(c, 3, c.size(3) - 2, 2), [3])], 3)\n");
		s.append("    c = torch.pixel_shuffle(torch.conv2d(c, self.chroma_w, None, [1, 1], [0, 0], [1, 1], 2), ")
			.append(r).append(")\n");
		s.append("    out = torch.conv2d(torch.cat([sr, c], 1), self.to_rgb_w, self.to_rgb_b)\n");
		s.append("    return torch.clamp(out, 0.0, 255.0)\n");
		return TorchArchive.scriptModule("espcn", CLASS, s.toString(), params(spec, weights),
			rgbBuffers(r));
	}

	/** The RGB module's constants: the colour matrices and the chroma kernel. */
	static Map<String, Tensor> rgbBuffers(int r) {
		Map<String, Tensor> buffers = new LinkedHashMap<>();
		double[][] forward = YCbCr.forwardMatrix();
		double[] offset = YCbCr.offsets();
		double[][] inverse = YCbCr.inverseMatrix();
		buffers.put("to_ycc_w", pointwise(forward));
		buffers.put("to_ycc_b", vector(offset));
		buffers.put("chroma_w", chromaKernel(r));
		buffers.put("to_rgb_w", pointwise(inverse));
		double[] back = new double[3];
		for (int i = 0; i < 3; i++)
			for (int j = 0; j < 3; j++)
				back[i] -= inverse[i][j] * offset[j];
		buffers.put("to_rgb_b", vector(back));
		return buffers;
	}

	private static StringBuilder header(EspcnSpec spec, boolean rgb) {
		StringBuilder s = new StringBuilder();
		s.append("class ").append(CLASS).append("(Module):\n");
		s.append("  __parameters__ = [");
		for (int i = 0; i < spec.layers(); i++)
			s.append("\"w").append(i).append("\", \"b").append(i).append("\", ");
		s.append("]\n  __buffers__ = [");
		if (rgb) s.append("\"to_ycc_w\", \"to_ycc_b\", \"chroma_w\", \"to_rgb_w\", \"to_rgb_b\", ");
		s.append("]\n");
		for (int i = 0; i < spec.layers(); i++)
			s.append("  w").append(i).append(" : Tensor\n  b").append(i).append(" : Tensor\n");
		if (rgb) for (String b : new String[] { "to_ycc_w", "to_ycc_b", "chroma_w", "to_rgb_w",
			"to_rgb_b" })
			s.append("  ").append(b).append(" : Tensor\n");
		s.append("  training : bool\n");
		s.append("  def forward(self: __torch__.").append(CLASS).append(",\n    x: Tensor) -> Tensor:\n");
		return s;
	}

	/** The network applied to {@code input}, as one expression. */
	private static String network(EspcnSpec spec, String input) {
		String y = input;
		for (int i = 0; i < spec.layers(); i++) {
			int pad = spec.kernels()[i] / 2;
			y = "torch.conv2d(" + y + ", self.w" + i + ", self.b" + i + ", [1, 1], [" + pad + ", " + pad +
				"])";
			if (i < spec.layers() - 1) y = activation(spec.activation()) + "(" + y + ")";
		}
		return "torch.pixel_shuffle(" + y + ", " + spec.scale() + ")";
	}

	private static String activation(Activation a) {
		switch (a) {
			case TANH:
				return "torch.tanh";
			case RELU:
				return "torch.relu";
			case GELU:
				return "torch.gelu"; // exact erf form by default, as torch.nn.GELU()
			default:
				throw new AssertionError(a);
		}
	}

	private static Map<String, Tensor> params(EspcnSpec spec, Map<String, Tensor> weights) {
		Map<String, Tensor> out = new LinkedHashMap<>();
		for (int i = 0; i < spec.layers(); i++) {
			Tensor w = weights.get(spec.layerKey(i) + ".weight");
			Tensor b = weights.get(spec.layerKey(i) + ".bias");
			out.put("w" + i, new Tensor(w.shape(), w.data().clone()));
			out.put("b" + i, new Tensor(b.shape(), b.data().clone()));
		}
		return out;
	}

	private static Tensor pointwise(double[][] m) {
		float[] d = new float[9];
		for (int i = 0; i < 3; i++)
			for (int j = 0; j < 3; j++)
				d[3 * i + j] = (float) m[i][j];
		return new Tensor(new long[] { 3, 3, 1, 1 }, d);
	}

	private static Tensor vector(double[] v) {
		float[] d = new float[v.length];
		for (int i = 0; i < v.length; i++)
			d[i] = (float) v[i];
		return new Tensor(new long[] { v.length }, d);
	}

	/**
	 * MATLAB's bicubic upscaling by {@code r} as a depthwise 5x5 convolution with r² outputs per
	 * channel (output phase {@code i*r + j} gives pixel (y*r + i, x*r + j)) over an input padded
	 * symmetrically by 2: weights (2 r², 1, 5, 5) for Cb and Cr. The 1D weights of each phase are
	 * read off {@link MatlabResize#upscale} of unit impulses, so they are the plugin's own.
	 */
	static Tensor chromaKernel(int r) {
		int taps = 2 * BICUBIC_REACH + 1, n = 16, centre = 8;
		double[][] w = new double[r][taps];
		for (int k = 0; k < taps; k++) {
			FloatPlane impulse = FloatPlane.zeros(n, 1);
			impulse.set(centre + k - BICUBIC_REACH, 0, 1f);
			FloatPlane up = MatlabResize.upscale(impulse, r);
			for (int p = 0; p < r; p++)
				w[p][k] = up.get(centre * r + p, 0);
		}
		float[] d = new float[2 * r * r * taps * taps];
		for (int c = 0; c < 2; c++)
			for (int i = 0; i < r; i++)
				for (int j = 0; j < r; j++)
					for (int dy = 0; dy < taps; dy++)
						for (int dx = 0; dx < taps; dx++)
							d[(((c * r + i) * r + j) * taps + dy) * taps + dx] = (float) (w[i][dy] * w[j][dx]);
		return new Tensor(new long[] { 2L * r * r, 1, taps, taps }, d);
	}
}
