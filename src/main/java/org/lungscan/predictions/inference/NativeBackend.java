package org.lungscan.predictions.inference;

import java.util.logging.Logger;
import org.deeplearning4j.config.DL4JClassLoading;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Which accelerations the running ND4J/Deeplearning4j can use, and switching on Deeplearning4j's
 * oneDNN layer implementations where they work. In 1.0.0-M2.1 those need three things: a native
 * library built with oneDNN (the {@code nd4j-native} classifiers {@code linux-x86_64-onednn*}; the
 * plain {@code linux-x86_64} has none), the system property {@value #HELPERS_DISABLED} set to false
 * (Deeplearning4j's default is true), and the class {@value #COMPATIBILITY_CLASS}, which
 * Deeplearning4j looks for and nd4j-native M2.1 no longer has. Without all three, convolutions run
 * as Java-orchestrated im2col + matrix product (see INFERENCE-NOTES.md).
 */
final class NativeBackend {

  static final String HELPERS_DISABLED = "org.eclipse.deeplearning4j.helpers.disable";
  static final String COMPATIBILITY_CLASS = "org.nd4j.nativeblas.Nd4jCpu$Environment";

  private static final Logger LOG = Logger.getLogger(NativeBackend.class.getName());

  private NativeBackend() {}

  /** What this process has; reading it initialises ND4J. */
  record Acceleration(
      boolean oneDnnLibrary, boolean compatibilityClass, boolean helpersAllowedByProperty) {

    boolean layerHelpersEngage() {
      return oneDnnLibrary && compatibilityClass && helpersAllowedByProperty;
    }

    @Override
    public String toString() {
      return "native library with oneDNN: "
          + yesNo(oneDnnLibrary)
          + "; "
          + COMPATIBILITY_CLASS
          + " present: "
          + yesNo(compatibilityClass)
          + "; "
          + HELPERS_DISABLED
          + "="
          + !helpersAllowedByProperty
          + " -> Deeplearning4j oneDNN layer helpers "
          + (layerHelpersEngage() ? "ON" : "OFF");
    }

    private static String yesNo(boolean value) {
      return value ? "yes" : "no";
    }
  }

  static Acceleration acceleration() {
    return new Acceleration(
        buildInfo().contains("HAVE_ONEDNN"),
        compatibilityClassPresent(),
        !Boolean.parseBoolean(System.getProperty(HELPERS_DISABLED, "true")));
  }

  /**
   * Allows Deeplearning4j's oneDNN layer helpers when they can work and nobody set the property.
   * Must run before networks are imported: layers pick their helper when they are created.
   */
  static void allowLayerHelpersWhereTheyWork() {
    Acceleration before = acceleration();
    if (before.oneDnnLibrary()
        && before.compatibilityClass()
        && System.getProperty(HELPERS_DISABLED) == null) {
      System.setProperty(HELPERS_DISABLED, "false");
    }
    Acceleration now = acceleration();
    LOG.info(() -> "inference acceleration: " + now);
  }

  static String buildInfo() {
    Nd4j.getEnvironment();
    return NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
  }

  private static boolean compatibilityClassPresent() {
    try {
      Class.forName(COMPATIBILITY_CLASS, false, DL4JClassLoading.getDl4jClassloader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
