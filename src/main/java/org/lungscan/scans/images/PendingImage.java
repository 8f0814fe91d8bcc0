package org.lungscan.scans.images;

import java.nio.file.Path;

/**
 * An upload received into the store's temporary area but not yet kept: check it, then either {@link
 * ImageStore#commit commit} or {@link ImageStore#discard discard} it. Closing it discards it unless
 * it was committed, so a try-with-resources block never leaves a temporary file behind.
 */
public final class PendingImage implements AutoCloseable {

  enum State {
    RECEIVED,
    COMMITTED,
    DISCARDED
  }

  private final ImageStore store;
  private final Path file;
  private final long sizeBytes;
  private final String sha256;
  private State state = State.RECEIVED;

  PendingImage(ImageStore store, Path file, long sizeBytes, String sha256) {
    this.store = store;
    this.file = file;
    this.sizeBytes = sizeBytes;
    this.sha256 = sha256;
  }

  /** The received bytes, to be checked; read it, never move or delete it. */
  public Path file() {
    return file;
  }

  public long sizeBytes() {
    return sizeBytes;
  }

  /** SHA-256 of the received bytes in lowercase hex. */
  public String sha256() {
    return sha256;
  }

  @Override
  public void close() {
    store.discard(this);
  }

  boolean belongsTo(ImageStore owner) {
    return store == owner;
  }

  synchronized State state() {
    return state;
  }

  synchronized void moveTo(State next) {
    state = next;
  }
}
