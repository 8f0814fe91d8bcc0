package org.lungscan.predictions.inference;

import java.awt.image.BufferedImage;

/**
 * Turns a decoded scan into the tensor its model card describes, computing what the training
 * script's TensorFlow pipeline computes: decode to 1 or 3 channels of 8 bits ({@link
 * DecodedPixels}), cast to float32, bilinear resize with half-pixel centers ({@link
 * BilinearResize}), then {@code v * scale + offset}. Only the rows and columns the resize reads are
 * converted, so the work beside the decoded image is a few output sizes, not the scan's size.
 * Thread-safe (holds only the card).
 */
public final class ScanPreprocessor {

  /**
   * Which pixels of a scan a decode may keep and still give exactly the tensor of the whole scan:
   * every {@code step}-th column (row) from {@code offset}. A step of 1 keeps everything.
   */
  public record Subsampling(int stepX, int offsetX, int stepY, int offsetY) {}

  private final ModelCard card;

  public ScanPreprocessor(ModelCard card) {
    this.card = card;
  }

  /**
   * @param image any image ImageIO decodes from PNG or JPEG (gray 8/16-bit, RGB, RGBA, palette)
   */
  public ScanTensor preprocess(BufferedImage image) {
    ModelCard.Input input = card.input();
    ModelCard.Preprocessing preprocessing = card.preprocessing();
    int[] rows = BilinearResize.sourcePositions(image.getHeight(), input.height());
    int[] columns = BilinearResize.sourcePositions(image.getWidth(), input.width());
    DecodedPixels pixels =
        DecodedPixels.of(image, input.channels(), preprocessing.grayscaleWeights(), rows, columns);
    float[] values =
        BilinearResize.resize(
            pixels.values(),
            rows,
            columns,
            image.getHeight(),
            image.getWidth(),
            pixels.channels(),
            input.height(),
            input.width());
    float scale = (float) preprocessing.scale();
    float offset = (float) preprocessing.offset();
    for (int i = 0; i < values.length; i++) {
      values[i] = values[i] * scale + offset;
    }
    return ScanTensor.wrap(input.height(), input.width(), input.channels(), values);
  }

  /**
   * The subsampling of a {@code width} x {@code height} scan that {@link #preprocess} turns into
   * the same tensor as the whole scan, to the bit.
   *
   * <p>It holds along an axis whose size is an odd multiple {@code k} of the model's: the resize
   * then samples source position {@code d * k + (k - 1) / 2} exactly (in float32 too, as every
   * value involved is a whole or half number far below 2^24), with weight 0, so only every {@code
   * k}-th pixel from {@code (k - 1) / 2} is read, and the kept image, exactly the model's size, is
   * resized by the identity. It does not hold for an even multiple (each output is the mean of two
   * neighbours), nor for any other ratio (weights depend on the position, and every pixel in the
   * two sampled rows and columns counts): those axes are decoded whole.
   */
  public Subsampling exactSubsampling(int width, int height) {
    int stepX = oddRatio(width, card.input().width());
    int stepY = oddRatio(height, card.input().height());
    return new Subsampling(stepX, (stepX - 1) / 2, stepY, (stepY - 1) / 2);
  }

  private static int oddRatio(int size, int modelSize) {
    int ratio = size / modelSize;
    return size % modelSize == 0 && ratio % 2 == 1 ? ratio : 1;
  }
}
