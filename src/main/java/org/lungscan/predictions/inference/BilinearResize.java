package org.lungscan.predictions.inference;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * TensorFlow's {@code tf.image.resize(images, size, method="bilinear", antialias=False)} (the
 * {@code ResizeBilinear} kernel with half-pixel centers), in float32 as TensorFlow computes it:
 * output pixel {@code d} samples the source at {@code (d + 0.5) * in / out - 0.5}; the two
 * neighbours are that value's floor and ceiling, each clamped to the image, weighted by its
 * fractional part.
 *
 * <p>So an output reads at most two source rows and two source columns per output row and column
 * ({@link #sourcePositions}): given only those, the result is the same to the bit, which lets a
 * large scan be preprocessed without holding all of its pixels as floats.
 */
final class BilinearResize {

  private BilinearResize() {}

  /** Resizes a row-major, channels-interleaved image to {@code outHeight} x {@code outWidth}. */
  static float[] resize(
      float[] source, int height, int width, int channels, int outHeight, int outWidth) {
    return resize(
        source, every(height), every(width), height, width, channels, outHeight, outWidth);
  }

  /**
   * Resizes a {@code height} x {@code width} image of which only {@code rows} and {@code columns}
   * (each ascending, at least the {@link #sourcePositions} of their axis) are given in {@code
   * kept}, row-major, channels interleaved.
   */
  static float[] resize(
      float[] kept,
      int[] rows,
      int[] columns,
      int height,
      int width,
      int channels,
      int outHeight,
      int outWidth) {
    Samples down = Samples.of(height, outHeight).within(rows);
    Samples across = Samples.of(width, outWidth).within(columns);
    int keptWidth = columns.length;
    float[] out = new float[outHeight * outWidth * channels];
    int i = 0;
    for (int y = 0; y < outHeight; y++) {
      int top = down.lower[y] * keptWidth;
      int bottom = down.upper[y] * keptWidth;
      for (int x = 0; x < outWidth; x++) {
        int left = across.lower[x];
        int right = across.upper[x];
        for (int c = 0; c < channels; c++) {
          out[i++] =
              lerp(
                  kept[(top + left) * channels + c],
                  kept[(top + right) * channels + c],
                  kept[(bottom + left) * channels + c],
                  kept[(bottom + right) * channels + c],
                  across.weight[x],
                  down.weight[y]);
        }
      }
    }
    return out;
  }

  /** The source positions (rows or columns) the resize of one axis reads: ascending, distinct. */
  static int[] sourcePositions(int inSize, int outSize) {
    Samples samples = Samples.of(inSize, outSize);
    return IntStream.concat(Arrays.stream(samples.lower), Arrays.stream(samples.upper))
        .distinct()
        .sorted()
        .toArray();
  }

  private static int[] every(int size) {
    return IntStream.range(0, size).toArray();
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

    /** The same samples, positions counted among the {@code kept} ones. */
    Samples within(int[] kept) {
      return new Samples(indexesIn(kept, lower), indexesIn(kept, upper), weight);
    }

    private static int[] indexesIn(int[] kept, int[] positions) {
      int[] indexes = new int[positions.length];
      for (int i = 0; i < positions.length; i++) {
        indexes[i] = Arrays.binarySearch(kept, positions[i]);
        if (indexes[i] < 0) {
          throw new IllegalArgumentException("source position " + positions[i] + " not given");
        }
      }
      return indexes;
    }
  }
}
