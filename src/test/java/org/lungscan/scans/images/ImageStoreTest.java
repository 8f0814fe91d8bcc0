package org.lungscan.scans.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageStoreTest {

  private static final long MAX_BYTES = 20L * 1024 * 1024;
  private static final ImageFacts FACTS = new ImageFacts("image/png", 40, 30);

  @TempDir Path root;

  private ImageStore store;
  private final byte[] scan = TestImages.png(TestImages.grey(40, 30));

  @BeforeEach
  void openStore() throws IOException {
    store = new ImageStore(root);
  }

  @Test
  void keepsTheExactBytesUnderANewKey() throws Exception {
    StoredImage stored = storeBytes(scan);

    assertTrue(ImageStore.isValidKey(stored.key()));
    assertArrayEquals(scan, Files.readAllBytes(store.pathOf(stored.key())));
    try (InputStream in = store.open(stored.key())) {
      assertArrayEquals(scan, in.readAllBytes());
    }
    assertEquals(
        new StoredImage(stored.key(), "image/png", scan.length, 40, 30, TestImages.sha256(scan)),
        stored);
    assertEquals(scan.length, store.size(stored.key()));
    assertTrue(store.exists(stored.key()));
    assertTrue(store.pathOf(stored.key()).startsWith(root.resolve("images")));
    assertEquals(List.of(store.pathOf(stored.key())), allFiles());
  }

  @Test
  void givesTheSameBytesUploadedTwiceTwoKeys() throws Exception {
    assertNotEquals(storeBytes(scan).key(), storeBytes(scan).key());
  }

  @Test
  void hashesWhileReceiving() throws Exception {
    byte[] bytes = TestImages.randomBytes(300_000, 1);

    try (PendingImage pending = store.receive(new ByteArrayInputStream(bytes), MAX_BYTES)) {
      assertEquals(TestImages.sha256(bytes), pending.sha256());
      assertEquals(bytes.length, pending.sizeBytes());
      assertTrue(pending.file().startsWith(root.resolve("tmp")));
      assertArrayEquals(bytes, Files.readAllBytes(pending.file()));
    }
  }

  @Test
  void acceptsAnUploadOfExactlyTheLimit() throws Exception {
    byte[] bytes = TestImages.randomBytes(1000, 2);

    try (PendingImage pending = store.receive(new ByteArrayInputStream(bytes), 1000)) {
      assertEquals(1000, pending.sizeBytes());
    }
  }

  @Test
  void refusesAnUploadOverTheLimitAndKeepsNothing() {
    byte[] bytes = TestImages.randomBytes(1001, 3);

    FileTooLargeException refusal =
        assertThrows(
            FileTooLargeException.class,
            () -> store.receive(new ByteArrayInputStream(bytes), 1000));

    assertEquals("The file is larger than the limit of 1000 bytes.", refusal.getMessage());
    assertEquals(1000, refusal.maxBytes());
    assertEquals(List.of(), allFiles());
  }

  @Test
  void stopsReadingAnEndlessUploadAtTheLimit() {
    InputStream endless =
        new InputStream() {
          @Override
          public int read() {
            return 'x';
          }

          @Override
          public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) 'x');
            return len;
          }
        };

    FileTooLargeException refusal =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () ->
                assertThrows(FileTooLargeException.class, () -> store.receive(endless, MAX_BYTES)));

    assertEquals("The file is larger than the limit of 20 MB.", refusal.getMessage());
    assertEquals(List.of(), allFiles());
  }

  @Test
  void keepsNothingWhenTheUploadBreaksOff() {
    InputStream breaksOff =
        new InputStream() {
          private int sent;

          @Override
          public int read() throws IOException {
            if (sent++ > 100_000) {
              throw new IOException("connection reset");
            }
            return 1;
          }
        };

    assertThrows(IOException.class, () -> store.receive(breaksOff, MAX_BYTES));
    assertEquals(List.of(), allFiles());
  }

  @Test
  void discardingLeavesNoFile() throws Exception {
    PendingImage pending = receive(scan);

    store.discard(pending);
    store.discard(pending);
    pending.close();

    assertEquals(List.of(), allFiles());
  }

  @Test
  void closingWithoutCommittingDiscards() throws Exception {
    try (PendingImage pending = receive(scan)) {
      assertTrue(Files.exists(pending.file()));
    }
    assertEquals(List.of(), allFiles());
  }

  @Test
  void closingAfterCommittingKeepsTheImage() throws Exception {
    StoredImage stored;
    try (PendingImage pending = receive(scan)) {
      stored = store.commit(pending, FACTS);
    }
    assertEquals(List.of(store.pathOf(stored.key())), allFiles());
  }

  @Test
  void anUploadIsCommittedAtMostOnce() throws Exception {
    PendingImage committed = receive(scan);
    store.commit(committed, FACTS);
    PendingImage discarded = receive(scan);
    store.discard(discarded);

    assertThrows(IllegalStateException.class, () -> store.commit(committed, FACTS));
    assertThrows(IllegalStateException.class, () -> store.commit(discarded, FACTS));
    assertEquals(1, allFiles().size());
  }

  @Test
  void aCommitThatFailsKeepsNothing() throws Exception {
    // Every shard directory name taken by a file: no image can be moved into place.
    for (int shard = 0; shard < 256; shard++) {
      Files.writeString(root.resolve("images").resolve(String.format("%02x", shard)), "");
    }
    PendingImage pending = receive(scan);

    assertThrows(IOException.class, () -> store.commit(pending, FACTS));

    assertThrows(IllegalStateException.class, () -> store.commit(pending, FACTS));
    assertEquals(0, filesUnder(root.resolve("tmp")));
    assertEquals(256, filesUnder(root.resolve("images")));
  }

  @Test
  void refusesAnUploadReceivedByAnotherStore(@TempDir Path otherRoot) throws Exception {
    PendingImage foreign =
        new ImageStore(otherRoot).receive(new ByteArrayInputStream(scan), MAX_BYTES);

    assertThrows(IllegalArgumentException.class, () -> store.commit(foreign, FACTS));
    assertThrows(IllegalArgumentException.class, () -> store.discard(foreign));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "../../etc/passwd",
        "..",
        "0123456789abcdef0123456789abcde",
        "0123456789abcdef0123456789abcdef0",
        "0123456789ABCDEF0123456789ABCDEF",
        "0123456789abcdef0123456789abcde/",
        "../123456789abcdef0123456789abcd",
        "0123456789abcdef0123456789abcde\0",
        "0123456789abcdef0123456789abcdeg",
        "/etc/passwd",
        "C:\\Windows\\win.ini"
      })
  void refusesAnythingButAKey(String notAKey) {
    Thumbnails thumbnails = new Thumbnails(store);

    assertFalse(ImageStore.isValidKey(notAKey));
    assertThrows(IllegalArgumentException.class, () -> store.pathOf(notAKey));
    assertThrows(IllegalArgumentException.class, () -> store.open(notAKey));
    assertThrows(IllegalArgumentException.class, () -> store.exists(notAKey));
    assertThrows(IllegalArgumentException.class, () -> store.size(notAKey));
    assertThrows(IllegalArgumentException.class, () -> store.delete(notAKey));
    assertThrows(IllegalArgumentException.class, () -> thumbnails.thumbnailOf(notAKey));
  }

  @Test
  void anUnknownKeyHasNoImage() {
    String unknown = "0123456789abcdef0123456789abcdef";

    assertFalse(store.exists(unknown));
    assertThrows(NoSuchFileException.class, () -> store.open(unknown));
    assertThrows(NoSuchFileException.class, () -> store.size(unknown));
  }

  @Test
  void deletingIsIdempotentAndTakesTheThumbnailAlong() throws Exception {
    StoredImage stored = storeBytes(scan);
    Path thumbnail = new Thumbnails(store).thumbnailOf(stored.key());

    assertTrue(store.delete(stored.key()));
    assertFalse(store.delete(stored.key()));
    assertFalse(Files.exists(thumbnail));
    assertEquals(List.of(), allFiles());
  }

  @Test
  void aRestartedServerCleansUpUploadsItWasReceiving() throws Exception {
    receive(scan);
    receive(scan);

    ImageStore afterRestart = new ImageStore(root);

    assertEquals(2, afterRestart.cleanTemporaryFiles());
    assertEquals(List.of(), allFiles());
  }

  @Test
  void cleaningUpSparesUploadsInProgress() throws Exception {
    PendingImage inProgress = receive(scan);

    assertEquals(0, store.cleanTemporaryFiles());
    StoredImage stored = store.commit(inProgress, FACTS);
    assertArrayEquals(scan, Files.readAllBytes(store.pathOf(stored.key())));
  }

  @Test
  void removesOnlyOldImagesThatNoRecordRefersTo() throws Exception {
    StoredImage recorded = storeBytes(scan);
    StoredImage orphan = storeBytes(scan);
    StoredImage recentOrphan = storeBytes(scan);
    Thumbnails thumbnails = new Thumbnails(store);
    Path orphanThumbnail = thumbnails.thumbnailOf(orphan.key());
    Path recordedThumbnail = thumbnails.thumbnailOf(recorded.key());
    makeOld(store.pathOf(recorded.key()));
    makeOld(store.pathOf(orphan.key()));
    Set<String> recordedKeys = Set.of(recorded.key());

    int removed = store.removeOrphans(recordedKeys::contains, Duration.ofHours(1));

    assertEquals(1, removed);
    assertFalse(store.exists(orphan.key()));
    assertFalse(Files.exists(orphanThumbnail));
    assertTrue(store.exists(recorded.key()));
    assertTrue(Files.exists(recordedThumbnail));
    assertTrue(store.exists(recentOrphan.key()), "still within the grace period");
  }

  @Test
  void asksAboutKeysOnlyForImagesPastTheGracePeriod() throws Exception {
    storeBytes(scan);

    int removed =
        store.removeOrphans(
            key -> {
              throw new AssertionError("asked about a new image");
            },
            Duration.ofMinutes(10));

    assertEquals(0, removed);
  }

  @Test
  void removesThumbnailsLeftBehindByDeletedImages() throws Exception {
    StoredImage stored = storeBytes(scan);
    Path thumbnail = new Thumbnails(store).thumbnailOf(stored.key());
    Files.delete(store.pathOf(stored.key()));
    makeOld(thumbnail);

    store.removeOrphans(key -> true, Duration.ofHours(1));

    assertFalse(Files.exists(thumbnail));
  }

  @Test
  void leavesFilesItDidNotNameAlone() throws Exception {
    Path stranger = Files.createDirectories(root.resolve("images/ab")).resolve("README");
    Files.writeString(stranger, "operator's note");
    makeOld(stranger);

    store.removeOrphans(key -> false, Duration.ZERO);
    store.cleanTemporaryFiles();

    assertTrue(Files.exists(stranger));
  }

  @Test
  void findsItsImagesAgainAfterARestart() throws Exception {
    StoredImage stored = storeBytes(scan);

    ImageStore afterRestart = new ImageStore(root);

    try (InputStream in = afterRestart.open(stored.key())) {
      assertArrayEquals(scan, in.readAllBytes());
    }
  }

  @Test
  void storedFilesAreReadableByTheServerOnly() throws Exception {
    StoredImage stored = storeBytes(scan);
    Path file = store.pathOf(stored.key());

    assumeTrue(
        file.getFileSystem().supportedFileAttributeViews().contains("posix"),
        "this file system has no POSIX permissions to check");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  private PendingImage receive(byte[] bytes) throws Exception {
    return store.receive(new ByteArrayInputStream(bytes), MAX_BYTES);
  }

  private StoredImage storeBytes(byte[] bytes) throws Exception {
    try (PendingImage pending = receive(bytes)) {
      return store.commit(pending, FACTS);
    }
  }

  private List<Path> allFiles() {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static long filesUnder(Path directory) throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile).count();
    }
  }

  private static void makeOld(Path file) throws IOException {
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
  }
}
