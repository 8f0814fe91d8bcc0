package org.lungscan.scans.images;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.util.Arrays;

/**
 * Shrinks an image so that each new pixel is the average of exactly the source area it covers: no
 * aliasing, no ringing, and grey images stay grey with their stored values untouched (Java2D would
 * treat them as linear grey and brighten them on the way to sRGB).
 */
final class AreaAveraging {

  private AreaAveraging() {}

  static BufferedImage shrink(BufferedImage source, int width, int height) {
    PixelRows rows = new PixelRows(source);
    int channels = rows.channels();
    int sourceWidth = source.getWidth();
    int sourceHeight = source.getHeight();
    SpanWeights across = new SpanWeights(sourceWidth, width);
    SpanWeights down = new SpanWeights(sourceHeight, height);
    float[][] row = new float[channels][sourceWidth];
    float[][] narrowed = new float[channels][width];
    float[][] shrunk = new float[channels][width * height];
    for (int y = 0; y < sourceHeight; y++) {
      rows.read(y, row);
      for (int c = 0; c < channels; c++) {
        across.apply(row[c], narrowed[c]);
        down.spread(y, narrowed[c], shrunk[c]);
      }
    }
    return rows.toImage(shrunk, width, height);
  }

  /** For each target pixel, which source pixels it covers and by what fraction. */
  private static final class SpanWeights {
    private final int[] first;
    private final float[][] weights;
    private final int sourceLength;

    SpanWeights(int sourceLength, int targetLength) {
      this.sourceLength = sourceLength;
      double scale = (double) sourceLength / targetLength;
      first = new int[targetLength];
      weights = new float[targetLength][];
      for (int i = 0; i < targetLength; i++) {
        double start = i * scale;
        double end = Math.min(sourceLength, (i + 1) * scale);
        first[i] = (int) Math.floor(start);
        int last = Math.min(sourceLength, (int) Math.ceil(end)) - 1;
        weights[i] = new float[last - first[i] + 1];
        for (int j = first[i]; j <= last; j++) {
          double covered = Math.min(end, j + 1) - Math.max(start, j);
          weights[i][j - first[i]] = (float) (covered / (end - start));
        }
      }
    }

    /** Narrows one source row to the target's width. */
    void apply(float[] from, float[] to) {
      for (int i = 0; i < first.length; i++) {
        float sum = 0;
        float[] covering = weights[i];
        int at = first[i];
        for (int k = 0; k < covering.length; k++) {
          sum += covering[k] * from[at + k];
        }
        to[i] = sum;
      }
    }

    /**
     * Adds source row {@code y} (already narrowed) to the target rows it covers, so that the source
     * is read once, top to bottom.
     */
    void spread(int y, float[] narrowedRow, float[] target) {
      int width = narrowedRow.length;
      for (int i = firstCovering(y); i < first.length && first[i] <= y; i++) {
        int k = y - first[i];
        if (k < weights[i].length) {
          float weight = weights[i][k];
          int offset = i * width;
          for (int x = 0; x < width; x++) {
            target[offset + x] += weight * narrowedRow[x];
          }
        }
      }
    }

    /** The first target pixel whose span reaches source pixel {@code y}. */
    private int firstCovering(int y) {
      int i =
          Math.max(0, Math.min(first.length - 1, (int) ((long) y * first.length / sourceLength)));
      while (i > 0 && first[i - 1] + weights[i - 1].length > y) {
        i--;
      }
      while (i < first.length - 1 && first[i] + weights[i].length <= y) {
        i++;
      }
      return i;
    }
  }

  /**
   * Reads a decoded image row by row as 0..255 values: grey (and alpha) straight from the stored
   * samples, anything else as sRGB (and alpha). Colour is premultiplied by alpha while averaging.
   */
  private static final class PixelRows {
    private final BufferedImage image;
    private final Raster raster;
    private final boolean storedGrey;
    private final boolean alpha;
    private final int[] samples;
    private final int bytesPerPixel;
    private final byte[] bytes;

    PixelRows(BufferedImage image) {
      this.image = image;
      this.raster = image.getRaster();
      this.storedGrey =
          !(image.getColorModel() instanceof IndexColorModel)
              && image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
      this.alpha = image.getColorModel().hasAlpha();
      this.samples = new int[image.getWidth()];
      this.bytesPerPixel = bytesPerPixel(image);
      this.bytes = bytesPerPixel == 0 ? null : new byte[image.getWidth() * bytesPerPixel];
    }

    int channels() {
      return (storedGrey ? 1 : 3) + (alpha ? 1 : 0);
    }

    void read(int y, float[][] row) {
      if (bytes != null) {
        raster.getDataElements(0, y, bytes.length / bytesPerPixel, 1, bytes);
        readBytes(row);
      } else if (storedGrey) {
        for (int band = 0; band < channels(); band++) {
          float toByte = 255f / ((1 << raster.getSampleModel().getSampleSize(band)) - 1);
          raster.getSamples(0, y, samples.length, 1, band, samples);
          for (int x = 0; x < samples.length; x++) {
            row[band][x] = samples[x] * toByte;
          }
        }
      } else {
        image.getRGB(0, y, samples.length, 1, samples, 0, samples.length);
        for (int x = 0; x < samples.length; x++) {
          row[0][x] = (samples[x] >> 16) & 0xFF;
          row[1][x] = (samples[x] >> 8) & 0xFF;
          row[2][x] = samples[x] & 0xFF;
          if (alpha) {
            row[3][x] = samples[x] >>> 24;
          }
        }
      }
      if (alpha) {
        premultiply(row);
      }
    }

    /**
     * 8-bit grey, or 8-bit colour as JPEG colour decodes (the raster gives it in band order: red,
     * green, blue): the row's bytes as they are.
     */
    private void readBytes(float[][] row) {
      if (bytesPerPixel == 1) {
        for (int x = 0; x < bytes.length; x++) {
          row[0][x] = bytes[x] & 0xFF;
        }
        return;
      }
      for (int x = 0, at = 0; at < bytes.length; x++, at += 3) {
        row[0][x] = bytes[at] & 0xFF;
        row[1][x] = bytes[at + 1] & 0xFF;
        row[2][x] = bytes[at + 2] & 0xFF;
      }
    }

    /** How many bytes a pixel has when its row can be read as bytes, or 0. */
    private static int bytesPerPixel(BufferedImage image) {
      return switch (image.getType()) {
        case BufferedImage.TYPE_BYTE_GRAY -> 1;
        case BufferedImage.TYPE_3BYTE_BGR -> 3;
        default -> 0;
      };
    }

    BufferedImage toImage(float[][] shrunk, int width, int height) {
      int colours = channels() - (alpha ? 1 : 0);
      float[] opacity = alpha ? shrunk[colours] : null;
      float[] red = unpremultiplied(shrunk[0], opacity);
      float[] green = colours == 1 ? red : unpremultiplied(shrunk[1], opacity);
      float[] blue = colours == 1 ? red : unpremultiplied(shrunk[2], opacity);
      if (!alpha && Arrays.equals(red, green) && Arrays.equals(red, blue)) {
        return grey(red, width, height);
      }
      BufferedImage out =
          new BufferedImage(
              width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
      for (int i = 0; i < red.length; i++) {
        int a = alpha ? toByte(opacity[i]) : 0xFF;
        out.setRGB(
            i % width,
            i / width,
            a << 24 | toByte(red[i]) << 16 | toByte(green[i]) << 8 | toByte(blue[i]));
      }
      return out;
    }

    private void premultiply(float[][] row) {
      int alphaChannel = channels() - 1;
      for (int c = 0; c < alphaChannel; c++) {
        for (int x = 0; x < samples.length; x++) {
          row[c][x] *= row[alphaChannel][x] / 255f;
        }
      }
    }

    private static float[] unpremultiplied(float[] values, float[] opacity) {
      if (opacity == null) {
        return values;
      }
      float[] result = new float[values.length];
      for (int i = 0; i < values.length; i++) {
        result[i] = opacity[i] > 0 ? values[i] * 255f / opacity[i] : 0;
      }
      return result;
    }

    private static BufferedImage grey(float[] values, int width, int height) {
      BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
      for (int i = 0; i < values.length; i++) {
        out.getRaster().setSample(i % width, i / width, 0, toByte(values[i]));
      }
      return out;
    }

    private static int toByte(float value) {
      return Math.max(0, Math.min(255, Math.round(value)));
    }
  }
}
