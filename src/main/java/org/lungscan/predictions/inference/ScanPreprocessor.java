package org.lungscan.predictions.inference;

import java.awt.image.BufferedImage;

/**
 * Turns a decoded scan into the tensor its model card describes, computing what the training
 * script's TensorFlow pipeline computes: decode to 1 or 3 channels of 8 bits ({@link
 * DecodedPixels}), cast to float32, bilinear resize with half-pixel centers ({@link
 * BilinearResize}), then {@code v * scale + offset}. Thread-safe (holds only the card).
 */
public final class ScanPreprocessor {

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
    DecodedPixels pixels =
        DecodedPixels.of(image, input.channels(), preprocessing.grayscaleWeights());
    float[] values =
        BilinearResize.resize(
            pixels.values(),
            pixels.height(),
            pixels.width(),
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
}
