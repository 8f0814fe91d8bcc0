package org.lungscan.predictions.inference;

import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.util.List;
import java.util.stream.IntStream;

/**
 * An image's pixels as TensorFlow's {@code tf.io.decode_png(data, channels=N)} (uint8) gives them,
 * taken from the raster (never through {@code getRGB}, which would colour-manage gray images):
 *
 * <ul>
 *   <li>8-bit samples as they are; 16-bit samples keep their high byte ({@code png_set_strip_16});
 *       1, 2 and 4-bit gray are scaled to 0-255;
 *   <li>palette images are looked up in their palette; alpha is dropped, not composited;
 *   <li>gray to RGB repeats the value; RGB to gray is libpng's {@code png_set_rgb_to_gray} as
 *       TensorFlow calls it: 15-bit fixed-point weights, the blue weight making the sum 32768, the
 *       8-bit result truncated (16-bit samples: rounded, then the high byte kept); a pixel with R =
 *       G = B keeps its value.
 * </ul>
 *
 * Images in other colour spaces (e.g. CMYK) are first converted to sRGB by Java's colour
 * management.
 */
final class DecodedPixels {

  private static final int FIXED_ONE = 32768;

  private final int height;
  private final int width;
  private final int channels;
  private final float[] values;

  private DecodedPixels(int height, int width, int channels, float[] values) {
    this.height = height;
    this.width = width;
    this.channels = channels;
    this.values = values;
  }

  int height() {
    return height;
  }

  int width() {
    return width;
  }

  int channels() {
    return channels;
  }

  /** Row-major, channels interleaved, values 0-255. */
  float[] values() {
    return values;
  }

  /**
   * Decodes {@code image} to {@code channels} (1 or 3) 8-bit channels; weights are R, G, B for
   * gray.
   */
  static DecodedPixels of(BufferedImage image, int channels, List<Double> grayscaleWeights) {
    return of(
        image,
        channels,
        grayscaleWeights,
        IntStream.range(0, image.getHeight()).toArray(),
        IntStream.range(0, image.getWidth()).toArray());
  }

  /**
   * The same values, for only the given rows and columns (ascending) of {@code image}: each pixel's
   * values depend on that pixel alone, so they are those {@link #of(BufferedImage, int, List)}
   * gives at the same places.
   */
  static DecodedPixels of(
      BufferedImage image, int channels, List<Double> grayscaleWeights, int[] rows, int[] columns) {
    boolean asIs = isReadableAsIs(image.getColorModel());
    BufferedImage source = asIs ? image : rowsInSrgb(image, rows);
    SampleReader reader = new SampleReader(source);
    Grayscale gray = new Grayscale(grayscaleWeights);
    float[] values = new float[rows.length * columns.length * channels];
    int[][] row = new int[3][source.getWidth()];
    int[] pixel = new int[3];
    int i = 0;
    for (int r = 0; r < rows.length; r++) {
      reader.readRow(asIs ? rows[r] : r, row);
      for (int x : columns) {
        pixel[0] = row[0][x];
        pixel[1] = row[1][x];
        pixel[2] = row[2][x];
        if (channels == 1) {
          values[i++] = reader.isGray() ? reader.to8Bit(pixel[0]) : gray.of(pixel, reader.bits());
        } else {
          for (int c = 0; c < 3; c++) {
            values[i++] = reader.to8Bit(pixel[reader.isGray() ? 0 : c]);
          }
        }
      }
    }
    return new DecodedPixels(rows.length, columns.length, channels, values);
  }

  /**
   * Palette, gray of 1-16 bits, or RGB with 8 or 16 bits in every channel; anything else goes
   * through sRGB.
   */
  private static boolean isReadableAsIs(ColorModel model) {
    if (model instanceof IndexColorModel) {
      return true;
    }
    int[] sizes = model.getComponentSize();
    int type = model.getColorSpace().getType();
    if (type == ColorSpace.TYPE_GRAY) {
      return sizes[0] <= 16;
    }
    return type == ColorSpace.TYPE_RGB
        && (sizes[0] == 8 || sizes[0] == 16)
        && sizes[1] == sizes[0]
        && sizes[2] == sizes[0];
  }

  /** The given rows of {@code image} converted to sRGB, one under the other. */
  private static BufferedImage rowsInSrgb(BufferedImage image, int[] rows) {
    BufferedImage rgb =
        new BufferedImage(image.getWidth(), rows.length, BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = rgb.createGraphics();
    try {
      for (int r = 0; r < rows.length; r++) {
        graphics.drawImage(image.getSubimage(0, rows[r], image.getWidth(), 1), 0, r, null);
      }
    } finally {
      graphics.dispose();
    }
    return rgb;
  }

  /**
   * Reads one pixel's colour samples (palette resolved, alpha left out) at the source bit depth.
   */
  private static final class SampleReader {

    private final Raster raster;
    private final IndexColorModel palette;
    private final boolean gray;
    private final int bits;

    SampleReader(BufferedImage image) {
      ColorModel model = image.getColorModel();
      this.raster = image.getRaster();
      this.palette = model instanceof IndexColorModel index ? index : null;
      this.gray = palette == null && model.getNumColorComponents() == 1;
      this.bits = palette == null ? model.getComponentSize(0) : 8;
    }

    boolean isGray() {
      return gray;
    }

    int bits() {
      return bits;
    }

    /** One row's colour samples: {@code row[c][x]} for R, G, B (gray: {@code row[0]} only). */
    void readRow(int y, int[][] row) {
      int width = raster.getWidth();
      if (palette == null) {
        for (int c = 0; c < (gray ? 1 : 3); c++) {
          raster.getSamples(0, y, width, 1, c, row[c]);
        }
        return;
      }
      raster.getSamples(0, y, width, 1, 0, row[0]);
      for (int x = 0; x < width; x++) {
        int index = row[0][x];
        row[0][x] = palette.getRed(index);
        row[1][x] = palette.getGreen(index);
        row[2][x] = palette.getBlue(index);
      }
    }

    int to8Bit(int sample) {
      if (bits == 16) {
        return sample >> 8;
      }
      return bits >= 8 ? sample : sample * 255 / ((1 << bits) - 1);
    }
  }

  /** libpng's RGB-to-gray with the weights TensorFlow passes (here: the card's). */
  private static final class Grayscale {

    private final long red;
    private final long green;
    private final long blue;

    Grayscale(List<Double> weights) {
      // libpng takes red and green as 1/100000 fixed point, scales them to 1/32768 without
      // rounding,
      // and derives blue so that the three add up to exactly 32768.
      red = Math.round(weights.get(0) * 100_000) * FIXED_ONE / 100_000;
      green = Math.round(weights.get(1) * 100_000) * FIXED_ONE / 100_000;
      blue = FIXED_ONE - red - green;
    }

    int of(int[] rgb, int bits) {
      long sum = red * rgb[0] + green * rgb[1] + blue * rgb[2];
      if (bits == 16) {
        return (int) ((sum + FIXED_ONE / 2) >> 15) >> 8;
      }
      if (rgb[0] == rgb[1] && rgb[0] == rgb[2]) {
        return rgb[0];
      }
      return (int) (sum >> 15);
    }
  }
}
