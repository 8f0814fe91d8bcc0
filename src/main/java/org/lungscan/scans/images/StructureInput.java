package org.lungscan.scans.images;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.Checksum;

/**
 * Reads an image file's bytes in order, big-endian as both formats store numbers. Running out of
 * bytes is an {@link EOFException}: for an image that means it is incomplete.
 *
 * <p>Buffers on its own, without locks: a JPEG's compressed data is read a byte at a time, and
 * {@code BufferedInputStream.read()} takes a lock for every byte.
 */
final class StructureInput {

  private static final int BUFFER_BYTES = 64 * 1024;

  private final InputStream in;
  private final byte[] buffer = new byte[BUFFER_BYTES];
  private int position;
  private int limit;

  StructureInput(InputStream in) {
    this.in = in;
  }

  int u8() throws IOException {
    if (position == limit && !refill()) {
      throw new EOFException();
    }
    return buffer[position++] & 0xff;
  }

  int u16() throws IOException {
    return (u8() << 8) | u8();
  }

  long u32() throws IOException {
    return ((long) u16() << 16) | u16();
  }

  byte[] bytes(int count) throws IOException {
    byte[] read = new byte[count];
    int done = 0;
    while (done < count) {
      int n = take(read, done, count - done);
      if (n < 0) {
        throw new EOFException();
      }
      done += n;
    }
    return read;
  }

  void skip(long count) throws IOException {
    long left = count;
    while (left > 0) {
      if (position == limit && !refill()) {
        throw new EOFException();
      }
      int n = (int) Math.min(limit - position, left);
      position += n;
      left -= n;
    }
  }

  /** Reads past {@code count} bytes, adding them to {@code checksum}. */
  void pass(long count, Checksum checksum) throws IOException {
    long left = count;
    while (left > 0) {
      if (position == limit && !refill()) {
        throw new EOFException();
      }
      int n = (int) Math.min(limit - position, left);
      checksum.update(buffer, position, n);
      position += n;
      left -= n;
    }
  }

  /** Copies the next {@code count} bytes to {@code out}. */
  void copy(long count, OutputStream out) throws IOException {
    long left = count;
    while (left > 0) {
      if (position == limit && !refill()) {
        throw new EOFException();
      }
      int n = (int) Math.min(limit - position, left);
      out.write(buffer, position, n);
      position += n;
      left -= n;
    }
  }

  /** Reads past the bytes before the next {@code value}, and that byte. */
  void skipPast(byte value) throws IOException {
    while (true) {
      if (position == limit && !refill()) {
        throw new EOFException();
      }
      for (int i = position; i < limit; i++) {
        if (buffer[i] == value) {
          position = i + 1;
          return;
        }
      }
      position = limit;
    }
  }

  /** Copies the bytes before the next {@code value} to {@code out}, and reads past that byte. */
  void copyUntil(byte value, OutputStream out) throws IOException {
    while (true) {
      if (position == limit && !refill()) {
        throw new EOFException();
      }
      for (int i = position; i < limit; i++) {
        if (buffer[i] == value) {
          out.write(buffer, position, i - position);
          position = i + 1;
          return;
        }
      }
      out.write(buffer, position, limit - position);
      position = limit;
    }
  }

  /** Up to {@code length} bytes into {@code target}; -1 at the end. */
  private int take(byte[] target, int offset, int length) throws IOException {
    if (position == limit && !refill()) {
      return -1;
    }
    int n = Math.min(limit - position, length);
    System.arraycopy(buffer, position, target, offset, n);
    position += n;
    return n;
  }

  /** Whether more bytes could be read. */
  private boolean refill() throws IOException {
    int n;
    do {
      n = in.read(buffer, 0, buffer.length);
    } while (n == 0);
    if (n < 0) {
      return false;
    }
    position = 0;
    limit = n;
    return true;
  }
}
