package org.lungscan.scans.images;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides from its content alone whether an uploaded file is a whole JPEG or PNG image, and how
 * many pixels it has. The size is read from the header and held against the limit before anything
 * is decoded, so a small file claiming a huge image never reaches the decoder; the decode itself
 * keeps at most a few million pixels and goes through the server's {@link ImageDecoder}.
 *
 * <p>Thread-safe; one instance can serve all uploads.
 */
public final class ImageCheck {

  public static final long DEFAULT_MAX_PIXELS = 60_000_000L;

  /** The longest side accepted whatever the pixel limit: one row of it must fit in memory. */
  public static final int MAX_SIDE = 65_535;

  private static final Logger LOG = Logger.getLogger(ImageCheck.class.getName());

  /** Pixels the check's decode keeps; thumbnails are made from as many, so it can feed them. */
  static final long MAX_KEPT_PIXELS = 4_000_000L;

  private static final List<String> HARMLESS_WARNINGS =
      List.of("extraneous bytes before marker", "color profile", "thumbnail");

  private final long maxPixels;
  private final ImageDecoder decoder;

  public ImageCheck() {
    this(DEFAULT_MAX_PIXELS);
  }

  public ImageCheck(long maxPixels) {
    this(maxPixels, new ImageDecoder());
  }

  /**
   * @param maxPixels the most pixels (width times height) an accepted image may have
   * @param maxConcurrentDecodes how many images may be decoded at once (by a decoder of its own)
   */
  public ImageCheck(long maxPixels, int maxConcurrentDecodes) {
    this(
        maxPixels,
        new ImageDecoder(
            ImageDecoder.defaultMemoryBytes(),
            maxConcurrentDecodes,
            ImageDecoder.DEFAULT_MAX_WAIT));
  }

  /**
   * @param maxPixels the most pixels (width times height) an accepted image may have
   * @param decoder decodes within the server's memory budget for images
   */
  public ImageCheck(long maxPixels, ImageDecoder decoder) {
    if (maxPixels < 1) {
      throw new IllegalArgumentException("The limit must be positive.");
    }
    this.maxPixels = maxPixels;
    this.decoder = decoder;
  }

  /**
   * Checks the file and returns what it is.
   *
   * @throws InvalidImageException if it is not a whole, readable JPEG or PNG within the limits
   * @throws DecodingUnavailableException if the memory to decode it cannot be had now
   * @throws IOException if the file itself cannot be read
   */
  public ImageFacts check(Path file)
      throws InvalidImageException, DecodingUnavailableException, IOException {
    return check(file, decoded -> {});
  }

  /**
   * Checks the file and returns what it is; while the check's decode holds the pixels (at most 4
   * million of them, every n-th row and column of a larger image), hands them to {@code onPixels}
   * once they are found good, so that nothing else needs to decode the upload again. {@code
   * onPixels} must not keep the image, and must not throw.
   *
   * @throws InvalidImageException if it is not a whole, readable JPEG or PNG within the limits
   * @throws DecodingUnavailableException if the memory to decode it cannot be had now
   * @throws IOException if the file itself cannot be read
   */
  public ImageFacts check(Path file, Consumer<DecodedImage> onPixels)
      throws InvalidImageException, DecodingUnavailableException, IOException {
    if (Files.size(file) == 0) {
      throw refused(InvalidImageException.empty());
    }
    ImageFormat format =
        ImageFormat.of(file).orElseThrow(() -> refused(InvalidImageException.notJpegOrPng()));
    PixelSize size = checkStructure(file, format);
    decodeWhole(file, size, onPixels);
    return new ImageFacts(format.contentType(), (int) size.width(), (int) size.height());
  }

  private PixelSize checkStructure(Path file, ImageFormat format)
      throws InvalidImageException, IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      ImageStructure structure = ImageStructure.of(format, new StructureInput(in));
      PixelSize size = withinLimits(structure.readSize());
      structure.verifyToEnd();
      return size;
    } catch (EOFException e) {
      throw refused(InvalidImageException.incompleteOrDamaged());
    } catch (InvalidImageException e) {
      throw refused(e);
    }
  }

  private PixelSize withinLimits(PixelSize size) throws InvalidImageException {
    if (size.pixels() > maxPixels) {
      String megapixels = megapixels(maxPixels);
      throw tooManyPixels(
          size, megapixels + (megapixels.equals("1") ? " megapixel" : " megapixels"));
    }
    if (size.width() > MAX_SIDE || size.height() > MAX_SIDE) {
      throw tooManyPixels(size, MAX_SIDE + " pixels on a side");
    }
    return size;
  }

  private void decodeWhole(Path file, PixelSize size, Consumer<DecodedImage> onPixels)
      throws InvalidImageException, DecodingUnavailableException, InterruptedIOException {
    DecodedImage decoded = decodeKeepingFewPixels(file, size, onPixels);
    if (!isWhole(decoded, size)) {
      for (String warning : decoded.warnings()) {
        LOG.log(Level.FINE, "Decoder warning on upload: {0}", warning);
      }
      throw refused(InvalidImageException.incompleteOrDamaged());
    }
  }

  private static boolean isWhole(DecodedImage decoded, PixelSize size) {
    return decoded.width() == size.width()
        && decoded.height() == size.height()
        && decoded.warnings().stream().allMatch(ImageCheck::isHarmless);
  }

  private DecodedImage decodeKeepingFewPixels(
      Path file, PixelSize size, Consumer<DecodedImage> onPixels)
      throws InvalidImageException, DecodingUnavailableException, InterruptedIOException {
    try {
      // The pixels go to onPixels only when the image is good, and are dropped when it returns.
      return decoder.decode(
          file,
          Sampling.keepingAtMost(MAX_KEPT_PIXELS),
          decoded -> {
            if (isWhole(decoded, size)) {
              onPixels.accept(decoded);
            }
            return new DecodedImage(null, decoded.width(), decoded.height(), decoded.warnings());
          });
    } catch (InterruptedIOException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // ImageIO reports malformed data as IIOException or as unchecked exceptions
      throw refused(InvalidImageException.unreadable(e));
    }
  }

  private static boolean isHarmless(String warning) {
    String text = warning.toLowerCase(Locale.ROOT);
    return HARMLESS_WARNINGS.stream().anyMatch(text::contains);
  }

  private static InvalidImageException tooManyPixels(PixelSize size, String limit) {
    return new InvalidImageException(
        InvalidImageException.Reason.TOO_MANY_PIXELS,
        "The image is "
            + size.width()
            + " x "
            + size.height()
            + " pixels; the limit is "
            + limit
            + ".");
  }

  private static String megapixels(long pixels) {
    return BigDecimal.valueOf(pixels).movePointLeft(6).stripTrailingZeros().toPlainString();
  }

  private static InvalidImageException refused(InvalidImageException e) {
    LOG.log(Level.FINE, "Upload refused: {0}", e.reason());
    return e;
  }
}
