package org.nd4j.nativeblas;

/**
 * Compatibility shim, not LungScan code: Deeplearning4j 1.0.0-M2.1's oneDNN layer helpers look for
 * this class to ask whether oneDNN is in use, but nd4j-native M2.1 moved it to {@code
 * org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu} and renamed the method. Without it every
 * convolution runs through Deeplearning4j's slow im2col path. Remove when upgrading past M2.1.
 */
public final class Nd4jCpu {

  private Nd4jCpu() {}

  /** The one method the helpers call. */
  public static final class Environment {

    private static final Environment INSTANCE = new Environment();

    private Environment() {}

    public static Environment getInstance() {
      return INSTANCE;
    }

    public boolean isUseMKLDNN() {
      return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
    }
  }
}
