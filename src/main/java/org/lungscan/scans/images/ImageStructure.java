package org.lungscan.scans.images;

import java.io.IOException;

/** A walk through an image file's own structure, done in one pass before any decoding. */
interface ImageStructure {

  /** Reads the header as far as the size; the file is not read further. */
  PixelSize readSize() throws IOException, InvalidImageException;

  /** Reads on to the format's end marker, refusing anything incomplete or inconsistent. */
  void verifyToEnd() throws IOException, InvalidImageException;

  static ImageStructure of(ImageFormat format, StructureInput in) {
    return format == ImageFormat.PNG ? new PngStructure(in) : new JpegStructure(in);
  }
}
