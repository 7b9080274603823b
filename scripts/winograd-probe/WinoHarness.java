package io.github.espcnfiji.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.PlaneUpscaler;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;

/**
 * Issue 16's Winograd probe (scripts/winograd-probe/run.sh): times the TorchScript variants of the
 * x3 network that save.py wrote, in DJL's libtorch 2.7.1 on one thread, interleaved with the
 * plugin's own fp32 and fp32-blocked paths on the same real-image tile, and checks NNPACK.
 * <p>
 * args: FOLDER (save.py's output) SIDE ROUNDS CALLS MODEL_FOLDER
 */
public class WinoHarness {
	public static void main(String[] a) throws Exception {
		DjlRuntime.call(() -> { run(a); return null; });
		System.exit(0);
	}

	static PtSymbolBlock load(PtNDManager m, String f) throws Exception {
		try (InputStream in = Files.newInputStream(Path.of(f))) {
			PtSymbolBlock b = JniUtils.loadModule(m, in, false, false);
			JniUtils.enableInferenceMode(b);
			return b;
		}
	}

	static PtNDArray fwd(PtSymbolBlock b, PtNDArray x, PtNDManager m) {
		try (IValue in = IValue.from(x); IValue out = IValueUtils.forward(b, new IValue[] { in })) {
			return out.toTensor(m);
		}
	}

	static float[] floats(PtNDArray y) {
		return y.toType(DataType.FLOAT32, false).toFloatArray();
	}

	static double median(List<Double> v) {
		List<Double> s = new ArrayList<>(v);
		Collections.sort(s);
		return s.get(s.size() / 2);
	}

	static void run(String[] args) throws Exception {
		String dir = args[0];
		int side = Integer.parseInt(args[1]), rounds = Integer.parseInt(args[2]), reps = Integer.parseInt(args[3]);
		Engine.getInstance();
		JniUtils.setNumThreads(1);
		JniUtils.setGraphExecutorOptimize(false);
		PtNDManager m = (PtNDManager) NDManager.newBaseManager();
		// NNPACK in libtorch 2.7.1
		try {
			PtSymbolBlock nn = load(m, dir + "/nnpack.pt");
			PtNDArray x = (PtNDArray) m.randomUniform(0, 1, new Shape(1, 64, 32, 32));
			PtNDArray y = fwd(nn, x, m);
			System.out.println("nnpack: ran, shape " + y.getShape());
		}
		catch (Exception e) {
			String msg = e.getMessage() == null ? e.toString() : e.getMessage();
			System.out.println("nnpack: failed: " + msg.lines().filter(l -> l.contains("NNPACK") || l.contains("rror")).findFirst().orElse(msg.lines().findFirst().orElse("")));
		}
		// a real image tile: raw float32 little-endian, side x side, Y in [0, 1]
		byte[] raw = Files.readAllBytes(Path.of(dir + "/tile" + side + ".f32"));
		float[] px = new float[side * side];
		ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(px);
		FloatPlane plane = new FloatPlane(px, side, side);
		PtNDArray x = (PtNDArray) m.create(px, new Shape(1, 1, side, side));
		PtNDArray h = (PtNDArray) m.randomUniform(-1, 1, new Shape(side, side, 64));

		EspcnModel model = ModelFiles.load(Path.of(args[4]));
		// the fp32 path's FastUpscaler itself, so that the plane is one tile on one worker thread as
		// for the other variants (model.upscaler(FP32) is the model, which cuts a plane into tiles
		// of FastUpscaler.TILE and runs them on all workers)
		java.lang.reflect.Method fast = EspcnModel.class.getDeclaredMethod("fastUpscaler",
			InferenceMode.class);
		fast.setAccessible(true);
		PlaneUpscaler fp32 = (PlaneUpscaler) fast.invoke(model, InferenceMode.FP32);
		PlaneUpscaler blocked = model.upscaler(InferenceMode.FP32_BLOCKED);
		FloatPlane plain = model.upscalePlain(plane);

		String[] nets = { "direct", "wino2", "wino4", "wino2all", "wino4all" };
		String[] l2 = { "l2direct", "l2wino2", "l2wino4" };
		Map<String, PtSymbolBlock> mods = new LinkedHashMap<>();
		for (String n : nets) mods.put(n, load(m, dir + "/" + n + ".pt"));
		for (String n : l2) mods.put(n, load(m, dir + "/" + n + ".pt"));
		Map<String, float[]> outs = new HashMap<>();
		for (String n : nets) outs.put(n, floats(fwd(mods.get(n), x, m)));
		for (String n : l2) outs.put(n, floats(fwd(mods.get(n), h, m)));
		for (String n : nets) {
			float[] o = outs.get(n), d = outs.get("direct");
			double mx = 0; for (int i = 0; i < o.length; i++) mx = Math.max(mx, Math.abs(o[i] - d[i]));
			System.out.printf("%-10s max |diff| vs scripted direct on the tile's maps: %.2e%n", n, mx);
		}
		for (String n : l2) {
			float[] o = outs.get(n), d = outs.get("l2direct");
			// l2direct is (1, 32, H, W) channels-last, wino (H, W, 32): compare in logical order
			double mx = 0;
			for (int c = 0; c < 32; c++) for (int i = 0; i < side * side; i++) {
				float dv = d[c * side * side + i], ov = n.equals("l2direct") ? dv : o[i * 32 + c];
				mx = Math.max(mx, Math.abs(ov - dv));
			}
			System.out.printf("%-10s max |diff| vs l2direct: %.2e%n", n, mx);
		}
		{
			FloatPlane f = fp32.upscale(plane);
			double mx = 0; for (int i = 0; i < f.data().length; i++) mx = Math.max(mx, Math.abs(f.data()[i] - plain.data()[i]));
			System.out.printf("fp32 path vs plain: %.2e%n", mx);
		}
		Map<String, List<Double>> t = new LinkedHashMap<>();
		List<String> order = new ArrayList<>();
		order.add("fp32 (project)"); order.add("fp32-blocked (project)");
		for (String n : nets) order.add(n);
		for (String n : l2) order.add(n);
		for (String n : order) t.put(n, new ArrayList<>());
		for (int r = 0; r < rounds; r++) {
			for (String n : order) {
				List<Double> ts = new ArrayList<>();
				for (int i = 0; i < reps + 1; i++) {
					long t0 = System.nanoTime();
					if (n.startsWith("fp32 ")) fp32.upscale(plane);
					else if (n.startsWith("fp32-blocked")) blocked.upscale(plane);
					else try (PtNDManager s = (PtNDManager) m.newSubManager()) {
						PtSymbolBlock b = mods.get(n);
						PtNDArray y = fwd(b, n.startsWith("l2") ? h : x, s);
					}
					if (i > 0) ts.add((System.nanoTime() - t0) / 1e6);
				}
				t.get(n).add(median(ts));
			}
		}
		double base = median(t.get("fp32 (project)"));
		double l2base = median(t.get("l2direct"));
		System.out.printf("%n%dx%d tile, 1 thread, %d rounds x %d calls (median of round medians; each round's median)%n", side, side, rounds, reps);
		for (String n : order) {
			double md = median(t.get(n));
			StringBuilder sb = new StringBuilder();
			for (double v : t.get(n)) sb.append(String.format(" %.2f", v));
			System.out.printf("%-24s %8.2f ms  %5.2fx fp32  %s  |%s%n", n, md, md / base,
				n.startsWith("l2") ? String.format("%5.2fx l2direct", md / l2base) : "               ", sb);
		}
		model.close();
	}
}
