package org.lungscan.predictions.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.logging.Logger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class ScanPreprocessorTest {

  private static final Logger LOG = Logger.getLogger(ScanPreprocessorTest.class.getName());

  private static final ModelCard GRAY_64 =
      ModelCard.defaultsFor("gray", new ModelCard.Input(64, 64, 1), 3);
  private static final ModelCard RGB_4 =
      ModelCard.defaultsFor("rgb", new ModelCard.Input(4, 4, 3), 3);

  @Test
  void referencePngsBecomeExactlyWhatKerasWasFed() throws IOException {
    INDArray expected = ReferenceBatch.input();
    ScanPreprocessor preprocessor = new ScanPreprocessor(GRAY_64);
    List<BufferedImage> images = ReferenceBatch.images();
    double max = 0;
    for (int i = 0; i < images.size(); i++) {
      float[] actual = preprocessor.preprocess(images.get(i)).values();
      float[] keras = ReferenceBatch.inputRow(expected, i).values();
      for (int j = 0; j < keras.length; j++) {
        max = Math.max(max, Math.abs(actual[j] - keras[j]));
      }
    }
    double maxDifference = max;
    LOG.info(() -> "preprocessing vs input.npy: max |difference| = " + maxDifference);
    assertEquals(6, images.size());
    assertTrue(max <= 1e-6, "max difference " + max);
  }

  @Test
  void bilinearResizeUsesHalfPixelCentersAndClampsAtTheEdges() {
    // 1x4 -> 1x2: scale 2, samples at 0.5 and 2.5: halfway between neighbours.
    float[] row = {0, 10, 20, 40};
    assertArrayEquals(new float[] {5, 30}, BilinearResize.resize(row, 1, 4, 1, 1, 2));
    // 1x2 -> 1x4: scale 0.5, samples at -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1).
    float[] two = {0, 100};
    assertArrayEquals(new float[] {0, 25, 75, 100}, BilinearResize.resize(two, 1, 2, 1, 1, 4));
    // 3x3 -> 2x2: scale 1.5, samples at 0.25 and 1.75 in both directions.
    float[] grid = {0, 1, 2, 3, 4, 5, 6, 7, 8};
    assertArrayEquals(
        new float[] {1.0f, 2.5f, 5.5f, 7.0f}, BilinearResize.resize(grid, 3, 3, 1, 2, 2), 1e-6f);
  }

  @Test
  void resizeKeepsChannelsApartAndSameSizeIsACopy() {
    float[] rgb = {1, 2, 3, 5, 6, 7};
    assertArrayEquals(new float[] {3, 4, 5}, BilinearResize.resize(rgb, 1, 2, 3, 1, 1));
    assertArrayEquals(rgb, BilinearResize.resize(rgb, 1, 2, 3, 1, 2));
  }

  @Test
  void scaleAndOffsetApplyAfterResizing() {
    ModelCard card =
        withScale(ModelCard.defaultsFor("m", new ModelCard.Input(1, 1, 1), 2), 2.0 / 255, -1.0);
    BufferedImage image = gray(new int[] {0, 255}, 2, 1);
    float[] values = new ScanPreprocessor(card).preprocess(image).values();
    assertEquals(127.5f * (float) (2.0 / 255) - 1f, values[0], 1e-7f);
  }

  @Test
  void rgbToGrayIsLibpngFixedPointAsTensorFlowDecodesIt() {
    BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_INT_RGB);
    image.setRGB(0, 0, new Color(255, 0, 0).getRGB());
    image.setRGB(1, 0, new Color(10, 200, 30).getRGB());
    image.setRGB(2, 0, new Color(77, 77, 77).getRGB());
    float[] gray = DecodedPixels.of(image, 1, ModelCard.Preprocessing.BT601).values();
    // (9797 R + 19234 G + 3737 B) >> 15, truncated; equal R, G, B kept as they are.
    assertArrayEquals(
        new float[] {(9797 * 255) >> 15, (9797 * 10 + 19234 * 200 + 3737 * 30) >> 15, 77}, gray);
  }

  @Test
  void imagesOfEveryKindImageIoProducesDecodeTheSame() throws IOException {
    int[] levels = {0, 17, 128, 255};
    float[] expected = {0, 17, 128, 255};
    BufferedImage gray8 = gray(levels, 2, 2);
    assertArrayEquals(expected, decodeGray(gray8));
    assertArrayEquals(expected, decodeGray(pngRoundTrip(gray8)));
    assertArrayEquals(expected, decodeGray(gray16(levels)));
    assertArrayEquals(expected, decodeGray(pngRoundTrip(gray16(levels))));
    assertArrayEquals(expected, decodeGray(rgbOf(levels, BufferedImage.TYPE_3BYTE_BGR)));
    assertArrayEquals(
        expected, decodeGray(pngRoundTrip(rgbOf(levels, BufferedImage.TYPE_4BYTE_ABGR))));
    assertArrayEquals(expected, decodeGray(rgbOf(levels, BufferedImage.TYPE_INT_ARGB)));
    assertArrayEquals(expected, decodeGray(palette(levels)));
    assertArrayEquals(expected, decodeGray(pngRoundTrip(palette(levels))));
  }

  @Test
  void grayFeedsAnRgbModelInAllThreeChannels() {
    float[] values =
        new ScanPreprocessor(withScale(RGB_4, 1, 0)).preprocess(gray(new int[] {9}, 1, 1)).values();
    assertEquals(4 * 4 * 3, values.length);
    for (float value : values) {
      assertEquals(9f, value);
    }
  }

  @Test
  void alphaIsIgnoredNotComposited() {
    BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
    image.setRGB(0, 0, new Color(100, 150, 200, 0).getRGB());
    assertArrayEquals(
        new float[] {100, 150, 200},
        DecodedPixels.of(image, 3, ModelCard.Preprocessing.BT601).values());
  }

  private static float[] decodeGray(BufferedImage image) {
    return DecodedPixels.of(image, 1, ModelCard.Preprocessing.BT601).values();
  }

  private static ModelCard withScale(ModelCard card, double scale, double offset) {
    ModelCard.Preprocessing p = card.preprocessing();
    return new ModelCard(
        card.name(),
        card.version(),
        card.demo(),
        card.labels(),
        card.cancerLabels(),
        card.output(),
        card.input(),
        new ModelCard.Preprocessing(p.color(), p.resize(), scale, offset, p.grayscaleWeights()),
        card.intendedUse(),
        card.trainingData(),
        card.metrics(),
        card.fromFile());
  }

  private static BufferedImage gray(int[] levels, int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    image.getRaster().setPixels(0, 0, width, height, levels);
    return image;
  }

  /** 16-bit gray with low bytes that TensorFlow's 8-bit decode drops. */
  private static BufferedImage gray16(int[] levels) {
    BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_USHORT_GRAY);
    int[] wide = new int[levels.length];
    for (int i = 0; i < levels.length; i++) {
      wide[i] = levels[i] << 8 | 0xC7;
    }
    image.getRaster().setPixels(0, 0, 2, 2, wide);
    return image;
  }

  private static BufferedImage rgbOf(int[] levels, int type) {
    BufferedImage image = new BufferedImage(2, 2, type);
    for (int i = 0; i < levels.length; i++) {
      image.setRGB(i % 2, i / 2, new Color(levels[i], levels[i], levels[i], 128).getRGB());
    }
    return image;
  }

  private static BufferedImage palette(int[] levels) {
    byte[] gray = new byte[levels.length];
    for (int i = 0; i < levels.length; i++) {
      gray[i] = (byte) levels[i];
    }
    IndexColorModel model = new IndexColorModel(2, levels.length, gray, gray, gray);
    BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_BINARY, model);
    WritableRaster raster = image.getRaster();
    raster.setPixels(0, 0, 2, 2, new int[] {0, 1, 2, 3});
    return image;
  }

  private static BufferedImage pngRoundTrip(BufferedImage image) throws IOException {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    assertTrue(ImageIO.write(image, "png", png));
    return ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
  }
}
