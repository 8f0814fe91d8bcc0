package org.lungscan.scans.images;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rows of 8-bit grey and JPEG-colour images are read straight as bytes; every other image
 * through Java2D's colour model. Both must average the same pixels to the same thumbnail.
 */
class AreaAveragingTest {

  @ParameterizedTest
  @ValueSource(ints = {BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_3BYTE_BGR})
  void readsRowsAsBytesExactlyAsThroughTheColourModel(int type) {
    BufferedImage bytes = randomImage(type, 731, 389);
    BufferedImage general = new BufferedImage(731, 389, BufferedImage.TYPE_INT_RGB);
    general.getGraphics().drawImage(bytes, 0, 0, null);

    BufferedImage fromBytes = AreaAveraging.shrink(bytes, 256, 136);
    BufferedImage fromColourModel = AreaAveraging.shrink(general, 256, 136);

    for (int y = 0; y < 136; y++) {
      for (int x = 0; x < 256; x++) {
        assertEquals(
            fromColourModel.getRGB(x, y) & 0xFFFFFF,
            fromBytes.getRGB(x, y) & 0xFFFFFF,
            "pixel " + x + "," + y);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5, 390})
  void eachPixelIsTheMeanOfTheAreaItCovers(int factor) {
    BufferedImage grey = randomImage(BufferedImage.TYPE_BYTE_GRAY, 390 * 2, 390);
    int width = grey.getWidth() / factor;
    int height = grey.getHeight() / factor;

    BufferedImage shrunk = AreaAveraging.shrink(grey, width, height);

    for (int y = 0; y < height; y += Math.max(1, height / 7)) {
      for (int x = 0; x < width; x += Math.max(1, width / 7)) {
        long sum = 0;
        for (int dy = 0; dy < factor; dy++) {
          for (int dx = 0; dx < factor; dx++) {
            sum += grey.getRaster().getSample(x * factor + dx, y * factor + dy, 0);
          }
        }
        double mean = (double) sum / (factor * factor);
        assertEquals(mean, shrunk.getRaster().getSample(x, y, 0), 0.51, "pixel " + x + "," + y);
      }
    }
  }

  private static BufferedImage randomImage(int type, int width, int height) {
    BufferedImage image = new BufferedImage(width, height, type);
    Random random = new Random(width * 31L + type);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, random.nextInt());
      }
    }
    return image;
  }
}
