package org.lungscan.scans.images;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Images made by the tests themselves, and byte-level surgery on them. */
public final class TestImages {

  private TestImages() {}

  // ---- pictures: a soft gradient with some noise, like an X-ray has ----

  public static BufferedImage grey(int width, int height) {
    return filled(new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY), 255);
  }

  public static BufferedImage grey16(int width, int height) {
    return filled(new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY), 65_535);
  }

  /** Four 16-bit samples a pixel, as ImageIO decodes a 16-bit RGBA PNG. */
  public static BufferedImage rgba16(int width, int height) {
    ColorModel model =
        new ComponentColorModel(
            ColorSpace.getInstance(ColorSpace.CS_sRGB),
            new int[] {16, 16, 16, 16},
            true,
            false,
            Transparency.TRANSLUCENT,
            DataBuffer.TYPE_USHORT);
    BufferedImage image =
        new BufferedImage(model, model.createCompatibleWritableRaster(width, height), false, null);
    return filled(image, 65_535);
  }

  public static BufferedImage rgb(int width, int height) {
    return filled(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), 255);
  }

  public static BufferedImage rgba(int width, int height) {
    BufferedImage image =
        filled(new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB), 255);
    image.getRaster().setSample(0, 0, 3, 0);
    return image;
  }

  public static BufferedImage palette(int width, int height) {
    byte[] r = new byte[16];
    byte[] g = new byte[16];
    byte[] b = new byte[16];
    for (int i = 0; i < 16; i++) {
      r[i] = (byte) (i * 16);
      g[i] = (byte) (255 - i * 16);
      b[i] = (byte) (i * 8);
    }
    BufferedImage image =
        new BufferedImage(
            width, height, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(4, 16, r, g, b));
    return filled(image, 15);
  }

  public static BufferedImage uniformGrey(int width, int height, int value) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    fill(image.getRaster(), value);
    return image;
  }

  private static BufferedImage filled(BufferedImage image, int max) {
    Random random = new Random(image.getWidth() * 31L + image.getHeight());
    WritableRaster raster = image.getRaster();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        for (int band = 0; band < raster.getNumBands(); band++) {
          double gradient =
              (double) (x + y * (band + 1)) / (image.getWidth() + image.getHeight() * 4);
          int value = (int) (gradient * max * 0.8 + random.nextInt(max / 10 + 1));
          raster.setSample(x, y, band, Math.min(max, value));
        }
      }
    }
    return image;
  }

  public static void fill(WritableRaster raster, int value) {
    for (int y = 0; y < raster.getHeight(); y++) {
      for (int x = 0; x < raster.getWidth(); x++) {
        for (int band = 0; band < raster.getNumBands(); band++) {
          raster.setSample(x, y, band, value);
        }
      }
    }
  }

  // ---- encoded files ----

  public static byte[] png(BufferedImage image) {
    return encode(image, "png", false);
  }

  public static byte[] interlacedPng(BufferedImage image) {
    return encode(image, "png", true);
  }

  public static byte[] jpeg(BufferedImage image) {
    return encode(image, "jpeg", false);
  }

  public static byte[] progressiveJpeg(BufferedImage image) {
    return encode(image, "jpeg", true);
  }

  public static byte[] gif(BufferedImage image) {
    return encode(image, "gif", false);
  }

  private static byte[] encode(BufferedImage image, String format, boolean progressive) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      if (progressive) {
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
      }
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  public static byte[] text(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  // ---- PNG surgery ----

  public static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  public static byte[] pngChunk(String type, byte[] data) {
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    return ByteBuffer.allocate(12 + data.length)
        .putInt(data.length)
        .put(name)
        .put(data)
        .putInt((int) crc.getValue())
        .array();
  }

  public static byte[] ihdr(long width, long height) {
    return ByteBuffer.allocate(13)
        .putInt((int) width)
        .putInt((int) height)
        .put(new byte[] {8, 0, 0, 0, 0})
        .array();
  }

  /**
   * A real PNG of {@code width} x {@code height} 16-bit RGBA pixels, all transparent black, made
   * without ever holding its pixels: 7745 x 7745 (60 megapixels, 480 MB once decoded) is 467 KB.
   */
  public static byte[] blankRgba16Png(int width, int height) {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    try (DeflaterOutputStream out =
        new DeflaterOutputStream(data, new Deflater(Deflater.BEST_COMPRESSION), 1 << 16)) {
      byte[] row = new byte[1 + width * 8]; // filter type 0, then the samples
      for (int y = 0; y < height; y++) {
        out.write(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] header =
        ByteBuffer.allocate(13)
            .putInt(width)
            .putInt(height)
            .put(new byte[] {16, 6, 0, 0, 0})
            .array();
    return concat(
        PNG_SIGNATURE,
        pngChunk("IHDR", header),
        pngChunk("IDAT", data.toByteArray()),
        pngChunk("IEND", new byte[0]));
  }

  /** A PNG of a few dozen bytes whose header claims the given size, with every CRC right. */
  public static byte[] forgedPng(long width, long height) {
    return concat(
        PNG_SIGNATURE,
        pngChunk("IHDR", ihdr(width, height)),
        pngChunk("IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01}),
        pngChunk("IEND", new byte[0]));
  }

  /** Offset of the first chunk of this type: its length field. */
  public static int chunkOffset(byte[] png, String type) {
    int at = 8;
    while (at < png.length) {
      int length = ByteBuffer.wrap(png, at, 4).getInt();
      String name = new String(png, at + 4, 4, StandardCharsets.US_ASCII);
      if (name.equals(type)) {
        return at;
      }
      at += 12 + length;
    }
    throw new IllegalArgumentException("No " + type + " chunk");
  }

  public static byte[] replaceChunkData(byte[] png, String type, byte[] data) {
    int at = chunkOffset(png, type);
    int length = ByteBuffer.wrap(png, at, 4).getInt();
    return concat(
        Arrays.copyOf(png, at),
        pngChunk(type, data),
        Arrays.copyOfRange(png, at + 12 + length, png.length));
  }

  // ---- JPEG surgery ----

  /** Offset of the first frame header (SOFn) marker, found by walking the segments. */
  public static int frameHeaderOffset(byte[] jpeg) {
    int at = 2;
    while (at < jpeg.length) {
      int marker = jpeg[at + 1] & 0xFF;
      if (marker >= 0xC0 && marker <= 0xC2) {
        return at;
      }
      at += 2 + (((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF));
    }
    throw new IllegalArgumentException("No frame header");
  }

  public static int scanOffset(byte[] jpeg) {
    int at = frameHeaderOffset(jpeg);
    while ((jpeg[at + 1] & 0xFF) != 0xDA) {
      at += 2 + (((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF));
    }
    return at;
  }

  public static byte[] withFrameSize(byte[] jpeg, int width, int height) {
    byte[] copy = jpeg.clone();
    int at = frameHeaderOffset(copy);
    copy[at + 5] = (byte) (height >> 8);
    copy[at + 6] = (byte) height;
    copy[at + 7] = (byte) (width >> 8);
    copy[at + 8] = (byte) width;
    return copy;
  }

  public static byte[] withFrameMarker(byte[] jpeg, int marker) {
    byte[] copy = jpeg.clone();
    copy[frameHeaderOffset(copy) + 1] = (byte) marker;
    return copy;
  }

  public static byte[] withPrecision(byte[] jpeg, int bits) {
    byte[] copy = jpeg.clone();
    copy[frameHeaderOffset(copy) + 4] = (byte) bits;
    return copy;
  }

  /** Puts an application segment right after SOI, as cameras put Exif data there. */
  public static byte[] withSegmentAfterStart(byte[] jpeg, int marker, byte[] data) {
    byte[] segment =
        ByteBuffer.allocate(4 + data.length)
            .put((byte) 0xFF)
            .put((byte) marker)
            .putShort((short) (data.length + 2))
            .put(data)
            .array();
    return concat(Arrays.copyOf(jpeg, 2), segment, Arrays.copyOfRange(jpeg, 2, jpeg.length));
  }

  // ---- general ----

  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  public static byte[] cut(byte[] bytes, int length) {
    return Arrays.copyOf(bytes, length);
  }

  public static Path write(Path directory, String name, byte[] bytes) {
    try {
      return Files.write(directory.resolve(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(DurableFiles.sha256().digest(bytes));
  }

  public static byte[] randomBytes(int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
