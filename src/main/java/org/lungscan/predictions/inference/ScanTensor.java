package org.lungscan.predictions.inference;

import java.util.Arrays;

/**
 * One preprocessed image, ready for the model: float32 values, height x width x channels, channels
 * last.
 */
public final class ScanTensor {

  private final int height;
  private final int width;
  private final int channels;
  private final float[] values;

  private ScanTensor(int height, int width, int channels, float[] values) {
    if ((long) height * width * channels != values.length) {
      throw new IllegalArgumentException(
          values.length
              + " values do not make a "
              + height
              + "x"
              + width
              + "x"
              + channels
              + " tensor");
    }
    this.height = height;
    this.width = width;
    this.channels = channels;
    this.values = values;
  }

  /**
   * @param values row-major, channels interleaved ({@code [h][w][c]}); copied
   */
  public static ScanTensor of(int height, int width, int channels, float[] values) {
    return new ScanTensor(height, width, channels, values.clone());
  }

  /** Takes ownership of {@code values} (no copy): for this package's own freshly made arrays. */
  static ScanTensor wrap(int height, int width, int channels, float[] values) {
    return new ScanTensor(height, width, channels, values);
  }

  public int height() {
    return height;
  }

  public int width() {
    return width;
  }

  public int channels() {
    return channels;
  }

  /** A copy of the values, {@code [h][w][c]} row-major. */
  public float[] values() {
    return values.clone();
  }

  /**
   * Copies the values into {@code target} at {@code offset} (to stack a batch without extra
   * copies).
   */
  void copyTo(float[] target, int offset) {
    System.arraycopy(values, 0, target, offset, values.length);
  }

  int size() {
    return values.length;
  }

  boolean hasShape(int h, int w, int c) {
    return height == h && width == w && channels == c;
  }

  @Override
  public String toString() {
    return "ScanTensor[" + height + "x" + width + "x" + channels + "]";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ScanTensor that
        && hasShape(that.height, that.width, that.channels)
        && Arrays.equals(values, that.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }
}
