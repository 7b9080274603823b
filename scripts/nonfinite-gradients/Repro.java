/*
 * Non-finite gradient probe (docs/NONFINITE-GRADIENTS.md): the paper's ESPCN convolutions (x3:
 * 1->64 5x5, 64->32 3x3, 32->9 3x3, tanh between) on fresh random tensors through DJL's PyTorch
 * engine, MSE, backward twice per step; counts steps with a non-finite gradient and steps whose
 * two computations differ bit for bit. Usage: java -cp CP:. Repro STEPS [BATCH] [PATCH]
 * -Dthr=N: libtorch threads (default 1); -Dnomkl=true: at::Context::setUserEnabledMkldnn(false)
 * through JNA, so that convolutions take libtorch's native path instead of oneDNN.
 */
import ai.djl.engine.Engine;
import ai.djl.ndarray.*;
import ai.djl.ndarray.types.*;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import java.util.*;

public class Repro {
  public static void main(String[] a) throws Exception {
    System.setProperty("ai.djl.offline", "true");
    int steps = Integer.parseInt(a[0]);
    int batch = a.length > 1 ? Integer.parseInt(a[1]) : 16;
    int p = a.length > 2 ? Integer.parseInt(a[2]) : 17;
    int r2 = 9;
    Engine e = Engine.getEngine("PyTorch");
    ai.djl.pytorch.jni.JniUtils.setNumThreads(Integer.getInteger("thr", 1));
    if (Boolean.getBoolean("nomkl")) {
      Engine.getEngine("PyTorch"); // loads libtorch (DJL unpacks it under ~/.djl.ai/pytorch)
      java.io.File dir = new java.io.File(System.getProperty("user.home"), ".djl.ai/pytorch");
      java.io.File so = null;
      for (java.io.File d : dir.listFiles()) if (new java.io.File(d, "libtorch_cpu.so").isFile()) so = new java.io.File(d, "libtorch_cpu.so");
      com.sun.jna.NativeLibrary lib = com.sun.jna.NativeLibrary.getInstance(so.getPath());
      com.sun.jna.Pointer ctx = lib.getFunction("_ZN2at13globalContextEv").invokePointer(new Object[0]);
      lib.getFunction("_ZN2at7Context20setUserEnabledMkldnnEb").invokeVoid(new Object[] { ctx, false });
      System.out.println("mkldnn disabled: " + lib.getFunction("_ZNK2at7Context17userEnabledMkldnnEv").invokeInt(new Object[] { ctx }));
    }
    Random rnd = new Random(1);
    try (NDManager m = NDManager.newBaseManager()) {
      int[][] sh = {{64,1,5,5},{32,64,3,3},{r2,32,3,3}};
      NDArray[] w = new NDArray[3], b = new NDArray[3];
      for (int i = 0; i < 3; i++) {
        w[i] = m.randomNormal(0, 0.05f, new Shape(sh[i][0],sh[i][1],sh[i][2],sh[i][3]), DataType.FLOAT32);
        b[i] = m.zeros(new Shape(sh[i][0]));
        w[i].setRequiresGradient(true); b[i].setRequiresGradient(true);
      }
      int bad = 0, differ = 0; int[] badParam = new int[6];
      long t0 = System.nanoTime();
      for (int s = 0; s < steps; s++) {
        try (NDManager sm = m.newSubManager()) {
          NDArray x = sm.randomUniform(0, 1, new Shape(batch,1,p,p));
          NDArray y = sm.randomUniform(0, 1, new Shape(batch,r2,p,p));
          float[][] first = null;
          for (int rep = 0; rep < 2; rep++) {
          try (GradientCollector gc = e.newGradientCollector()) {
            NDArray h = x;
            for (int i = 0; i < 3; i++) {
              h = Conv2d.conv2d(h, w[i], b[i], new Shape(1,1), new Shape(sh[i][2]/2, sh[i][3]/2), new Shape(1,1), 1).singletonOrThrow();
              if (i < 2) h = h.tanh();
            }
            NDArray l = h.sub(y).square().mean();
            gc.backward(l);
          }
          boolean ok = true;
          float[][] g6 = new float[6][];
          for (int i = 0; i < 6; i++) {
            NDArray arr = i % 2 == 0 ? w[i/2] : b[i/2];
            try (NDArray g = arr.getGradient()) {
              g6[i] = g.toFloatArray();
              for (float f : g6[i]) if (!Float.isFinite(f)) { ok = false; }
              if (!ok) badParam[i]++;
              g.set(new ai.djl.ndarray.index.NDIndex(":"), 0f);
            }
          }
          if (!ok) { bad++; System.out.println("nonfinite at step " + s + " rep " + rep); }
          if (rep == 0) first = g6;
          else for (int i = 0; i < 6; i++) if (!Arrays.equals(first[i], g6[i])) { differ++; System.out.println("differ step " + s + " param " + i); break; }
          }
        }
      }
      double ms = (System.nanoTime() - t0) / 1e6 / steps;
      System.out.printf("steps=%d batch=%d patch=%d nonfinite=%d differ=%d perParam=%s ms/step=%.2f%n", steps, batch, p, bad, differ, Arrays.toString(badParam), ms);
    }
  }
}
