package org.lungscan.predictions.inference;

import java.util.logging.Logger;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Sets how many native threads one forward pass may use. These are process-wide ND4J settings (its op
 * thread pool, OpenMP and the BLAS library each have their own), so the last queue created decides.
 */
final class NativeThreads {

    private static final Logger LOG = Logger.getLogger(NativeThreads.class.getName());

    private NativeThreads() {
    }

    static void limitTo(int threads) {
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        LOG.fine(() -> "native threads per forward pass: " + threads);
    }
}
