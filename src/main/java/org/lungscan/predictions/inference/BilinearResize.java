package org.lungscan.predictions.inference;

/**
 * TensorFlow's {@code tf.image.resize(images, size, method="bilinear", antialias=False)} (the
 * {@code ResizeBilinear} kernel with half-pixel centers), in float32 as TensorFlow computes it:
 * output pixel {@code d} samples the source at {@code (d + 0.5) * in / out - 0.5}; the two
 * neighbours are that value's floor and ceiling, each clamped to the image, weighted by its
 * fractional part.
 */
final class BilinearResize {

  private BilinearResize() {}

  /** Resizes a row-major, channels-interleaved image to {@code outHeight} x {@code outWidth}. */
  static float[] resize(
      float[] source, int height, int width, int channels, int outHeight, int outWidth) {
    Samples rows = Samples.of(height, outHeight);
    Samples columns = Samples.of(width, outWidth);
    float[] out = new float[outHeight * outWidth * channels];
    int i = 0;
    for (int y = 0; y < outHeight; y++) {
      int top = rows.lower[y] * width;
      int bottom = rows.upper[y] * width;
      for (int x = 0; x < outWidth; x++) {
        int left = columns.lower[x];
        int right = columns.upper[x];
        for (int c = 0; c < channels; c++) {
          out[i++] =
              lerp(
                  source[(top + left) * channels + c],
                  source[(top + right) * channels + c],
                  source[(bottom + left) * channels + c],
                  source[(bottom + right) * channels + c],
                  columns.weight[x],
                  rows.weight[y]);
        }
      }
    }
    return out;
  }

  private static float lerp(
      float topLeft,
      float topRight,
      float bottomLeft,
      float bottomRight,
      float xWeight,
      float yWeight) {
    float top = topLeft + (topRight - topLeft) * xWeight;
    float bottom = bottomLeft + (bottomRight - bottomLeft) * xWeight;
    return top + (bottom - top) * yWeight;
  }

  /**
   * For each output position along one axis: the two source positions and the weight of the second.
   */
  private record Samples(int[] lower, int[] upper, float[] weight) {

    static Samples of(int inSize, int outSize) {
      float scale = (float) inSize / outSize;
      int[] lower = new int[outSize];
      int[] upper = new int[outSize];
      float[] weight = new float[outSize];
      for (int d = 0; d < outSize; d++) {
        float in = ((float) d + 0.5f) * scale - 0.5f;
        float floor = (float) Math.floor(in);
        lower[d] = Math.max((int) floor, 0);
        upper[d] = Math.min((int) Math.ceil(in), inSize - 1);
        weight[d] = in - floor;
      }
      return new Samples(lower, upper, weight);
    }
  }
}
