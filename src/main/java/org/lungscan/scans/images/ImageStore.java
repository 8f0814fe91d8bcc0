package org.lungscan.scans.images;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The scan images on disk, each under a random key the server chose; an uploaded file's own name
 * never reaches a path. Under the root:
 *
 * <pre>
 *   images/ab/ab12...ef          the images, sharded by the key's first two hex digits
 *   thumbnails/ab/ab12...ef.png  their thumbnails (see {@link Thumbnails})
 *   tmp/*.part                   uploads being received, and thumbnails being written
 * </pre>
 *
 * An image appears under its key only whole and forced to disk (written to tmp, then renamed in one
 * step), so a database row written after {@link #commit} never points at a partial file. It is kept
 * without its metadata and trailing bytes ({@link WithoutMetadata}), and read back only once its
 * bytes still have the SHA-256 they were kept with ({@link #openVerified}, {@link #verify}).
 * Thread-safe; one instance per root.
 */
public final class ImageStore {

  private static final Logger LOG = Logger.getLogger(ImageStore.class.getName());
  private static final String TEMPORARY_SUFFIX = ".part";
  private static final String THUMBNAIL_SUFFIX = ".png";

  private final Path images;
  private final Path thumbnails;
  private final Path temporary;
  private final SecureRandom random = new SecureRandom();
  private final Set<Path> temporaryFilesInUse = ConcurrentHashMap.newKeySet();

  /** Opens the store under {@code root}, creating its directories if needed. */
  public ImageStore(Path root) throws IOException {
    Path base = root.toAbsolutePath().normalize();
    this.images = Files.createDirectories(base.resolve("images"));
    this.thumbnails = Files.createDirectories(base.resolve("thumbnails"));
    this.temporary = Files.createDirectories(base.resolve("tmp"));
  }

  /** Whether {@code key} has the form of a key this store hands out (it may not exist). */
  public static boolean isValidKey(String key) {
    return ImageKeys.isValid(key);
  }

  /**
   * Receives an upload into a temporary file, hashing it and forcing it to disk. Nothing is kept
   * under a key until {@link #commit}.
   *
   * @throws FileTooLargeException after deleting what was received, once more than {@code maxBytes}
   *     arrive
   * @throws IOException after deleting what was received, if reading or writing fails
   */
  public PendingImage receive(InputStream upload, long maxBytes)
      throws IOException, FileTooLargeException {
    Objects.requireNonNull(upload, "upload");
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must not be negative.");
    }
    Path file = newTemporaryFile();
    try {
      DurableFiles.Written written = DurableFiles.copyLimited(upload, file, maxBytes);
      return new PendingImage(this, file, written.sizeBytes(), written.sha256());
    } catch (Throwable e) {
      releaseTemporaryFile(file);
      throw e;
    }
  }

  /**
   * Keeps a checked upload under a new key, without its metadata and trailing bytes: the pixels are
   * the same, the size and SHA-256 returned are those of the bytes kept. When this returns, the
   * file is in place and on disk, so the caller may now record it; if recording fails, the caller
   * {@link #delete}s the key.
   *
   * @param facts what {@link ImageCheck#check} found for {@code pending.file()}
   * @throws IllegalStateException if the upload was already committed or discarded
   * @throws IOException if it could not be kept; it is discarded then, and nothing is kept
   */
  public StoredImage commit(PendingImage pending, ImageFacts facts) throws IOException {
    Objects.requireNonNull(facts, "facts");
    requireOwn(pending);
    synchronized (pending) {
      if (pending.state() != PendingImage.State.RECEIVED) {
        throw new IllegalStateException(
            "This upload was already " + pending.state().name().toLowerCase(Locale.ROOT) + ".");
      }
      String key = unusedKey();
      if (!mustStrip(pending)) {
        moveIntoPlace(pending, pending.file(), pathOf(key));
        return new StoredImage(
            key,
            facts.contentType(),
            pending.sizeBytes(),
            facts.width(),
            facts.height(),
            pending.sha256());
      }
      Path stripped = newTemporaryFile();
      try {
        DurableFiles.Written kept = strip(pending, stripped);
        moveIntoPlace(
            pending,
            kept.sha256().equals(pending.sha256()) ? pending.file() : stripped,
            pathOf(key));
        return new StoredImage(
            key,
            facts.contentType(),
            kept.sizeBytes(),
            facts.width(),
            facts.height(),
            kept.sha256());
      } finally {
        releaseTemporaryFile(stripped);
      }
    }
  }

  /** Deletes an upload that will not be kept. Does nothing if it was committed or discarded. */
  public void discard(PendingImage pending) {
    requireOwn(pending);
    synchronized (pending) {
      if (pending.state() == PendingImage.State.RECEIVED) {
        pending.moveTo(PendingImage.State.DISCARDED);
        releaseTemporaryFile(pending.file());
      }
    }
  }

  /**
   * Where the image with this key is (or would be) kept.
   *
   * @throws IllegalArgumentException if {@code key} is not a well-formed key
   */
  public Path pathOf(String key) {
    String valid = ImageKeys.requireValid(key);
    return images.resolve(ImageKeys.shardOf(valid)).resolve(valid);
  }

  /**
   * The image's bytes as they are on disk, unchecked.
   *
   * @throws NoSuchFileException if there is no image with this key
   */
  public InputStream open(String key) throws IOException {
    return Files.newInputStream(pathOf(key));
  }

  /**
   * The image's bytes, read once through to check that they still have {@code sha256} and then
   * handed out from the same open file.
   *
   * @throws DamagedImageException if they do not (nothing is handed out)
   * @throws NoSuchFileException if there is no image with this key
   */
  public InputStream openVerified(String key, String sha256)
      throws IOException, DamagedImageException {
    FileChannel channel = FileChannel.open(pathOf(key), StandardOpenOption.READ);
    try {
      requireSha256(channel, key, sha256);
      channel.position(0);
      return Channels.newInputStream(channel);
    } catch (IOException | DamagedImageException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * Checks that the image's bytes still have {@code sha256}.
   *
   * @throws DamagedImageException if they do not
   * @throws NoSuchFileException if there is no image with this key
   */
  public void verify(String key, String sha256) throws IOException, DamagedImageException {
    try (FileChannel channel = FileChannel.open(pathOf(key), StandardOpenOption.READ)) {
      requireSha256(channel, key, sha256);
    }
  }

  public boolean exists(String key) {
    return Files.isRegularFile(pathOf(key));
  }

  /**
   * @throws NoSuchFileException if there is no image with this key
   */
  public long size(String key) throws IOException {
    return Files.size(pathOf(key));
  }

  /**
   * Deletes the image and its thumbnail. Deleting a key that is not there does nothing.
   *
   * @return whether there was an image to delete
   */
  public boolean delete(String key) throws IOException {
    Path image = pathOf(key);
    Files.deleteIfExists(thumbnailPathOf(key));
    return Files.deleteIfExists(image);
  }

  /**
   * Deletes what uploads and thumbnails left in the temporary area when the server stopped in the
   * middle of them. Files this instance is still writing are left alone.
   *
   * @return how many files were deleted
   */
  public int cleanTemporaryFiles() throws IOException {
    int deleted = 0;
    for (Path file : filesIn(temporary)) {
      if (!temporaryFilesInUse.contains(file) && DurableFiles.deleteQuietly(file)) {
        deleted++;
      }
    }
    if (deleted > 0) {
      LOG.log(Level.INFO, "Deleted {0} temporary files left by interrupted uploads.", deleted);
    }
    return deleted;
  }

  /**
   * Deletes the images no record refers to, and thumbnails whose image is gone. Only files last
   * committed more than {@code olderThan} ago are considered, so an upload between {@link #commit}
   * and its record is never taken for an orphan; make it far longer than any upload transaction.
   *
   * @param keyIsKnown whether a record refers to the key; asked only for old enough images
   * @return how many images were deleted
   */
  public int removeOrphans(Predicate<String> keyIsKnown, Duration olderThan) throws IOException {
    Objects.requireNonNull(keyIsKnown, "keyIsKnown");
    if (olderThan.isNegative()) {
      throw new IllegalArgumentException("olderThan must not be negative.");
    }
    Instant cutoff = Instant.now().minus(olderThan);
    int images = removeOrphanImages(keyIsKnown, cutoff);
    int thumbnails = removeOrphanThumbnails(cutoff);
    if (images + thumbnails > 0) {
      LOG.log(
          Level.INFO,
          "Deleted {0} images no record refers to and {1} thumbnails of deleted" + " images.",
          new Object[] {images, thumbnails});
    }
    return images;
  }

  Path thumbnailPathOf(String key) {
    String valid = ImageKeys.requireValid(key);
    return thumbnails.resolve(ImageKeys.shardOf(valid)).resolve(valid + THUMBNAIL_SUFFIX);
  }

  /** A new empty file in the temporary area that cleanup leaves alone until it is released. */
  Path newTemporaryFile() throws IOException {
    Path file = temporary.resolve(ImageKeys.newKey(random) + TEMPORARY_SUFFIX);
    // Registered before it exists, so cleanup can never see it unregistered.
    temporaryFilesInUse.add(file);
    try {
      DurableFiles.createPrivateFile(file);
    } catch (IOException | RuntimeException e) {
      temporaryFilesInUse.remove(file);
      throw e;
    }
    return file;
  }

  /** Deletes the temporary file if it is still there and lets cleanup have it. */
  void releaseTemporaryFile(Path file) {
    DurableFiles.deleteQuietly(file);
    temporaryFilesInUse.remove(file);
  }

  /** Whether the upload has anything to strip; a copy is written only then. */
  private boolean mustStrip(PendingImage pending) throws IOException {
    try {
      return WithoutMetadata.wouldChange(pending.file());
    } catch (IOException | RuntimeException e) {
      pending.moveTo(PendingImage.State.DISCARDED);
      releaseTemporaryFile(pending.file());
      throw e;
    }
  }

  /** The upload without its metadata, in {@code target}; forced to disk if it differs. */
  private DurableFiles.Written strip(PendingImage pending, Path target) throws IOException {
    try {
      DurableFiles.Written kept = WithoutMetadata.copy(pending.file(), target);
      if (!kept.sha256().equals(pending.sha256())) {
        DurableFiles.force(target);
      }
      return kept;
    } catch (IOException | RuntimeException e) {
      pending.moveTo(PendingImage.State.DISCARDED);
      releaseTemporaryFile(pending.file());
      throw e;
    }
  }

  /** Moves {@code source} (the upload or its stripped copy) under its key; the upload is done. */
  private void moveIntoPlace(PendingImage pending, Path source, Path target) throws IOException {
    try {
      // The orphan grace period counts from now, not from when the upload began.
      Files.setLastModifiedTime(source, FileTime.from(Instant.now()));
      DurableFiles.moveAtomically(source, target);
      pending.moveTo(PendingImage.State.COMMITTED);
      releaseTemporaryFile(pending.file());
    } catch (IOException | RuntimeException e) {
      pending.moveTo(PendingImage.State.DISCARDED);
      DurableFiles.deleteQuietly(target);
      releaseTemporaryFile(pending.file());
      throw e;
    }
  }

  private static void requireSha256(FileChannel channel, String key, String sha256)
      throws IOException, DamagedImageException {
    if (!DurableFiles.sha256Of(channel).equals(sha256)) {
      LOG.log(Level.SEVERE, "Integrity failure: stored image {0} was changed or damaged", key);
      throw new DamagedImageException(key);
    }
  }

  private String unusedKey() {
    String key = ImageKeys.newKey(random);
    while (Files.exists(pathOf(key))) {
      key = ImageKeys.newKey(random);
    }
    return key;
  }

  private int removeOrphanImages(Predicate<String> keyIsKnown, Instant cutoff) throws IOException {
    int deleted = 0;
    for (Path shard : directoriesIn(images)) {
      for (Path file : filesIn(shard)) {
        String key = file.getFileName().toString();
        if (ImageKeys.isValid(key)
            && isOlderThan(file, cutoff)
            && !keyIsKnown.test(key)
            && delete(key)) {
          LOG.log(Level.INFO, "Deleted image {0}: no record refers to it.", key);
          deleted++;
        }
      }
    }
    return deleted;
  }

  private int removeOrphanThumbnails(Instant cutoff) throws IOException {
    int deleted = 0;
    for (Path shard : directoriesIn(thumbnails)) {
      for (Path file : filesIn(shard)) {
        String name = file.getFileName().toString();
        String key = name.substring(0, Math.max(0, name.length() - THUMBNAIL_SUFFIX.length()));
        if (name.endsWith(THUMBNAIL_SUFFIX)
            && ImageKeys.isValid(key)
            && isOlderThan(file, cutoff)
            && !exists(key)
            && DurableFiles.deleteQuietly(file)) {
          deleted++;
        }
      }
    }
    return deleted;
  }

  private static boolean isOlderThan(Path file, Instant cutoff) throws IOException {
    try {
      return Files.getLastModifiedTime(file).toInstant().isBefore(cutoff);
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  private static List<Path> filesIn(Path directory) throws IOException {
    return list(directory, Files::isRegularFile);
  }

  private static List<Path> directoriesIn(Path directory) throws IOException {
    return list(directory, Files::isDirectory);
  }

  private static List<Path> list(Path directory, DirectoryStream.Filter<Path> filter)
      throws IOException {
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, filter)) {
      stream.forEach(entries::add);
    }
    return entries;
  }

  private void requireOwn(PendingImage pending) {
    if (!pending.belongsTo(this)) {
      throw new IllegalArgumentException("This upload was received by another image store.");
    }
  }
}
