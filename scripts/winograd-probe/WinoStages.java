package io.github.espcnfiji.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;

import java.util.*;

/**
 * Issue 16's Winograd probe (scripts/winograd-probe/run.sh): the ATen Winograd layer 2 stage by
 * stage (save.py's Stages module) in DJL's libtorch 2.7.1, one thread, on a random (SIDE, SIDE, 64)
 * input. args: FOLDER SIDE CALLS
 */
public class WinoStages {
	public static void main(String[] a) throws Exception {
		DjlRuntime.call(() -> { run(a); return null; });
		System.exit(0);
	}

	static PtNDManager m;
	static PtSymbolBlock b;

	static PtNDArray call(String method, Object... args) {
		IValue[] in = new IValue[args.length];
		for (int i = 0; i < args.length; i++)
			in[i] = args[i] instanceof PtNDArray ? IValue.from((PtNDArray) args[i]) : IValue.from(((Integer) args[i]).longValue());
		try (IValue out = IValueUtils.runMethod(b, method, in)) {
			return out.toTensor(m);
		}
		finally {
			for (IValue v : in) v.close();
		}
	}

	static void run(String[] args) throws Exception {
		int side = Integer.parseInt(args[1]), reps = Integer.parseInt(args[2]);
		Engine.getInstance();
		JniUtils.setNumThreads(1);
		JniUtils.setGraphExecutorOptimize(false);
		m = (PtNDManager) NDManager.newBaseManager();
		PtNDArray h = (PtNDArray) m.randomUniform(-1, 1, new Shape(side, side, 64));
		for (int mm : new int[] { 2, 4 }) {
			b = WinoHarness.load(m, args[0] + "/stages" + mm + ".pt");
			int Th = (side + mm - 1) / mm, Tw = Th;
			String[] names = { "pad", "gather_rows", "rows (matmul)", "gather_cols", "cols (matmul)", "gemm (bmm)", "out_q", "out_p", "interleave+bias+tanh" };
			double[][] t = new double[names.length][reps];
			for (int r = 0; r < reps; r++) {
				PtNDArray[] v = new PtNDArray[names.length];
				long t0 = System.nanoTime();
				v[0] = call("pad", h); long t1 = System.nanoTime(); t[0][r] = (t1 - t0) / 1e6;
				v[1] = call("gather_rows", v[0]); t0 = System.nanoTime(); t[1][r] = (t0 - t1) / 1e6;
				v[2] = call("rows", v[1]); t1 = System.nanoTime(); t[2][r] = (t1 - t0) / 1e6;
				v[3] = call("gather_cols", v[2]); t0 = System.nanoTime(); t[3][r] = (t0 - t1) / 1e6;
				v[4] = call("cols", v[3]); t1 = System.nanoTime(); t[4][r] = (t1 - t0) / 1e6;
				v[5] = call("gemm", v[4], Th * Tw); t0 = System.nanoTime(); t[5][r] = (t0 - t1) / 1e6;
				v[6] = call("out_q", v[5]); t1 = System.nanoTime(); t[6][r] = (t1 - t0) / 1e6;
				v[7] = call("out_p", v[6]); t0 = System.nanoTime(); t[7][r] = (t0 - t1) / 1e6;
				v[8] = call("interleave", v[7], Th, Tw, side, side); t1 = System.nanoTime(); t[8][r] = (t1 - t0) / 1e6;
				for (PtNDArray x : v) x.close();
			}
			System.out.printf("F(%dx%d,3x3) on %dx%dx64, 1 thread, median of %d:%n", mm, mm, side, side, reps);
			double sum = 0;
			for (int i = 0; i < names.length; i++) {
				Arrays.sort(t[i]);
				sum += t[i][reps / 2];
				System.out.printf("  %-24s %7.2f ms%n", names[i], t[i][reps / 2]);
			}
			System.out.printf("  %-24s %7.2f ms (GEMM %.3f GFLOP)%n", "sum", sum, 2.0 * (mm + 2) * (mm + 2) * Th * Tw * 64 * 32 / 1e9);
		}
	}
}
