package org.lungscan.scans.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lungscan.scans.images.InvalidImageException.Reason.EMPTY;
import static org.lungscan.scans.images.InvalidImageException.Reason.INCOMPLETE_OR_DAMAGED;
import static org.lungscan.scans.images.InvalidImageException.Reason.NOT_JPEG_OR_PNG;
import static org.lungscan.scans.images.InvalidImageException.Reason.TOO_MANY_PIXELS;
import static org.lungscan.scans.images.InvalidImageException.Reason.UNREADABLE;
import static org.lungscan.scans.images.InvalidImageException.Reason.UNSUPPORTED_JPEG_VARIANT;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageCheckTest {

  private static final String DAMAGED = "The image is incomplete or damaged.";

  @TempDir Path dir;

  private final ImageCheck check = new ImageCheck();

  static Stream<Arguments> acceptedImages() {
    return Stream.of(
        Arguments.of(
            "baseline JPEG, grey", TestImages.jpeg(TestImages.grey(123, 45)), "image/jpeg"),
        Arguments.of(
            "baseline JPEG, colour", TestImages.jpeg(TestImages.rgb(123, 45)), "image/jpeg"),
        Arguments.of(
            "progressive JPEG, grey",
            TestImages.progressiveJpeg(TestImages.grey(123, 45)),
            "image/jpeg"),
        Arguments.of(
            "progressive JPEG, colour",
            TestImages.progressiveJpeg(TestImages.rgb(123, 45)),
            "image/jpeg"),
        Arguments.of("PNG, 8-bit grey", TestImages.png(TestImages.grey(123, 45)), "image/png"),
        Arguments.of("PNG, 16-bit grey", TestImages.png(TestImages.grey16(123, 45)), "image/png"),
        Arguments.of("PNG, RGB", TestImages.png(TestImages.rgb(123, 45)), "image/png"),
        Arguments.of("PNG, RGBA", TestImages.png(TestImages.rgba(123, 45)), "image/png"),
        Arguments.of("PNG, palette", TestImages.png(TestImages.palette(123, 45)), "image/png"),
        Arguments.of(
            "PNG, interlaced", TestImages.interlacedPng(TestImages.rgb(123, 45)), "image/png"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("acceptedImages")
  void acceptsRealImages(String kind, byte[] image, String contentType) throws Exception {
    ImageFacts facts = check.check(TestImages.write(dir, "upload", image));

    assertEquals(new ImageFacts(contentType, 123, 45), facts);
  }

  @Test
  void judgesByContentNotByName() throws Exception {
    Path pngNamedText = TestImages.write(dir, "notes.txt", TestImages.png(TestImages.grey(8, 8)));
    Path textNamedJpeg = TestImages.write(dir, "scan.jpg", TestImages.text("hello"));

    assertEquals("image/png", check.check(pngNamedText).contentType());
    assertRefused(NOT_JPEG_OR_PNG, "The file is not a JPEG or PNG image.", textNamedJpeg);
  }

  @Test
  void refusesAnEmptyFile() {
    assertRefused(EMPTY, "The file is empty.", TestImages.write(dir, "empty", new byte[0]));
  }

  static Stream<Arguments> notImages() {
    return Stream.of(
        Arguments.of("text", TestImages.text("Patient notes: no findings.\n")),
        Arguments.of("GIF", TestImages.gif(TestImages.grey(20, 20))),
        Arguments.of(
            "SVG",
            TestImages.text(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>")),
        Arguments.of("HTML", TestImages.text("<!DOCTYPE html><html><body>x</body></html>")),
        Arguments.of("PDF", TestImages.text("%PDF-1.7\n%âãÏÓ\n")),
        Arguments.of("half a PNG signature", Arrays.copyOf(TestImages.PNG_SIGNATURE, 4)),
        Arguments.of("one byte", new byte[] {(byte) 0xFF}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notImages")
  void refusesWhatIsNotJpegOrPng(String kind, byte[] content) {
    assertRefused(
        NOT_JPEG_OR_PNG,
        "The file is not a JPEG or PNG image.",
        TestImages.write(dir, "upload", content));
  }

  @ParameterizedTest(name = "cut to {0} of its length")
  @ValueSource(doubles = {0.001, 0.1, 0.5, 0.9, 0.999})
  void refusesATruncatedPng(double fraction) {
    byte[] png = TestImages.png(TestImages.rgb(200, 150));

    assertRefused(INCOMPLETE_OR_DAMAGED, DAMAGED, write(TestImages.cut(png, cutAt(png, fraction))));
  }

  @Test
  void refusesAPngMissingOnlyItsEndChunk() {
    // The JDK decoder reads such a file without complaint.
    byte[] png = TestImages.png(TestImages.rgb(200, 150));

    assertRefused(INCOMPLETE_OR_DAMAGED, DAMAGED, write(TestImages.cut(png, png.length - 12)));
  }

  @ParameterizedTest(name = "cut to {0} of its length")
  @ValueSource(doubles = {0.01, 0.1, 0.5, 0.9, 0.999})
  void refusesATruncatedJpeg(double fraction) {
    byte[] baseline = TestImages.jpeg(TestImages.rgb(200, 150));
    byte[] progressive = TestImages.progressiveJpeg(TestImages.rgb(200, 150));

    assertRefused(
        INCOMPLETE_OR_DAMAGED, DAMAGED, write(TestImages.cut(baseline, cutAt(baseline, fraction))));
    assertRefused(
        INCOMPLETE_OR_DAMAGED,
        DAMAGED,
        write(TestImages.cut(progressive, cutAt(progressive, fraction))));
  }

  @Test
  void refusesAJpegMissingOnlyItsEndMarker() {
    // The JDK decoder only warns about this and returns an image.
    byte[] jpeg = TestImages.jpeg(TestImages.rgb(200, 150));

    assertRefused(INCOMPLETE_OR_DAMAGED, DAMAGED, write(TestImages.cut(jpeg, jpeg.length - 2)));
  }

  @Test
  void refusesAJpegWithCompressedDataMissingFromTheMiddle() {
    // The structure is whole (it ends with EOI); only the decoder notices, with a warning.
    byte[] jpeg = TestImages.jpeg(TestImages.rgb(200, 150));
    int dataStart = TestImages.scanOffset(jpeg) + 20;
    int middle = (dataStart + jpeg.length) / 2;
    byte[] holed =
        TestImages.concat(
            Arrays.copyOf(jpeg, middle),
            Arrays.copyOfRange(jpeg, middle + (jpeg.length - dataStart) / 4, jpeg.length));

    assertRefused(INCOMPLETE_OR_DAMAGED, DAMAGED, write(holed));
  }

  @Test
  void acceptsBytesAfterTheJpegEndMarker() throws Exception {
    // Cameras append a second (multi-picture) image after the first one's EOI.
    byte[] jpeg = TestImages.jpeg(TestImages.grey(64, 32));

    ImageFacts facts = check.check(write(TestImages.concat(jpeg, jpeg)));

    assertEquals(new ImageFacts("image/jpeg", 64, 32), facts);
  }

  @Test
  void takesTheSizeFromTheFrameHeaderNotFromAnEmbeddedThumbnail() throws Exception {
    // An Exif segment holding bytes that look like a frame header of 4000 x 3000.
    byte[] fakeFrame = {
      (byte) 0xFF,
      (byte) 0xC0,
      0x00,
      0x11,
      0x08,
      0x0B,
      (byte) 0xB8,
      0x0F,
      (byte) 0xA0,
      0x03,
      0x01,
      0x22,
      0x00,
      0x02,
      0x11,
      0x01,
      0x03,
      0x11,
      0x01
    };
    byte[] exif = TestImages.concat(TestImages.text("Exif\0\0"), fakeFrame, fakeFrame);
    byte[] jpeg =
        TestImages.withSegmentAfterStart(TestImages.jpeg(TestImages.grey(64, 32)), 0xE1, exif);

    assertEquals(new ImageFacts("image/jpeg", 64, 32), check.check(write(jpeg)));
  }

  @Test
  void refusesAPngWithADamagedDataChunk() {
    byte[] png = TestImages.png(TestImages.rgb(200, 150));
    png[TestImages.chunkOffset(png, "IDAT") + 20] ^= 0x01;

    assertRefused(INCOMPLETE_OR_DAMAGED, DAMAGED, write(png));
  }

  @Test
  void refusesAPngWithADamagedHeaderChunk() {
    byte[] png = TestImages.png(TestImages.rgb(200, 150));
    png[TestImages.chunkOffset(png, "IHDR") + 10] ^= 0x01;

    assertRefused(INCOMPLETE_OR_DAMAGED, DAMAGED, write(png));
  }

  @Test
  void refusesAPngWithAWrongEndChunkChecksum() {
    byte[] png = TestImages.png(TestImages.rgb(200, 150));
    png[png.length - 1] ^= 0x01;

    assertRefused(INCOMPLETE_OR_DAMAGED, DAMAGED, write(png));
  }

  @Test
  void refusesAPngWithoutImageData() {
    byte[] png =
        TestImages.concat(
            TestImages.PNG_SIGNATURE,
            TestImages.pngChunk("IHDR", TestImages.ihdr(10, 10)),
            TestImages.pngChunk("IEND", new byte[0]));

    assertRefused(INCOMPLETE_OR_DAMAGED, DAMAGED, write(png));
  }

  @Test
  void refusesAPngWhoseCompressedDataIsGarbageWithRightChecksums() {
    byte[] png = TestImages.png(TestImages.rgb(200, 150));
    byte[] garbage = TestImages.randomBytes(500, 7);

    InvalidImageException refusal =
        assertThrows(
            InvalidImageException.class,
            () -> check.check(write(TestImages.replaceChunkData(png, "IDAT", garbage))));

    assertEquals(UNREADABLE, refusal.reason());
  }

  @Test
  void refusesAForgedHugePngBeforeDecodingIt() {
    Path forged = write(TestImages.forgedPng(100_000, 100_000));
    assertRefused(
        TOO_MANY_PIXELS,
        "The image is 100000 x 100000 pixels; the limit is 60 megapixels.",
        forged);

    long allocated = allocatedWhile(() -> assertRefused(TOO_MANY_PIXELS, null, forged));

    // Decoding would need 10 GB; reading the header needs a few buffers.
    assertTrue(allocated < 1_000_000, "allocated " + allocated + " bytes");
  }

  @Test
  void refusesAJpegWhoseFrameHeaderClaimsAHugeSize() {
    byte[] jpeg =
        TestImages.withFrameSize(TestImages.jpeg(TestImages.grey(64, 32)), 65_535, 65_535);
    Path forged = write(jpeg);
    assertRefused(
        TOO_MANY_PIXELS, "The image is 65535 x 65535 pixels; the limit is 60 megapixels.", forged);

    long allocated = allocatedWhile(() -> assertRefused(TOO_MANY_PIXELS, null, forged));

    assertTrue(allocated < 1_000_000, "allocated " + allocated + " bytes");
  }

  @Test
  void doesNotInflateCompressedTextInAPalettePng() throws Exception {
    // For palette PNGs the JDK reader parses metadata even when told to ignore it.
    byte[] text = TestImages.concat(TestImages.text("Comment\0\0"), deflatedZeros(256 << 20));
    byte[] png = TestImages.png(TestImages.palette(20, 20));
    int imageData = TestImages.chunkOffset(png, "IDAT");
    Path bomb =
        write(
            TestImages.concat(
                Arrays.copyOf(png, imageData),
                TestImages.pngChunk("zTXt", text),
                Arrays.copyOfRange(png, imageData, png.length)));

    long allocated = allocatedWhile(() -> assertEquals(20, checkQuietly(bomb).width()));

    assertTrue(allocated < 32_000_000, "allocated " + allocated + " bytes");
  }

  @Test
  void refusesAnImageWiderThanTheLongestSide() {
    assertRefused(
        TOO_MANY_PIXELS,
        "The image is 70000 x 1 pixels; the limit is 65535 pixels on a side.",
        write(TestImages.forgedPng(70_000, 1)));
  }

  @Test
  void refusesAPngClaimingMoreThanTheFormatAllows() {
    assertRefused(INCOMPLETE_OR_DAMAGED, DAMAGED, write(TestImages.forgedPng(0x8000_0000L, 1)));
    assertRefused(INCOMPLETE_OR_DAMAGED, DAMAGED, write(TestImages.forgedPng(0, 10)));
  }

  @Test
  void thePixelLimitIsConfigurable() throws Exception {
    Path image = write(TestImages.png(TestImages.grey(40, 30)));

    assertEquals(1200, new ImageCheck(1200).check(image).pixels());
    InvalidImageException refusal =
        assertThrows(InvalidImageException.class, () -> new ImageCheck(1199).check(image));
    assertEquals(
        "The image is 40 x 30 pixels; the limit is 0.001199 megapixels.", refusal.getMessage());
    assertEquals(
        "The image is 40 x 30 pixels; the limit is 0.001 megapixels.",
        assertThrows(InvalidImageException.class, () -> new ImageCheck(1000).check(image))
            .getMessage());
  }

  @Test
  void refusesJpegVariantsTheDecoderCannotRead() {
    byte[] jpeg = TestImages.jpeg(TestImages.grey(64, 32));

    for (int frame : new int[] {0xC3, 0xC5, 0xC9, 0xCA, 0xCB, 0xCD}) {
      assertRefused(UNSUPPORTED_JPEG_VARIANT, null, write(TestImages.withFrameMarker(jpeg, frame)));
    }
    assertRefused(UNSUPPORTED_JPEG_VARIANT, null, write(TestImages.withPrecision(jpeg, 12)));
    assertRefused(UNSUPPORTED_JPEG_VARIANT, null, write(TestImages.withFrameSize(jpeg, 64, 0)));
  }

  @Test
  void decodesALargeImageWholeAndStillNoticesDamageAtItsEnd() throws Exception {
    byte[] jpeg = TestImages.jpeg(TestImages.grey(2600, 2000));

    assertEquals(new ImageFacts("image/jpeg", 2600, 2000), check.check(write(jpeg)));
    assertRefused(INCOMPLETE_OR_DAMAGED, DAMAGED, write(TestImages.cut(jpeg, jpeg.length - 100)));
  }

  @Test
  void refusesAHugeForgeryFast() {
    Path forged = write(TestImages.forgedPng(100_000, 100_000));

    assertTimeoutPreemptively(
        Duration.ofSeconds(2), () -> assertRefused(TOO_MANY_PIXELS, null, forged));
  }

  private Path write(byte[] bytes) {
    return TestImages.write(dir, "upload", bytes);
  }

  private void assertRefused(InvalidImageException.Reason reason, String message, Path file) {
    InvalidImageException refusal =
        assertThrows(InvalidImageException.class, () -> check.check(file));
    assertEquals(reason, refusal.reason(), () -> "refused for " + refusal.getMessage());
    if (message != null) {
      assertEquals(message, refusal.getMessage());
    }
  }

  private ImageFacts checkQuietly(Path file) {
    try {
      return check.check(file);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] deflatedZeros(int count) throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (DeflaterOutputStream out = new DeflaterOutputStream(compressed, new Deflater(9))) {
      byte[] zeros = new byte[1 << 20];
      for (int written = 0; written < count; written += zeros.length) {
        out.write(zeros);
      }
    }
    return compressed.toByteArray();
  }

  private static int cutAt(byte[] bytes, double fraction) {
    return Math.max(1, (int) (bytes.length * fraction));
  }

  private static long allocatedWhile(Runnable action) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    action.run();
    return threads.getCurrentThreadAllocatedBytes() - before;
  }
}
