package org.lungscan.scans.images;

import java.util.Objects;

/** What checking an upload proved about it: its kind by content, and its size in pixels. */
public record ImageFacts(String contentType, int width, int height) {

  public ImageFacts {
    Objects.requireNonNull(contentType, "contentType");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("An image has at least one pixel on each side.");
    }
  }

  public long pixels() {
    return (long) width * height;
  }
}
