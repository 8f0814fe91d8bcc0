package org.lungscan.scans.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lungscan.testing.Poll;

class ImageDecoderTest {

  private static final Duration NO_WAIT = Duration.ZERO;
  private static final Duration LONG_WAIT = Duration.ofMinutes(2);

  @TempDir Path dir;

  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  @Test
  void reservesTheBytesOfTheKeptPixelsWhileTheWorkRuns() throws Exception {
    // 16-bit RGBA: ImageIO decodes into four 16-bit samples a pixel.
    Path png = write(TestImages.png(rgba16(100, 50)));
    ImageDecoder decoder = new ImageDecoder(1 << 20, 2, NO_WAIT);

    long whole = decoder.decode(png, Sampling.whole(), decoded -> decoder.bytesInUse());
    long kept = decoder.decode(png, Sampling.keepingAtMost(1000), d -> decoder.bytesInUse());

    assertEquals(100 * 50 * 8 + 1, whole);
    assertEquals(34 * 17 * 8 + 1, kept, "every third pixel: 34 x 17");
    assertEquals(0, decoder.bytesInUse());
  }

  @Test
  void refusesAtOnceAnImageLargerThanTheWholeBudget() {
    Path png = write(TestImages.png(TestImages.grey(100, 100)));
    ImageDecoder decoder = new ImageDecoder(10_000, 2, LONG_WAIT);

    DecodingUnavailableException refusal =
        assertThrows(
            DecodingUnavailableException.class,
            () -> decoder.decode(png, Sampling.whole(), decoded -> decoded));

    assertTrue(refusal.retryAfter().isEmpty(), "no retry helps");
    assertTrue(refusal.getMessage().contains("lungscan.images.decode-memory-bytes"));
    assertEquals(0, decoder.decodesWaiting());
  }

  @Test
  void refusesWhatDoesNotFitBesideTheDecodesInMemoryOnceItsWaitIsOver() throws Exception {
    Path png = write(TestImages.png(TestImages.grey(100, 60)));
    ImageDecoder decoder = new ImageDecoder(10_000, 4, NO_WAIT);
    CountDownLatch release = new CountDownLatch(1);
    Future<?> holding = holdWhile(decoder, png, release);

    DecodingUnavailableException refusal =
        assertThrows(
            DecodingUnavailableException.class,
            () -> decoder.decode(png, Sampling.whole(), decoded -> decoded));

    assertTrue(refusal.retryAfter().orElseThrow().toSeconds() >= 1);
    release.countDown();
    holding.get(1, TimeUnit.MINUTES);
    int width = decoder.decode(png, Sampling.whole(), d -> d.kept().getWidth());
    assertEquals(100, width);
  }

  @Test
  void decodesNoMoreImagesAtOnceThanItHasSlots() throws Exception {
    Path png = write(TestImages.png(TestImages.grey(10, 10)));
    ImageDecoder decoder = new ImageDecoder(1 << 20, 1, NO_WAIT);
    CountDownLatch release = new CountDownLatch(1);
    Future<?> holding = holdWhile(decoder, png, release);

    assertThrows(
        DecodingUnavailableException.class,
        () -> decoder.decode(png, Sampling.whole(), decoded -> decoded));

    release.countDown();
    holding.get(1, TimeUnit.MINUTES);
  }

  @Test
  void aWaitingDecodeGoesAheadWhenMemoryIsGivenBack() throws Exception {
    Path png = write(TestImages.png(TestImages.grey(100, 60)));
    ImageDecoder decoder = new ImageDecoder(10_000, 4, LONG_WAIT);
    CountDownLatch release = new CountDownLatch(1);
    Future<?> holding = holdWhile(decoder, png, release);

    Future<Integer> waiting =
        threads.submit(() -> decoder.decode(png, Sampling.whole(), d -> d.kept().getHeight()));
    awaitWaiting(decoder, 1);
    assertFalse(waiting.isDone());
    release.countDown();

    assertEquals(60, waiting.get(1, TimeUnit.MINUTES));
    holding.get(1, TimeUnit.MINUTES);
  }

  @Test
  void aSmallImageIsNotHeldUpByALargeOneWaitingForMemory() throws Exception {
    Path large = write(TestImages.png(TestImages.grey(100, 60)));
    Path small = write(TestImages.png(TestImages.grey(10, 10)));
    ImageDecoder decoder = new ImageDecoder(10_000, 4, LONG_WAIT);
    CountDownLatch release = new CountDownLatch(1);
    Future<?> holding = holdWhile(decoder, large, release);
    Future<Integer> waitingLarge =
        threads.submit(() -> decoder.decode(large, Sampling.whole(), d -> d.kept().getWidth()));
    awaitWaiting(decoder, 1);

    int width = decoder.decode(small, Sampling.whole(), d -> d.kept().getWidth());
    assertEquals(10, width);

    assertFalse(waitingLarge.isDone());
    release.countDown();
    assertEquals(100, waitingLarge.get(1, TimeUnit.MINUTES));
    holding.get(1, TimeUnit.MINUTES);
  }

  @Test
  void aDecodeThatHasWaitedLongEnoughGoesBeforeThoseWhoCameLater() throws Exception {
    // 6001 bytes held; the large one (9901) fits only alone; the small one (101) fits beside the
    // first, not beside the large one.
    Path first = write(TestImages.png(TestImages.grey(100, 60)));
    Path large = write(TestImages.png(TestImages.grey(100, 99)));
    Path small = write(TestImages.png(TestImages.grey(10, 10)));
    ImageDecoder decoder = new ImageDecoder(10_000, 4, LONG_WAIT, Duration.ZERO);
    CountDownLatch release = new CountDownLatch(1);
    Future<?> holding = holdWhile(decoder, first, release);
    List<Integer> started = new CopyOnWriteArrayList<>();
    Future<?> waitingLarge =
        threads.submit(() -> decoder.decode(large, Sampling.whole(), d -> started.add(100)));
    awaitWaiting(decoder, 1);

    Future<?> laterSmall =
        threads.submit(() -> decoder.decode(small, Sampling.whole(), d -> started.add(10)));
    awaitWaiting(decoder, 2);
    assertEquals(List.of(), started, "the small one fits, but waits its turn");
    release.countDown();

    waitingLarge.get(1, TimeUnit.MINUTES);
    laterSmall.get(1, TimeUnit.MINUTES);
    assertEquals(List.of(100, 10), started);
    holding.get(1, TimeUnit.MINUTES);
  }

  @Test
  void givesTheMemoryBackWhenTheWorkFails() {
    Path png = write(TestImages.png(TestImages.grey(10, 10)));
    ImageDecoder decoder = new ImageDecoder(1 << 20, 1, NO_WAIT);

    assertThrows(
        IOException.class,
        () ->
            decoder.decode(
                png,
                Sampling.whole(),
                decoded -> {
                  throw new IOException("the work failed");
                }));
    assertThrows(
        IllegalStateException.class,
        () ->
            decoder.decode(
                png,
                Sampling.whole(),
                decoded -> {
                  throw new IllegalStateException("the work failed");
                }));

    assertEquals(0, decoder.bytesInUse());
  }

  static Stream<Arguments> images() {
    return Stream.of(
        Arguments.of("PNG, 8-bit grey", TestImages.png(TestImages.grey(101, 77))),
        Arguments.of("PNG, 16-bit grey", TestImages.png(TestImages.grey16(101, 77))),
        Arguments.of("PNG, RGBA", TestImages.png(TestImages.rgba(101, 77))),
        Arguments.of("PNG, 16-bit RGBA", TestImages.png(rgba16(101, 77))),
        Arguments.of("PNG, palette", TestImages.png(TestImages.palette(101, 77))),
        Arguments.of("PNG, interlaced", TestImages.interlacedPng(TestImages.rgb(101, 77))),
        Arguments.of("JPEG, grey", TestImages.jpeg(TestImages.grey(101, 77))),
        Arguments.of("JPEG, colour", TestImages.jpeg(TestImages.rgb(101, 77))),
        Arguments.of("JPEG, progressive", TestImages.progressiveJpeg(TestImages.rgb(101, 77))));
  }

  /** What the model's exact subsampling relies on: the kept pixels are the very same values. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("images")
  void aSubsampledDecodeKeepsExactlyThePixelsOfTheWholeDecode(String kind, byte[] image)
      throws Exception {
    Path file = write(image);
    ImageDecoder decoder = new ImageDecoder();
    Sampling sampling = new Sampling(3, 1, 5, 2);

    Raster whole = decoder.decode(file, Sampling.whole(), d -> d.kept().getData());
    Raster kept = decoder.decode(file, (w, h) -> sampling, d -> d.kept().getData());

    assertEquals(sampling.keptWidth(101), kept.getWidth());
    assertEquals(sampling.keptHeight(77), kept.getHeight());
    for (int y = 0; y < kept.getHeight(); y++) {
      for (int x = 0; x < kept.getWidth(); x++) {
        assertArrayEquals(
            whole.getPixel(x * 3 + 1, y * 5 + 2, (int[]) null),
            kept.getPixel(x, y, (int[]) null),
            kind + " at " + x + ", " + y);
      }
    }
  }

  /** Holds the whole of {@code image} in the decoder until {@code release} opens. */
  private Future<?> holdWhile(ImageDecoder decoder, Path image, CountDownLatch release)
      throws InterruptedException {
    CountDownLatch holding = new CountDownLatch(1);
    Future<?> held =
        threads.submit(
            () ->
                decoder.decode(
                    image,
                    Sampling.whole(),
                    decoded -> {
                      holding.countDown();
                      awaitQuietly(release);
                      return null;
                    }));
    assertTrue(holding.await(1, TimeUnit.MINUTES), "the first decode did not start");
    return held;
  }

  private static void awaitWaiting(ImageDecoder decoder, int count) throws InterruptedException {
    Poll.until(
        Duration.ofMinutes(1),
        () -> decoder.decodesWaiting() == count,
        count + " decodes waiting",
        () -> decoder.decodesWaiting() + " waiting");
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(2, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Path write(byte[] bytes) {
    return TestImages.write(dir, "image-" + System.nanoTime(), bytes);
  }

  static BufferedImage rgba16(int width, int height) {
    return TestImages.rgba16(width, height);
  }
}
