package org.lungscan.scans.images;

/**
 * Which pixels of an image a decode keeps: every {@code step}-th column and row, starting at the
 * offsets. The decoder still reads all of the compressed data; only the kept pixels take memory.
 */
public record Sampling(int stepX, int offsetX, int stepY, int offsetY) {

  /** Picks the sampling for an image once its size is known. */
  @FunctionalInterface
  public interface Rule {
    Sampling forImage(int width, int height);
  }

  public Sampling {
    if (stepX < 1 || stepY < 1 || offsetX < 0 || offsetY < 0) {
      throw new IllegalArgumentException("Steps are positive and offsets not negative.");
    }
    if (offsetX >= stepX || offsetY >= stepY) {
      throw new IllegalArgumentException("An offset is smaller than its step.");
    }
  }

  public static Sampling everyPixel() {
    return new Sampling(1, 0, 1, 0);
  }

  /** Every pixel, whatever the image's size. */
  public static Rule whole() {
    return (width, height) -> everyPixel();
  }

  /**
   * The same step across and down, the smallest that keeps at most {@code maxPixels}; the offsets
   * keep the last row and column, so no decoder may stop before the end of the data.
   */
  public static Rule keepingAtMost(long maxPixels) {
    if (maxPixels < 1) {
      throw new IllegalArgumentException("maxPixels must be positive.");
    }
    return (width, height) -> {
      int step = 1;
      while (ceilDiv(width, step) * ceilDiv(height, step) > maxPixels) {
        step++;
      }
      return new Sampling(step, (width - 1) % step, step, (height - 1) % step);
    };
  }

  public boolean keepsEveryPixel() {
    return stepX == 1 && stepY == 1;
  }

  public int keptWidth(int width) {
    return (int) ceilDiv(width - offsetX, stepX);
  }

  public int keptHeight(int height) {
    return (int) ceilDiv(height - offsetY, stepY);
  }

  public long keptPixels(int width, int height) {
    return (long) keptWidth(width) * keptHeight(height);
  }

  private static long ceilDiv(long value, long divisor) {
    return (value + divisor - 1) / divisor;
  }
}
