package org.lungscan.scans.images;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.SampleModel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;

/**
 * Every decode of a scan image goes through here: the upload check, thumbnails and the model's
 * preprocessing. Before a decode starts, the bytes its kept pixels will take (size from the header,
 * layout from the pixel type ImageIO will decode into) are reserved in one {@link DecodingBudget}
 * shared by all of them, together with one of a limited number of decoder slots; both are given
 * back when the caller's work on the pixels is done. So however many images arrive, the pixels in
 * memory stay within the budget, and what does not fit waits a bounded time and is then refused
 * ({@link DecodingUnavailableException}); small images pass large ones that wait, until those have
 * waited half their time ({@link DecodingBudget}).
 *
 * <p>The budget counts the Java heap the kept pixels take. The work done on them while they are
 * held must stay small beside them (thumbnails and the model's preprocessing do). A progressive
 * JPEG's decoder also holds its coefficients in native memory, bounded by the number of slots.
 *
 * <p>Thread-safe; one instance serves the whole server.
 */
public final class ImageDecoder {

  /** What to do with the decoded pixels while their memory is reserved. */
  @FunctionalInterface
  public interface Work<T> {
    T on(DecodedImage decoded) throws IOException;
  }

  public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(10);
  private static final int HEAP_SHARE = 4;

  private final DecodingBudget budget;

  /** A quarter of the maximum heap, one decode per processor, waiting at most ten seconds. */
  public ImageDecoder() {
    this(defaultMemoryBytes(), Runtime.getRuntime().availableProcessors(), DEFAULT_MAX_WAIT);
  }

  /**
   * @param memoryBytes the most bytes of decoded pixels in memory at once
   * @param maxConcurrentDecodes the most decodes at once
   * @param maxWait how long a decode may wait for memory or a slot before it is refused
   */
  public ImageDecoder(long memoryBytes, int maxConcurrentDecodes, Duration maxWait) {
    this(new DecodingBudget(memoryBytes, maxConcurrentDecodes, maxWait));
  }

  /** A waiter goes before later arrivals once it has waited {@code priorityAfter}. */
  ImageDecoder(
      long memoryBytes, int maxConcurrentDecodes, Duration maxWait, Duration priorityAfter) {
    this(new DecodingBudget(memoryBytes, maxConcurrentDecodes, maxWait, priorityAfter));
  }

  private ImageDecoder(DecodingBudget budget) {
    this.budget = budget;
  }

  /** The default memory budget: a quarter of the heap the JVM may grow to. */
  public static long defaultMemoryBytes() {
    return Runtime.getRuntime().maxMemory() / HEAP_SHARE;
  }

  public long memoryBytes() {
    return budget.capacityBytes();
  }

  /** Bytes of decoded pixels held right now. */
  public long bytesInUse() {
    return budget.reservedBytes();
  }

  /** Decodes waiting for memory or a slot right now. */
  public int decodesWaiting() {
    return budget.waiting();
  }

  /**
   * Decodes the JPEG or PNG {@code file}, keeping the pixels {@code sampling} picks once the size
   * is known, and runs {@code work} on them; their memory is given back when {@code work} returns.
   *
   * @throws DecodingUnavailableException if the memory for the kept pixels cannot be had
   * @throws IOException if the file cannot be read or decoded (ImageIO's own unchecked failures on
   *     malformed data are passed on as they are)
   */
  public <T> T decode(Path file, Sampling.Rule sampling, Work<T> work)
      throws DecodingUnavailableException, IOException {
    ImageFormat format =
        ImageFormat.of(file).orElseThrow(() -> new IIOException("Not a JPEG or PNG image."));
    ImageReader reader = readerFor(format);
    try (ImageInputStream stream = new FileImageInputStream(file.toFile())) {
      List<String> warnings = new ArrayList<>();
      reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
      // Metadata is ignored: a PNG's compressed text is never inflated.
      reader.setInput(stream, true, true);
      int width = reader.getWidth(0);
      int height = reader.getHeight(0);
      Sampling kept = sampling.forImage(width, height);
      long bytes = kept.keptPixels(width, height) * bytesPerPixel(reader) + 1;
      try (DecodingBudget.Reservation reserved = budget.reserve(bytes)) {
        BufferedImage pixels = reader.read(0, param(reader, kept));
        return work.on(new DecodedImage(pixels, width, height, List.copyOf(warnings)));
      }
    } finally {
      reader.dispose();
    }
  }

  /** Bytes per pixel of the image type ImageIO decodes into when given none (its first type). */
  private static long bytesPerPixel(ImageReader reader) throws IOException {
    Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
    if (!types.hasNext()) {
      throw new IIOException("The decoder offers no image type for this image.");
    }
    SampleModel model = types.next().getSampleModel(1, 1);
    long bits = (long) model.getNumDataElements() * DataBuffer.getDataTypeSize(model.getDataType());
    return Math.max(1, (bits + 7) / 8);
  }

  private static ImageReadParam param(ImageReader reader, Sampling sampling) {
    ImageReadParam param = reader.getDefaultReadParam();
    if (!sampling.keepsEveryPixel()) {
      param.setSourceSubsampling(
          sampling.stepX(), sampling.stepY(), sampling.offsetX(), sampling.offsetY());
    }
    return param;
  }

  private static ImageReader readerFor(ImageFormat format) throws IIOException {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(format.contentType());
    if (!readers.hasNext()) {
      throw new IIOException("No ImageIO reader for " + format.contentType());
    }
    return readers.next();
  }
}
