package org.lungscan.scans.images;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Encodes a picture the server drew (a heatmap, a legend) as PNG bytes. */
public final class PngEncoding {

  public static final String CONTENT_TYPE = "image/png";

  private PngEncoding() {}

  public static byte[] encode(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", out)) {
        throw new IllegalStateException("no PNG writer for " + image);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("a PNG could not be written in memory", e);
    }
    return out.toByteArray();
  }
}
