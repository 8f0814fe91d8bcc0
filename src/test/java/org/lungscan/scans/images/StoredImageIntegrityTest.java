package org.lungscan.scans.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stored image is handed out or decoded only while its bytes have their recorded SHA-256. */
class StoredImageIntegrityTest {

  @TempDir Path root;

  private ImageStore store;
  private StoredImage stored;
  private final byte[] scan = TestImages.png(TestImages.grey(300, 200));

  @BeforeEach
  void storeAScan() throws Exception {
    store = new ImageStore(root);
    try (PendingImage pending = store.receive(new ByteArrayInputStream(scan), 1 << 20)) {
      stored = store.commit(pending, new ImageCheck().check(pending.file()));
    }
  }

  @Test
  void handsOutAnIntactImage() throws Exception {
    try (InputStream in = store.openVerified(stored.key(), stored.sha256())) {
      assertArrayEquals(scan, in.readAllBytes());
    }
    store.verify(stored.key(), stored.sha256());
  }

  @Test
  void refusesAnImageWithOneByteChanged() throws Exception {
    flipByte(store.pathOf(stored.key()), scan.length / 2);

    assertThrows(
        DamagedImageException.class, () -> store.openVerified(stored.key(), stored.sha256()));
    assertThrows(DamagedImageException.class, () -> store.verify(stored.key(), stored.sha256()));
  }

  @Test
  void refusesAnImageCutShort() throws Exception {
    try (RandomAccessFile file = new RandomAccessFile(store.pathOf(stored.key()).toFile(), "rw")) {
      file.setLength(scan.length - 1);
    }

    assertThrows(DamagedImageException.class, () -> store.verify(stored.key(), stored.sha256()));
  }

  @Test
  void makesNoThumbnailOfADamagedImage() throws Exception {
    flipByte(store.pathOf(stored.key()), scan.length / 2);
    Thumbnails thumbnails = new Thumbnails(store);

    assertThrows(
        DamagedImageException.class, () -> thumbnails.thumbnailOf(stored.key(), stored.sha256()));

    assertFalse(Files.exists(store.thumbnailPathOf(stored.key())));
    assertEquals(0, filesUnder(root.resolve("tmp")));
  }

  @Test
  void makesTheThumbnailOfAnIntactImage() throws Exception {
    Path thumbnail = new Thumbnails(store).thumbnailOf(stored.key(), stored.sha256());

    assertTrue(Files.isRegularFile(thumbnail));
  }

  private static void flipByte(Path file, long at) throws Exception {
    try (RandomAccessFile bytes = new RandomAccessFile(file.toFile(), "rw")) {
      bytes.seek(at);
      int b = bytes.read();
      bytes.seek(at);
      bytes.write(b ^ 0x01);
    }
  }

  private static long filesUnder(Path directory) throws Exception {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile).count();
    }
  }
}
