package io.github.espcnfiji.model;

import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.PlaneUpscaler;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Issue 16's Winograd probe (scripts/winograd-probe/run.sh): the plugin's fp32 path (its
 * FastUpscaler, the whole plane as one tile on one worker) called CALLS times on a tile that
 * save.py wrote, printing each call's wall time between PROFILE-START and PROFILE-END, so that
 * oneDNN's own times of the same calls (ONEDNN_VERBOSE=1) can be set against it (profile.py).
 * <p>
 * args: FOLDER SIDE CALLS MODEL_FOLDER MODE
 */
public class FpProfile {
	public static void main(String[] a) throws Exception {
		int side = Integer.parseInt(a[1]), n = Integer.parseInt(a[2]);
		byte[] raw = Files.readAllBytes(Path.of(a[0] + "/tile" + side + ".f32"));
		float[] px = new float[side * side];
		ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(px);
		FloatPlane plane = new FloatPlane(px, side, side);
		try (EspcnModel model = ModelFiles.load(Path.of(a[3]))) {
			java.lang.reflect.Method fast = EspcnModel.class.getDeclaredMethod("fastUpscaler",
				InferenceMode.class);
			fast.setAccessible(true);
			PlaneUpscaler fp32 = (PlaneUpscaler) fast.invoke(model, InferenceMode.parse(a[4]));
			for (int i = 0; i < 5; i++) fp32.upscale(plane);
			double[] t = new double[n];
			System.out.println("PROFILE-START");
			for (int i = 0; i < n; i++) {
				long t0 = System.nanoTime();
				fp32.upscale(plane);
				t[i] = (System.nanoTime() - t0) / 1e6;
				System.out.printf("WALL %.3f%n", t[i]);
			}
			System.out.println("PROFILE-END");
			Arrays.sort(t);
			System.out.printf("wall per call: median %.2f ms, min %.2f ms%n", t[n / 2], t[0]);
		}
		System.exit(0);
	}
}
