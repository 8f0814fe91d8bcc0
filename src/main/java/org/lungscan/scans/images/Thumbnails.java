package org.lungscan.scans.images;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.FileImageOutputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Small PNG previews of stored images, made on first request and kept beside them in the store
 * ({@link ImageStore#delete} removes them with their image). The long side is at most the
 * configured size and the aspect ratio is kept; grey scans give grey thumbnails. Thread-safe: two
 * first requests at once both render, and either result is complete when it appears.
 */
public final class Thumbnails {

  public static final String CONTENT_TYPE = "image/png";
  public static final int DEFAULT_LONG_SIDE = 256;

  /**
   * Larger images are decoded keeping only every n-th pixel: about 2000 a side still averages
   * several source pixels into each thumbnail pixel, in at most 32 MB (16-bit RGBA).
   */
  private static final long MAX_DECODED_PIXELS = ImageCheck.MAX_KEPT_PIXELS;

  private static final long MADE_AT_UPLOAD_BYTES = 16L * 1024 * 1024;

  private final ImageStore store;
  private final int longSide;
  private final ImageDecoder decoder;
  private final LinkedHashMap<String, BufferedImage> madeAtUpload = new LinkedHashMap<>();
  private long madeAtUploadBytes;

  public Thumbnails(ImageStore store) {
    this(store, DEFAULT_LONG_SIDE);
  }

  public Thumbnails(ImageStore store, int longSide) {
    this(store, longSide, new ImageDecoder());
  }

  /** With {@code decoder} holding the server's memory budget for decoding. */
  public Thumbnails(ImageStore store, int longSide, ImageDecoder decoder) {
    if (longSide < 1) {
      throw new IllegalArgumentException("longSide must be positive.");
    }
    this.store = store;
    this.longSide = longSide;
    this.decoder = decoder;
  }

  /**
   * The thumbnail of the image with this key, made now if it is not there yet, from the image as it
   * is on disk (unchecked).
   *
   * @throws IllegalArgumentException if {@code key} is not a well-formed key
   * @throws NoSuchFileException if there is no image with this key
   * @throws DecodingUnavailableException if the memory to decode the image cannot be had now
   */
  public Path thumbnailOf(String key) throws IOException, DecodingUnavailableException {
    try {
      return thumbnailOf(key, null);
    } catch (DamagedImageException notChecked) {
      throw new IllegalStateException(notChecked);
    }
  }

  /**
   * The thumbnail of the image with this key, made now if it is not there yet, once the image's
   * bytes are found to still have {@code sha256} (null: unchecked).
   *
   * @throws DamagedImageException if they do not; no thumbnail is made
   */
  public Path thumbnailOf(String key, String sha256)
      throws IOException, DecodingUnavailableException, DamagedImageException {
    Path thumbnail = store.thumbnailPathOf(key);
    if (Files.isRegularFile(thumbnail)) {
      return thumbnail;
    }
    Path image = store.pathOf(key);
    if (!Files.isRegularFile(image)) {
      throw new NoSuchFileException("No image " + key);
    }
    if (sha256 != null) {
      store.verify(key, sha256);
    }
    BufferedImage madeAtUpload = takeMadeAtUpload(key);
    writeDurably(madeAtUpload != null ? madeAtUpload : render(image), thumbnail);
    if (!Files.isRegularFile(image)) {
      // The image was deleted while its thumbnail was being made.
      Files.deleteIfExists(thumbnail);
      throw new NoSuchFileException("No image " + key);
    }
    return thumbnail;
  }

  /**
   * Keeps {@code thumbnail}, made by {@link #of} from the upload check's decode, for the image now
   * stored under {@code key}: its first request checks the image as always, then writes this one
   * instead of decoding the image again. In memory, the most recent within 16 MB.
   */
  public void keep(String key, BufferedImage thumbnail) {
    ImageKeys.requireValid(key);
    synchronized (madeAtUpload) {
      BufferedImage replaced = madeAtUpload.put(key, thumbnail);
      madeAtUploadBytes += bytesOf(thumbnail) - (replaced == null ? 0 : bytesOf(replaced));
      var eldest = madeAtUpload.values().iterator();
      while (madeAtUploadBytes > MADE_AT_UPLOAD_BYTES && eldest.hasNext()) {
        madeAtUploadBytes -= bytesOf(eldest.next());
        eldest.remove();
      }
    }
  }

  /**
   * The thumbnail of an image decoded keeping at most 4 million pixels (the upload check's decode):
   * the same as the one made on first request.
   */
  public BufferedImage of(DecodedImage decoded) {
    return shrink(decoded);
  }

  private BufferedImage takeMadeAtUpload(String key) {
    synchronized (madeAtUpload) {
      BufferedImage found = madeAtUpload.remove(key);
      if (found != null) {
        madeAtUploadBytes -= bytesOf(found);
      }
      return found;
    }
  }

  private static long bytesOf(BufferedImage image) {
    var buffer = image.getRaster().getDataBuffer();
    return (long) buffer.getSize()
        * buffer.getNumBanks()
        * java.awt.image.DataBuffer.getDataTypeSize(buffer.getDataType())
        / 8;
  }

  private BufferedImage render(Path image) throws IOException, DecodingUnavailableException {
    return decoder.decode(image, Sampling.keepingAtMost(MAX_DECODED_PIXELS), this::shrink);
  }

  private BufferedImage shrink(DecodedImage decoded) {
    double scale = Math.min(1.0, (double) longSide / Math.max(decoded.width(), decoded.height()));
    int width = Math.max(1, (int) Math.round(decoded.width() * scale));
    int height = Math.max(1, (int) Math.round(decoded.height() * scale));
    return AreaAveraging.shrink(decoded.kept(), width, height);
  }

  private void writeDurably(BufferedImage thumbnail, Path target) throws IOException {
    Path temporary = store.newTemporaryFile();
    try {
      try (RandomAccessFile file = new RandomAccessFile(temporary.toFile(), "rw");
          ImageOutputStream out = new FileImageOutputStream(file)) {
        writePng(thumbnail, out);
        out.flush();
        file.getChannel().force(true);
      }
      DurableFiles.moveAtomically(temporary, target);
    } finally {
      store.releaseTemporaryFile(temporary);
    }
  }

  private static void writePng(BufferedImage image, ImageOutputStream out) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByMIMEType(CONTENT_TYPE).next();
    try {
      writer.setOutput(out);
      writer.write(image);
    } finally {
      writer.dispose();
    }
  }
}
