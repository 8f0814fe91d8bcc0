package org.lungscan.predictions.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Iterator;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lungscan.scans.images.TestImages;

/**
 * A large scan is preprocessed without converting all of its pixels, and decoded subsampled only
 * where that gives the very tensor of the whole scan: both are checked against the plain
 * computation, to the bit.
 */
class LargeScanPreprocessingTest {

  private static final ModelCard GRAY_64 =
      ModelCard.defaultsFor("gray", new ModelCard.Input(64, 64, 1), 3);
  private static final ModelCard RGB_24x40 =
      ModelCard.defaultsFor("rgb", new ModelCard.Input(24, 40, 3), 3);

  static Stream<Arguments> scans() {
    return Stream.of(
        Arguments.of("grey, smaller than the model", TestImages.grey(7, 5)),
        Arguments.of("grey", TestImages.grey(301, 97)),
        Arguments.of("16-bit grey", TestImages.grey16(200, 150)),
        Arguments.of("RGB", TestImages.rgb(257, 333)),
        Arguments.of("RGBA", TestImages.rgba(128, 64)),
        Arguments.of("16-bit RGBA", TestImages.rgba16(99, 101)),
        Arguments.of("palette", TestImages.palette(640, 64)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scans")
  void convertingOnlyTheRowsAndColumnsTheResizeReadsGivesTheSameTensor(
      String kind, BufferedImage scan) {
    for (ModelCard card : new ModelCard[] {GRAY_64, RGB_24x40}) {
      assertArrayEquals(
          everyPixelConverted(card, scan),
          new ScanPreprocessor(card).preprocess(scan).values(),
          kind + " for " + card.input());
    }
  }

  @Test
  void preprocessingALargeScanTakesLittleMemoryBesideIt() {
    BufferedImage scan = TestImages.uniformGrey(4000, 3000, 77);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    long before = threads.getCurrentThreadAllocatedBytes();
    new ScanPreprocessor(RGB_24x40).preprocess(scan);
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    // Every pixel as three floats would be 144 MB; 48 rows of 4000 pixels are what is read.
    assertTrue(allocated < 8_000_000, allocated + " bytes allocated");
  }

  @Test
  void imagesInOtherColourSpacesAreConvertedRowByRowAsTheWholeImageWouldBe() {
    BufferedImage rgb = TestImages.rgb(150, 90);
    BufferedImage ycc =
        new ColorConvertOp(ColorSpace.getInstance(ColorSpace.CS_PYCC), null).filter(rgb, null);
    BufferedImage wholeInSrgb = new BufferedImage(150, 90, BufferedImage.TYPE_INT_RGB);
    wholeInSrgb.createGraphics().drawImage(ycc, 0, 0, null);

    assertArrayEquals(
        new ScanPreprocessor(RGB_24x40).preprocess(wholeInSrgb).values(),
        new ScanPreprocessor(RGB_24x40).preprocess(ycc).values());
  }

  @Test
  void subsamplesOnlyAlongAxesThatAreAnOddMultipleOfTheModelsSize() {
    ScanPreprocessor preprocessor = new ScanPreprocessor(GRAY_64);

    assertEquals(
        new ScanPreprocessor.Subsampling(3, 1, 5, 2), preprocessor.exactSubsampling(192, 320));
    assertEquals(
        new ScanPreprocessor.Subsampling(121, 60, 1, 0), preprocessor.exactSubsampling(7744, 7745));
    assertEquals(
        new ScanPreprocessor.Subsampling(1, 0, 1, 0), preprocessor.exactSubsampling(128, 64 * 4));
    assertEquals(
        new ScanPreprocessor.Subsampling(1, 0, 1, 0), preprocessor.exactSubsampling(1000, 100));
    assertEquals(
        new ScanPreprocessor.Subsampling(1, 0, 1, 0), preprocessor.exactSubsampling(32, 64));
  }

  static Stream<Arguments> subsampledFiles() {
    return Stream.of(
        Arguments.of("PNG 3x by 5x", TestImages.png(TestImages.grey(192, 320))),
        Arguments.of("PNG 7x by 1x", TestImages.png(TestImages.rgb(448, 64))),
        Arguments.of("PNG 9x by 2x (whole down)", TestImages.png(TestImages.grey16(576, 128))),
        Arguments.of("interlaced PNG", TestImages.interlacedPng(TestImages.rgb(320, 192))),
        Arguments.of("JPEG", TestImages.jpeg(TestImages.rgb(320, 192))),
        Arguments.of("progressive JPEG", TestImages.progressiveJpeg(TestImages.grey(192, 192))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("subsampledFiles")
  void theExactSubsamplingGivesTheTensorOfTheWholeScan(String kind, byte[] file)
      throws IOException {
    ScanPreprocessor preprocessor = new ScanPreprocessor(GRAY_64);
    BufferedImage whole = decode(file, null);
    ScanPreprocessor.Subsampling exact =
        preprocessor.exactSubsampling(whole.getWidth(), whole.getHeight());

    BufferedImage kept = decode(file, exact);

    assertEquals(true, kept.getWidth() * kept.getHeight() < whole.getWidth() * whole.getHeight());
    assertArrayEquals(
        preprocessor.preprocess(whole).values(), preprocessor.preprocess(kept).values(), kind);
  }

  /** The plain computation: every pixel converted, then resized. */
  private static float[] everyPixelConverted(ModelCard card, BufferedImage scan) {
    ModelCard.Input input = card.input();
    DecodedPixels pixels =
        DecodedPixels.of(scan, input.channels(), card.preprocessing().grayscaleWeights());
    float[] values =
        BilinearResize.resize(
            pixels.values(),
            pixels.height(),
            pixels.width(),
            pixels.channels(),
            input.height(),
            input.width());
    float scale = (float) card.preprocessing().scale();
    float offset = (float) card.preprocessing().offset();
    for (int i = 0; i < values.length; i++) {
      values[i] = values[i] * scale + offset;
    }
    return values;
  }

  private static BufferedImage decode(byte[] file, ScanPreprocessor.Subsampling subsampling)
      throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(file))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        ImageReadParam param = reader.getDefaultReadParam();
        if (subsampling != null) {
          param.setSourceSubsampling(
              subsampling.stepX(),
              subsampling.stepY(),
              subsampling.offsetX(),
              subsampling.offsetY());
        }
        return reader.read(0, param);
      } finally {
        reader.dispose();
      }
    }
  }
}
