package org.lungscan.scans;

import java.io.IOException;
import java.io.InputStream;

/**
 * A scan's stored image or its thumbnail, ready to be sent: what it is, how many bytes, and the
 * bytes themselves, open for reading once. Whoever receives it closes it (a JAX-RS response closes
 * the stream it sends).
 */
public record ScanImage(String contentType, long length, InputStream content)
    implements AutoCloseable {

  /** The file name extension that goes with the content type. */
  public String extension() {
    return "image/png".equals(contentType) ? "png" : "jpg";
  }

  @Override
  public void close() throws IOException {
    content.close();
  }
}
