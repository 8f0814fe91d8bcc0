package org.lungscan.scans;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.lungscan.platform.Invalid;

/**
 * A {@code multipart/form-data} body read one part at a time straight from the request (RFC 7578):
 * a part's content streams to whoever reads it and is never held whole in memory or copied to a
 * file first, so an image goes from the socket to the store's file in one pass. Parts must be read
 * in order; asking for the next part skips what is left of the current one.
 */
final class MultipartForm {

  /** The body is not the multipart form it claims to be. */
  static final class MalformedException extends IOException {
    MalformedException(String message) {
      super(message);
    }
  }

  /** One part: its name, the file name a browser gave it, and its content. */
  record Part(String name, Optional<String> fileName, InputStream content) {

    /** The content as UTF-8 text, or empty when it is longer than {@code maxBytes}. */
    Optional<String> text(int maxBytes) throws IOException {
      byte[] bytes = content.readNBytes(maxBytes + 1);
      return bytes.length > maxBytes
          ? Optional.empty()
          : Optional.of(new String(bytes, StandardCharsets.UTF_8));
    }
  }

  private static final int BUFFER_BYTES = 64 * 1024;
  private static final int MAX_HEADER_BYTES = 8 * 1024;

  private final InputStream body;
  private final byte[] delimiter;
  private final byte[] buffer;
  private int start;
  private int end;

  /** No delimiter starts in the buffer before this index (so it is not searched twice). */
  private int clearUntil;

  private boolean bodyEnded;
  private boolean formEnded;
  private PartContent current;

  /**
   * @param boundary the {@code boundary} parameter of the body's content type
   */
  MultipartForm(InputStream body, String boundary) throws MalformedException {
    if (boundary == null || boundary.isEmpty() || boundary.length() > 200) {
      throw new MalformedException("The multipart body has no boundary.");
    }
    this.body = body;
    this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    this.buffer = new byte[BUFFER_BYTES + delimiter.length];
    // The first delimiter may open the body without a line break before it.
    buffer[0] = '\r';
    buffer[1] = '\n';
    end = 2;
    current = new PartContent();
  }

  /** The next part, or empty after the last one. */
  Optional<Part> next() throws IOException {
    current.skipRest();
    if (formEnded) {
      return Optional.empty();
    }
    if (fill(2) < 2) {
      throw new MalformedException("The multipart body ends after a boundary.");
    }
    if (buffer[start] == '-' && buffer[start + 1] == '-') {
      formEnded = true;
      return Optional.empty();
    }
    skipLine();
    String name = null;
    String fileName = null;
    int headerBytes = 0;
    while (true) {
      String line = line();
      headerBytes += line.length() + 2;
      if (headerBytes > MAX_HEADER_BYTES) {
        throw new MalformedException("A part's headers are too long.");
      }
      if (line.isEmpty()) {
        break;
      }
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("content-disposition")) {
        String value = line.substring(colon + 1);
        name = parameter(value, "name");
        fileName = parameter(value, "filename");
      }
    }
    current = new PartContent();
    return Optional.of(new Part(name == null ? "" : name, Optional.ofNullable(fileName), current));
  }

  /** Skips transport padding and the line break after a delimiter. */
  private void skipLine() throws IOException {
    line();
  }

  /** One header line without its CRLF, decoded as UTF-8 (what browsers send). */
  private String line() throws IOException {
    while (true) {
      for (int i = start; i + 1 < end; i++) {
        if (buffer[i] == '\r' && buffer[i + 1] == '\n') {
          String text = new String(buffer, start, i - start, StandardCharsets.UTF_8);
          start = i + 2;
          return text;
        }
      }
      int buffered = end - start;
      if (buffered >= MAX_HEADER_BYTES) {
        throw new MalformedException("A part's headers are too long.");
      }
      if (fill(buffered + 1) <= buffered) {
        throw new MalformedException("The multipart body ends inside a part's headers.");
      }
    }
  }

  /** A parameter of a Content-Disposition value: {@code name="x"} or {@code name=x}. */
  static String parameter(String value, String parameter) {
    int i = 0;
    while (i < value.length()) {
      int semicolon = value.indexOf(';', i);
      if (semicolon < 0) {
        return null;
      }
      int nameStart = semicolon + 1;
      int equals = value.indexOf('=', nameStart);
      if (equals < 0) {
        return null;
      }
      String name = value.substring(nameStart, equals).strip().toLowerCase(Locale.ROOT);
      int at = equals + 1;
      while (at < value.length() && value.charAt(at) == ' ') {
        at++;
      }
      StringBuilder text = new StringBuilder();
      if (at < value.length() && value.charAt(at) == '"') {
        at++;
        while (at < value.length() && value.charAt(at) != '"') {
          char c = value.charAt(at++);
          if (c == '\\' && at < value.length()) {
            c = value.charAt(at++);
          }
          text.append(c);
        }
        at++;
      } else {
        while (at < value.length() && value.charAt(at) != ';') {
          text.append(value.charAt(at++));
        }
      }
      if (name.equals(parameter)) {
        return parameter.equals("filename") ? text.toString() : text.toString().strip();
      }
      i = at;
    }
    return null;
  }

  /**
   * Reads until at least {@code wanted} bytes are buffered or the body ends; moves what is left to
   * the buffer's start first when there is no room behind it.
   *
   * @return the bytes buffered
   */
  private int fill(int wanted) throws IOException {
    if (wanted > buffer.length) {
      throw new IllegalArgumentException("more than the buffer holds");
    }
    if (buffer.length - start < wanted) {
      System.arraycopy(buffer, start, buffer, 0, end - start);
      end -= start;
      clearUntil = Math.max(0, clearUntil - start);
      start = 0;
    }
    while (end - start < wanted && !bodyEnded) {
      int n = body.read(buffer, end, buffer.length - end);
      if (n < 0) {
        bodyEnded = true;
      } else {
        end += n;
      }
    }
    return end - start;
  }

  /**
   * Where the delimiter starts in the buffered bytes, or -1; afterwards no delimiter starts before
   * {@link #clearUntil}.
   */
  private int delimiterAt() {
    byte first = delimiter[0];
    int i = Math.max(start, clearUntil);
    for (; i <= end - delimiter.length; i++) {
      if (buffer[i] == first && matchesAt(i)) {
        clearUntil = i;
        return i;
      }
    }
    clearUntil = Math.max(clearUntil, i);
    return -1;
  }

  private boolean matchesAt(int at) {
    for (int j = 1; j < delimiter.length; j++) {
      if (buffer[at + j] != delimiter[j]) {
        return false;
      }
    }
    return true;
  }

  /** The current part's content: ends where the next delimiter starts. */
  private final class PartContent extends InputStream {
    private boolean ended;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
      if (ended) {
        return -1;
      }
      if (length == 0) {
        return 0;
      }
      while (true) {
        if (clearUntil > start) {
          int n = Math.min(length, clearUntil - start);
          System.arraycopy(buffer, start, target, offset, n);
          start += n;
          return n;
        }
        int found = delimiterAt();
        if (found == start) {
          start += delimiter.length;
          ended = true;
          return -1;
        }
        int safe = found >= 0 ? found - start : end - start - (delimiter.length - 1);
        if (safe > 0) {
          int n = Math.min(length, safe);
          System.arraycopy(buffer, start, target, offset, n);
          start += n;
          return n;
        }
        int before = end - start;
        if (fill(Math.max(delimiter.length, before + 1)) <= before) {
          // unchecked, so that it passes through whoever streams the part (the image store)
          throw new Invalid("image", "The multipart body ends inside a part: it was cut short.");
        }
      }
    }

    void skipRest() throws IOException {
      byte[] discard = new byte[8192];
      while (read(discard, 0, discard.length) >= 0) {
        // skipped
      }
    }
  }
}
