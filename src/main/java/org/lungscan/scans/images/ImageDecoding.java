package org.lungscan.scans.images;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes images with ImageIO: whole, for the model, or keeping at most a given number of pixels in
 * memory, for checks and thumbnails (every row and column is still decoded, but only every n-th is
 * kept).
 */
public final class ImageDecoding {

  /** The kept pixels, the image's full size as the decoder read it, and the decoder's warnings. */
  record Decoded(BufferedImage kept, int width, int height, List<String> warnings) {}

  private ImageDecoding() {}

  /**
   * Every pixel of an image, decoded by whichever ImageIO reader recognises its bytes; empty when
   * none does.
   */
  public static Optional<BufferedImage> whole(InputStream image) throws IOException {
    return Optional.ofNullable(ImageIO.read(image));
  }

  static Decoded decode(Path file, ImageFormat format, long maxKeptPixels) throws IOException {
    ImageReader reader = readerFor(format);
    try (ImageInputStream stream = new FileImageInputStream(file.toFile())) {
      List<String> warnings = new ArrayList<>();
      reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
      reader.setInput(stream, true, true);
      int width = reader.getWidth(0);
      int height = reader.getHeight(0);
      BufferedImage kept = reader.read(0, keeping(reader, width, height, maxKeptPixels));
      return new Decoded(kept, width, height, List.copyOf(warnings));
    } finally {
      reader.dispose();
    }
  }

  private static ImageReadParam keeping(ImageReader reader, int width, int height, long maxPixels) {
    int step = 1;
    while (ceilDiv(width, step) * ceilDiv(height, step) > maxPixels) {
      step++;
    }
    ImageReadParam param = reader.getDefaultReadParam();
    // Offsets keep the last row and column, so no decoder may stop before the end of the data.
    param.setSourceSubsampling(step, step, (width - 1) % step, (height - 1) % step);
    return param;
  }

  private static long ceilDiv(long value, long divisor) {
    return (value + divisor - 1) / divisor;
  }

  private static ImageReader readerFor(ImageFormat format) throws IIOException {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(format.contentType());
    if (!readers.hasNext()) {
      throw new IIOException("No ImageIO reader for " + format.contentType());
    }
    return readers.next();
  }
}
