package org.lungscan.scans.images;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Decoded pixels as a PNG of pixels only: ImageIO's writer adds no text, time or Exif chunk, so
 * nothing of the original file but its pixels survives (the retraining dataset is made of these).
 */
public final class PixelsOnlyPng {

  private PixelsOnlyPng() {}

  public static byte[] encode(BufferedImage image) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", bytes)) {
        throw new IllegalStateException("no PNG writer for this image");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
