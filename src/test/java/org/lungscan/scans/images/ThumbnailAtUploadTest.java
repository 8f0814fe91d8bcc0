package org.lungscan.scans.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The thumbnail made at upload from the check's decode is the one a first request made before from
 * the stored image, and a change of the image afterwards is not hidden by it.
 */
class ThumbnailAtUploadTest {

  @TempDir Path root;
  @TempDir Path elsewhere;

  @ParameterizedTest(name = "{0} pixels a side")
  @ValueSource(ints = {300, 1400, 2600})
  void theThumbnailMadeAtUploadIsTheOneMadeOnRequest(int side) throws Exception {
    byte[] upload = TestImages.jpeg(TestImages.rgb(side, side * 3 / 4));
    ImageStore store = new ImageStore(root);
    Thumbnails thumbnails = new Thumbnails(store);
    StoredImage stored = storeKeepingThumbnail(store, thumbnails, upload);
    byte[] atUpload = Files.readAllBytes(thumbnails.thumbnailOf(stored.key(), stored.sha256()));

    ImageStore other = new ImageStore(elsewhere);
    StoredImage plain;
    try (PendingImage pending = other.receive(new ByteArrayInputStream(upload), 50_000_000)) {
      plain = other.commit(pending, new ImageCheck().check(pending.file()));
    }
    byte[] onRequest =
        Files.readAllBytes(new Thumbnails(other).thumbnailOf(plain.key(), plain.sha256()));
    assertArrayEquals(onRequest, atUpload);
  }

  @ParameterizedTest(name = "{0} pixels a side")
  @ValueSource(ints = {300})
  void anImageChangedAfterUploadIsCheckedBeforeItsThumbnailIsServed(int side) throws Exception {
    ImageStore store = new ImageStore(root);
    Thumbnails thumbnails = new Thumbnails(store);
    StoredImage stored =
        storeKeepingThumbnail(store, thumbnails, TestImages.png(TestImages.grey(side, side)));
    try (RandomAccessFile file = new RandomAccessFile(store.pathOf(stored.key()).toFile(), "rw")) {
      file.seek(file.length() / 2);
      int b = file.read();
      file.seek(file.length() / 2);
      file.write(b ^ 0x10);
    }
    assertThrows(
        DamagedImageException.class, () -> thumbnails.thumbnailOf(stored.key(), stored.sha256()));
  }

  private static StoredImage storeKeepingThumbnail(
      ImageStore store, Thumbnails thumbnails, byte[] upload) throws Exception {
    BufferedImage[] thumbnail = new BufferedImage[1];
    try (PendingImage pending = store.receive(new ByteArrayInputStream(upload), 50_000_000)) {
      ImageFacts facts =
          new ImageCheck().check(pending.file(), decoded -> thumbnail[0] = thumbnails.of(decoded));
      StoredImage stored = store.commit(pending, facts);
      assertNotNull(thumbnail[0]);
      thumbnails.keep(stored.key(), thumbnail[0]);
      return stored;
    }
  }
}
