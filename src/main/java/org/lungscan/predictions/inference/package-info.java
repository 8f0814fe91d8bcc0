/**
 * LungScan's inference engine: {@link org.lungscan.predictions.inference.LungModel} (model + card +
 * status), {@link org.lungscan.predictions.inference.ScanPreprocessor} (image to tensor, as the
 * training script did) and {@link org.lungscan.predictions.inference.InferenceQueue} (bounded,
 * batching, with deadlines), plain Java.
 *
 * <p>Rules: a library, with no CDI, JPA or web: the predictions feature wraps it; networks are not
 * thread-safe, so each of the queue's workers runs its own copy.
 *
 * <p>Imports only the Keras import ({@code predictions.kerasimport}) of the product.
 *
 * <p>Speed: Deeplearning4j 1.0.0-M2.1 runs convolutions as im2col, copies and a matrix product
 * unless a oneDNN layer helper takes over, and it only does when (1) nd4j-native is a {@code
 * -onednn} build, (2) {@code org.eclipse.deeplearning4j.helpers.disable=false} ({@code
 * LungModel.load} sets it unless someone did) and (3) the class {@code org.nd4j.nativeblas.Nd4jCpu}
 * exists (a shim: M2.1 moved it). With all three the demo model answers in about 1.5 ms instead of
 * 11 ms, a 224x224x3 CNN in about 25 ms instead of 145 ms ({@code mvn -q -Pbenchmark}); {@code
 * NativeBackend} logs at load whether the helpers are on.
 */
package org.lungscan.predictions.inference;
