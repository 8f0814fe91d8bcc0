package org.lungscan.scans.images;

/** An image's width and height in pixels as its header states them, before any decoding. */
record PixelSize(long width, long height) {

  long pixels() {
    return width * height;
  }
}
