package org.lungscan.scans.images;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.Checksum;

/**
 * Reads an image file's bytes in order, big-endian as both formats store numbers. Running out of
 * bytes is an {@link EOFException}: for an image that means it is incomplete.
 */
final class StructureInput {

  private static final int BUFFER_BYTES = 8192;

  private final InputStream in;
  private final byte[] buffer = new byte[BUFFER_BYTES];

  StructureInput(InputStream bufferedIn) {
    this.in = bufferedIn;
  }

  int u8() throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException();
    }
    return b;
  }

  int u16() throws IOException {
    return (u8() << 8) | u8();
  }

  long u32() throws IOException {
    return ((long) u16() << 16) | u16();
  }

  byte[] bytes(int count) throws IOException {
    byte[] read = in.readNBytes(count);
    if (read.length < count) {
      throw new EOFException();
    }
    return read;
  }

  void skip(long count) throws IOException {
    long left = count;
    while (left > 0) {
      long skipped = in.skip(left);
      if (skipped > 0) {
        left -= skipped;
      } else {
        u8();
        left--;
      }
    }
  }

  /** Reads past {@code count} bytes, adding them to {@code checksum}. */
  void pass(long count, Checksum checksum) throws IOException {
    long left = count;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new EOFException();
      }
      checksum.update(buffer, 0, n);
      left -= n;
    }
  }

  /** Copies the next {@code count} bytes to {@code out}. */
  void copy(long count, OutputStream out) throws IOException {
    long left = count;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new EOFException();
      }
      out.write(buffer, 0, n);
      left -= n;
    }
  }
}
