package org.lungscan.scans.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fifty uploads from ten clients at once: every one kept, whole, under its own key. */
class ImageStoreConcurrencyTest {

  private static final int CLIENTS = 10;
  private static final int UPLOADS = 50;

  @TempDir Path root;

  @Test
  void storesFiftyConcurrentUploadsFromTenClients() throws Exception {
    ImageStore store = new ImageStore(root);
    ImageCheck check = new ImageCheck(ImageCheck.DEFAULT_MAX_PIXELS, 2);
    List<byte[]> scans = new ArrayList<>();
    for (int i = 0; i < UPLOADS; i++) {
      scans.add(TestImages.png(distinctScan(i)));
    }
    AtomicBoolean uploading = new AtomicBoolean(true);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS + 1);
    List<StoredImage> stored = new ArrayList<>();
    try {
      Future<Integer> janitor = clients.submit(cleaningWhile(store, uploading));
      List<Future<StoredImage>> results = new ArrayList<>();
      for (byte[] scan : scans) {
        results.add(clients.submit(upload(store, check, scan, start)));
      }
      start.countDown();
      for (Future<StoredImage> result : results) {
        stored.add(result.get(60, TimeUnit.SECONDS));
      }
      uploading.set(false);
      janitor.get(10, TimeUnit.SECONDS);
    } finally {
      clients.shutdownNow();
    }

    Set<String> keys = new HashSet<>();
    for (int i = 0; i < UPLOADS; i++) {
      StoredImage image = stored.get(i);
      byte[] kept = Files.readAllBytes(store.pathOf(image.key()));
      assertTrue(keys.add(image.key()), "duplicate key");
      assertArrayEquals(scans.get(i), kept);
      assertEquals(TestImages.sha256(kept), image.sha256());
      assertEquals(TestImages.sha256(scans.get(i)), image.sha256());
      assertEquals(
          new ImageFacts("image/png", 64 + i, 48),
          new ImageFacts(image.contentType(), image.width(), image.height()));
    }
    assertEquals(UPLOADS, filesUnder(root.resolve("images")));
    assertEquals(0, filesUnder(root.resolve("tmp")));
  }

  private static Callable<StoredImage> upload(
      ImageStore store, ImageCheck check, byte[] scan, CountDownLatch start) {
    return () -> {
      start.await();
      try (PendingImage pending = store.receive(new ByteArrayInputStream(scan), 1 << 20)) {
        return store.commit(pending, check.check(pending.file()));
      }
    };
  }

  /** Cleanup running all the while must not take a file from an upload in progress. */
  private static Callable<Integer> cleaningWhile(ImageStore store, AtomicBoolean uploading) {
    return () -> {
      int deleted = 0;
      while (uploading.get()) {
        deleted += store.cleanTemporaryFiles();
      }
      assertEquals(0, deleted);
      return deleted;
    };
  }

  private static BufferedImage distinctScan(int i) {
    BufferedImage image = TestImages.grey(64 + i, 48);
    image.getRaster().setSample(0, 0, 0, i);
    return image;
  }

  private static long filesUnder(Path directory) throws Exception {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile).count();
    }
  }
}
