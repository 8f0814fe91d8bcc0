/**
 * LungScan's inference engine: {@link org.lungscan.predictions.inference.LungModel} (model + card + status),
 * {@link org.lungscan.predictions.inference.ScanPreprocessor} (image to tensor, as the training script did) and
 * {@link org.lungscan.predictions.inference.InferenceQueue} (bounded, batching, with deadlines), plain Java.
 */
package org.lungscan.predictions.inference;
