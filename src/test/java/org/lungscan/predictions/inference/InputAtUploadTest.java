package org.lungscan.predictions.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lungscan.scans.images.ImageCheck;
import org.lungscan.scans.images.ImageDecoder;
import org.lungscan.scans.images.ImageFacts;
import org.lungscan.scans.images.ImageStore;
import org.lungscan.scans.images.PendingImage;
import org.lungscan.scans.images.Sampling;
import org.lungscan.scans.images.StoredImage;
import org.lungscan.scans.images.TestImages;

/**
 * The model's input made at upload from the image check's decode is the one predict made before
 * from the stored file (metadata stripped, decoded through the bounded decoder, subsampled where
 * that is exact), within the preprocessing test's tolerance of 1e-6; in fact to the bit.
 */
class InputAtUploadTest {

  private static final double TOLERANCE = 1e-6;

  @TempDir Path root;

  static Stream<Arguments> uploads() {
    byte[] exif = TestImages.concat(TestImages.text("Exif\0\0"), TestImages.text("Dr. Who"));
    return Stream.of(
        Arguments.of("grey JPEG 1400 x 1400", TestImages.jpeg(TestImages.grey(1400, 1400)), 64, 1),
        Arguments.of(
            "RGB JPEG 700 x 500 with Exif, to grey",
            TestImages.withSegmentAfterStart(TestImages.jpeg(TestImages.rgb(700, 500)), 0xE1, exif),
            64,
            1),
        Arguments.of(
            "RGB JPEG 300 x 200, to RGB", TestImages.jpeg(TestImages.rgb(300, 200)), 32, 3),
        Arguments.of(
            "16-bit grey PNG 960 x 960 (an odd multiple: predict decoded a subsample)",
            TestImages.png(TestImages.grey16(960, 960)),
            64,
            1),
        Arguments.of("palette PNG 200 x 130", TestImages.png(TestImages.palette(200, 130)), 64, 3),
        Arguments.of(
            "progressive JPEG 640 x 480",
            TestImages.progressiveJpeg(TestImages.rgb(640, 480)),
            64,
            1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("uploads")
  void theInputMadeAtUploadIsTheOneMadeFromTheStoredFile(
      String name, byte[] upload, int side, int channels) throws Exception {
    ScanPreprocessor preprocessor =
        new ScanPreprocessor(
            ModelCard.defaultsFor("m", new ModelCard.Input(side, side, channels), 3));
    ImageStore store = new ImageStore(root);
    ImageDecoder decoder = new ImageDecoder();
    ScanTensor[] atUpload = new ScanTensor[1];
    StoredImage stored;
    try (PendingImage pending = store.receive(new ByteArrayInputStream(upload), 50_000_000)) {
      ImageFacts facts =
          new ImageCheck(ImageCheck.DEFAULT_MAX_PIXELS, decoder)
              .check(
                  pending.file(), decoded -> atUpload[0] = preprocessor.preprocess(decoded.kept()));
      stored = store.commit(pending, facts);
    }
    assertNotNull(atUpload[0], "the check handed its decode on");

    ScanTensor fromFile =
        decoder.decode(
            store.pathOf(stored.key()),
            (width, height) -> {
              ScanPreprocessor.Subsampling exact = preprocessor.exactSubsampling(width, height);
              return new Sampling(exact.stepX(), exact.offsetX(), exact.stepY(), exact.offsetY());
            },
            decoded -> preprocessor.preprocess(decoded.kept()));

    float[] a = atUpload[0].values();
    float[] b = fromFile.values();
    assertEquals(b.length, a.length);
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    assertTrue(max <= TOLERANCE, name + ": max difference " + max);
    assertEquals(fromFile, atUpload[0], name + ": the same to the bit");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("uploads")
  void aRefusedUploadHandsNoPixelsOn(String name, byte[] upload, int side, int channels)
      throws Exception {
    byte[] cut = java.util.Arrays.copyOf(upload, upload.length * 2 / 3);
    BufferedImage[] handed = new BufferedImage[1];
    ImageStore store = new ImageStore(root);
    try (PendingImage pending = store.receive(new ByteArrayInputStream(cut), 50_000_000)) {
      try {
        new ImageCheck().check(pending.file(), decoded -> handed[0] = decoded.kept());
      } catch (org.lungscan.scans.images.InvalidImageException expected) {
        // refused, as it should be
      }
    }
    assertNull(handed[0], name + ": a cut image's pixels reached a reader");
  }
}
