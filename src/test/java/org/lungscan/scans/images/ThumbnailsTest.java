package org.lungscan.scans.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThumbnailsTest {

  @TempDir Path root;

  private ImageStore store;
  private Thumbnails thumbnails;

  @BeforeEach
  void openStore() throws IOException {
    store = new ImageStore(root);
    thumbnails = new Thumbnails(store);
  }

  @Test
  void shrinksALandscapeGreyScanToAGreyThumbnail() throws Exception {
    BufferedImage thumbnail = thumbnailOf(TestImages.png(TestImages.grey(1200, 600)));

    assertEquals(256, thumbnail.getWidth());
    assertEquals(128, thumbnail.getHeight());
    assertEquals(BufferedImage.TYPE_BYTE_GRAY, thumbnail.getType());
  }

  @Test
  void keepsTheAspectRatioOfAPortraitColourJpeg() throws Exception {
    BufferedImage thumbnail = thumbnailOf(TestImages.jpeg(TestImages.rgb(300, 900)));

    assertEquals(85, thumbnail.getWidth());
    assertEquals(256, thumbnail.getHeight());
    assertEquals(3, thumbnail.getColorModel().getNumColorComponents());
  }

  @Test
  void neverEnlargesASmallImage() throws Exception {
    BufferedImage thumbnail = thumbnailOf(TestImages.png(TestImages.grey(100, 50)));

    assertEquals(100, thumbnail.getWidth());
    assertEquals(50, thumbnail.getHeight());
  }

  @Test
  void aColourFileOfAGreyScanGivesAGreyThumbnail() throws Exception {
    BufferedImage greyInRgb = new BufferedImage(600, 400, BufferedImage.TYPE_INT_RGB);
    greyInRgb.getGraphics().drawImage(TestImages.grey(600, 400), 0, 0, null);

    assertEquals(BufferedImage.TYPE_BYTE_GRAY, thumbnailOf(TestImages.png(greyInRgb)).getType());
  }

  @Test
  void keepsGreyLevelsAsStored() throws Exception {
    // Java2D treats grey images as linear and would brighten 100 to about 170 on the way to sRGB.
    BufferedImage thumbnail = thumbnailOf(TestImages.png(TestImages.uniformGrey(600, 300, 100)));

    assertEquals(Set.of(100), levels(thumbnail));
  }

  @Test
  void bringsSixteenBitGreyToEightBits() throws Exception {
    BufferedImage grey16 = new BufferedImage(600, 300, BufferedImage.TYPE_USHORT_GRAY);
    TestImages.fill(grey16.getRaster(), 0x8080);

    assertEquals(Set.of(0x80), levels(thumbnailOf(TestImages.png(grey16))));
  }

  @Test
  void averagesFineDetailInsteadOfAliasingIt() throws Exception {
    // One-pixel stripes: picking pixels would give black or white, averaging gives mid-grey.
    BufferedImage stripes = new BufferedImage(1024, 1024, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 1024; y++) {
      for (int x = 0; x < 1024; x++) {
        stripes.getRaster().setSample(x, y, 0, (x + y) % 2 == 0 ? 255 : 0);
      }
    }

    Set<Integer> levels = levels(thumbnailOf(TestImages.png(stripes)));

    assertTrue(Set.of(127, 128).containsAll(levels), levels::toString);
  }

  @Test
  void keepsTransparency() throws Exception {
    BufferedImage thumbnail = thumbnailOf(TestImages.png(TestImages.rgba(600, 300)));

    assertTrue(thumbnail.getColorModel().hasAlpha());
  }

  @Test
  void shrinksPaletteAndProgressiveImages() throws Exception {
    assertEquals(256, thumbnailOf(TestImages.png(TestImages.palette(600, 300))).getWidth());
    assertEquals(
        256, thumbnailOf(TestImages.progressiveJpeg(TestImages.grey(600, 300))).getWidth());
  }

  @Test
  void shrinksAnImageTooLargeToDecodeAtFullSize() throws Exception {
    BufferedImage thumbnail = thumbnailOf(TestImages.jpeg(TestImages.grey(5000, 4000)));

    assertEquals(256, thumbnail.getWidth());
    assertEquals(205, thumbnail.getHeight());
  }

  @Test
  void makesTheThumbnailOnceAndKeepsIt() throws Exception {
    String key = storeImage(TestImages.png(TestImages.grey(600, 300)));
    Path first = thumbnails.thumbnailOf(key);
    FileTime marked = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(first, marked);
    byte[] firstBytes = Files.readAllBytes(first);

    Path second = thumbnails.thumbnailOf(key);

    assertEquals(first, second);
    assertEquals(marked, Files.getLastModifiedTime(second), "made again");
    assertArrayEquals(firstBytes, Files.readAllBytes(second));
    assertTrue(second.startsWith(root.resolve("thumbnails")));
    assertEquals(0, filesUnder(root.resolve("tmp")));
  }

  @Test
  void thereIsNoThumbnailWithoutAnImage() {
    String unknown = "0123456789abcdef0123456789abcdef";

    assertThrows(NoSuchFileException.class, () -> thumbnails.thumbnailOf(unknown));
    assertFalse(Files.exists(store.thumbnailPathOf(unknown)));
  }

  @Test
  void theLongSideIsConfigurable() throws Exception {
    String key = storeImage(TestImages.png(TestImages.grey(600, 300)));

    BufferedImage thumbnail = ImageIO.read(new Thumbnails(store, 64).thumbnailOf(key).toFile());

    assertEquals(64, thumbnail.getWidth());
    assertEquals(32, thumbnail.getHeight());
  }

  private BufferedImage thumbnailOf(byte[] image) throws Exception {
    Path thumbnail = thumbnails.thumbnailOf(storeImage(image));
    byte[] bytes = Files.readAllBytes(thumbnail);
    assertArrayEquals(TestImages.PNG_SIGNATURE, Arrays.copyOf(bytes, 8));
    return ImageIO.read(new ByteArrayInputStream(bytes));
  }

  private String storeImage(byte[] image) throws Exception {
    try (PendingImage pending = store.receive(new ByteArrayInputStream(image), 1 << 24)) {
      return store.commit(pending, new ImageCheck().check(pending.file())).key();
    }
  }

  /** The distinct grey levels in an image. */
  private static Set<Integer> levels(BufferedImage grey) {
    int[] samples =
        grey.getRaster().getSamples(0, 0, grey.getWidth(), grey.getHeight(), 0, (int[]) null);
    return Arrays.stream(samples).boxed().collect(Collectors.toSet());
  }

  private static long filesUnder(Path directory) throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile).count();
    }
  }
}
