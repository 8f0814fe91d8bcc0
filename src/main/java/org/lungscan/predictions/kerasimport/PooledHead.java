package org.lungscan.predictions.kerasimport;

/**
 * A network's head of global average pooling followed by one dense layer (dropout between is
 * allowed: it does nothing at inference): its output for class {@code c} is {@code softmax(b[c] +
 * sum_k W[k][c] * mean(A_k))}, where {@code A} is the result of {@code featureLayer}. So the class
 * activation map {@code sum_k W[k][c] * A_k(y, x)} is exactly where the evidence for {@code c}
 * sits.
 *
 * @param featureLayer the layer whose result the pooling averages
 * @param channelsLast whether that result is {@code [batch, h, w, channels]} (else {@code [batch,
 *     channels, h, w]})
 * @param weights the dense layer's weights, {@code [channels][classes]}
 * @param bias the dense layer's bias, {@code [classes]}
 */
public record PooledHead(
    String featureLayer, boolean channelsLast, float[][] weights, float[] bias) {

  public int channels() {
    return weights.length;
  }

  public int classes() {
    return bias.length;
  }
}
