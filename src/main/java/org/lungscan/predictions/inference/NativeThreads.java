package org.lungscan.predictions.inference;

import java.util.logging.Logger;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * How many native threads one forward pass may use. ND4J has three thread settings: its op thread
 * pool and the BLAS library are process-wide, while OpenMP (used by oneDNN and by ND4J's own loops)
 * is per calling thread, so each worker sets it for itself. Measured on 2 cores
 * (INFERENCE-NOTES.md): with Deeplearning4j's oneDNN layer helpers on, the op pool is best kept at
 * 1 (its spinning threads slow oneDNN's OpenMP team down: 224x224x3 forward pass 20 ms instead of
 * 29-38 ms); without them, the op pool runs im2col and needs every thread.
 */
final class NativeThreads {

  private static final Logger LOG = Logger.getLogger(NativeThreads.class.getName());

  private NativeThreads() {}

  /** The process-wide part: ND4J's op pool and BLAS. The last queue created decides. */
  static void limitProcess(int threads) {
    boolean helpers = NativeBackend.acceleration().layerHelpersEngage();
    int pool = helpers ? 1 : threads;
    Nd4j.getEnvironment().setMaxThreads(pool);
    Nd4j.getEnvironment().setMaxMasterThreads(pool);
    Nd4j.factory().blas().setMaxThreads(threads);
    LOG.fine(() -> "native threads per forward pass: " + threads + " (op pool " + pool + ")");
  }

  /**
   * The calling thread's OpenMP team size; each worker calls it for itself before its first pass.
   */
  static void limitThisThread(int threads) {
    NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
  }
}
