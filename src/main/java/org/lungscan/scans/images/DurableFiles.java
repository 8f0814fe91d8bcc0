package org.lungscan.scans.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.logging.Level;
import java.util.logging.Logger;

/** File operations that survive a crash: written data is forced to disk before it is published. */
final class DurableFiles {

  /** What was written: how many bytes and their SHA-256 in lowercase hex. */
  record Written(long sizeBytes, String sha256) {}

  /** What to write into a file. */
  @FunctionalInterface
  interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private static final Logger LOG = Logger.getLogger(DurableFiles.class.getName());
  private static final int BUFFER_BYTES = 64 * 1024;

  private DurableFiles() {}

  /** Creates a new empty file readable by the server's own user only (where the platform can). */
  static void createPrivateFile(Path file) throws IOException {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      FileAttribute<?> ownerOnly =
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
      Files.createFile(file, ownerOnly);
    } else {
      Files.createFile(file);
    }
  }

  /**
   * Copies {@code in} into the existing {@code file}, hashing as it goes, and forces it to disk.
   * Reads at most one byte past {@code maxBytes} before giving up.
   */
  static Written copyLimited(InputStream in, Path file, long maxBytes)
      throws IOException, FileTooLargeException {
    MessageDigest sha256 = sha256();
    byte[] buffer = new byte[BUFFER_BYTES];
    long size = 0;
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
      int n;
      while ((n = in.read(buffer, 0, (int) (Math.min(buffer.length - 1L, maxBytes - size) + 1)))
          >= 0) {
        size += n;
        if (size > maxBytes) {
          throw new FileTooLargeException(maxBytes);
        }
        sha256.update(buffer, 0, n);
        writeFully(out, ByteBuffer.wrap(buffer, 0, n));
      }
      out.force(true);
    }
    return new Written(size, HexFormat.of().formatHex(sha256.digest()));
  }

  /**
   * Writes {@code content} into the existing empty {@code file}, hashing as it goes. Not yet forced
   * to disk: {@link #force} it before it is published.
   */
  static Written write(Path file, Content content) throws IOException {
    MessageDigest sha256 = sha256();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      OutputStream out =
          new UnlockedBuffer(new DigestOutputStream(Channels.newOutputStream(channel), sha256));
      content.writeTo(out);
      out.flush();
      return new Written(channel.size(), HexFormat.of().formatHex(sha256.digest()));
    }
  }

  static void force(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  /** SHA-256 in lowercase hex of what is left in {@code channel}, read to its end. */
  static String sha256Of(FileChannel channel) throws IOException {
    MessageDigest sha256 = sha256();
    ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
    while (channel.read(buffer) >= 0) {
      buffer.flip();
      sha256.update(buffer);
      buffer.clear();
    }
    return HexFormat.of().formatHex(sha256.digest());
  }

  /** Renames {@code source} to {@code target} in one step and makes the rename durable. */
  static void moveAtomically(Path source, Path target) throws IOException {
    Path directory = target.getParent();
    boolean newDirectory = !Files.isDirectory(directory);
    Files.createDirectories(directory);
    Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    syncDirectory(directory);
    if (newDirectory) {
      syncDirectory(directory.getParent());
    }
  }

  static boolean deleteQuietly(Path file) {
    try {
      return Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Could not delete " + file + "; it will be removed at cleanup.", e);
      return false;
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256.", e);
    }
  }

  private static void syncDirectory(Path directory) throws IOException {
    FileChannel channel;
    try {
      channel = FileChannel.open(directory, StandardOpenOption.READ);
    } catch (IOException e) {
      LOG.log(Level.FINE, "This platform cannot open a directory to sync it.", e);
      return;
    }
    try (channel) {
      channel.force(true);
    }
  }

  private static void writeFully(FileChannel out, ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      out.write(bytes);
    }
  }

  /**
   * A write buffer without {@code BufferedOutputStream}'s lock on every call: copies of JPEGs write
   * their compressed data a byte at a time.
   */
  private static final class UnlockedBuffer extends OutputStream {
    private final OutputStream out;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int count;

    UnlockedBuffer(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      if (count == buffer.length) {
        drain();
      }
      buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      if (length >= buffer.length) {
        drain();
        out.write(bytes, offset, length);
        return;
      }
      if (length > buffer.length - count) {
        drain();
      }
      System.arraycopy(bytes, offset, buffer, count, length);
      count += length;
    }

    @Override
    public void flush() throws IOException {
      drain();
      out.flush();
    }

    private void drain() throws IOException {
      if (count > 0) {
        out.write(buffer, 0, count);
        count = 0;
      }
    }
  }
}
