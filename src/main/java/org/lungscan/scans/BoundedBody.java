package org.lungscan.scans;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.lungscan.platform.TooLarge;

/**
 * A request body that counts its bytes, and its multipart delimiters, as they are read, and stops
 * with {@link TooLarge} the moment either passes its limit.
 */
final class BoundedBody extends FilterInputStream {

  private final long limitBytes;
  private final String tooLargeMessage;
  private final byte[] delimiter;
  private final int[] fallback;
  private final int maxDelimiters;
  private long read;
  private int matched;
  private int delimiters;

  /**
   * @param tooLargeMessage what the client is told once the body passes {@code limitBytes}
   * @param boundary the multipart boundary, or null when the body is not multipart
   * @param maxParts most parts allowed; the closing delimiter is not a part
   */
  BoundedBody(
      InputStream body, long limitBytes, String tooLargeMessage, String boundary, int maxParts) {
    super(body);
    this.limitBytes = limitBytes;
    this.tooLargeMessage = tooLargeMessage;
    this.delimiter =
        boundary == null ? new byte[0] : ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    this.fallback = fallbackTable(delimiter);
    this.maxDelimiters = maxParts + 1;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count(1);
      see((byte) b);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      count(n);
      if (delimiter.length > 0) {
        byte first = delimiter[0];
        for (int i = offset; i < offset + n; i++) {
          // most bytes cannot start a delimiter: a tight loop passes them by
          if (matched > 0 || buffer[i] == first) {
            see(buffer[i]);
          }
        }
      }
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] discard = new byte[8192];
    long skipped = 0;
    while (skipped < n) {
      int r = read(discard, 0, (int) Math.min(discard.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  private void count(int n) {
    read += n;
    if (read > limitBytes) {
      throw new TooLarge(tooLargeMessage);
    }
  }

  /** One step of a Knuth-Morris-Pratt search for the delimiter. */
  private void see(byte b) {
    if (delimiter.length == 0) {
      return;
    }
    while (matched > 0 && delimiter[matched] != b) {
      matched = fallback[matched - 1];
    }
    if (delimiter[matched] == b) {
      matched++;
    }
    if (matched == delimiter.length) {
      matched = fallback[matched - 1];
      if (++delimiters > maxDelimiters) {
        throw new TooLarge(
            "The upload has more than "
                + (maxDelimiters - 1)
                + " parts: send patient_id and image.");
      }
    }
  }

  private static int[] fallbackTable(byte[] pattern) {
    int[] table = new int[pattern.length];
    for (int i = 1, k = 0; i < pattern.length; i++) {
      while (k > 0 && pattern[i] != pattern[k]) {
        k = table[k - 1];
      }
      if (pattern[i] == pattern[k]) {
        k++;
      }
      table[i] = k;
    }
    return table;
  }
}
