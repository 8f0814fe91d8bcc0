package org.lungscan.scans.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A checked image copied without its metadata and trailing bytes, pixels untouched ({@link
 * PngStrip}, {@link JpegStrip}): patient names in Exif, XMP, comments or PNG text never reach the
 * store.
 */
final class WithoutMetadata {

  private WithoutMetadata() {}

  /**
   * Writes the copy into the existing empty {@code target} (not forced to disk).
   *
   * @throws IOException if {@code source} is not the whole JPEG or PNG a check found it to be
   */
  static DurableFiles.Written copy(Path source, Path target) throws IOException {
    ImageFormat format = formatOf(source);
    return DurableFiles.write(target, out -> copy(source, format, out));
  }

  /**
   * Whether the copy would differ from {@code source} at all: made against the source's own bytes,
   * without writing or hashing anything, and stopped at the first difference. Most scans carry no
   * metadata, and then the upload itself is kept.
   *
   * @throws IOException if {@code source} is not the whole JPEG or PNG a check found it to be
   */
  static boolean wouldChange(Path source) throws IOException {
    ImageFormat format = formatOf(source);
    try (InputStream original = Files.newInputStream(source)) {
      SameBytes same = new SameBytes(original);
      copy(source, format, same);
      return original.read() >= 0;
    } catch (SameBytes.Differs e) {
      return true;
    }
  }

  private static ImageFormat formatOf(Path source) throws IOException {
    return ImageFormat.of(source)
        .orElseThrow(() -> new IOException("The upload is not the JPEG or PNG it was."));
  }

  private static void copy(Path source, ImageFormat format, OutputStream out) throws IOException {
    try (InputStream in = Files.newInputStream(source)) {
      StructureInput bytes = new StructureInput(in);
      if (format == ImageFormat.PNG) {
        PngStrip.copy(bytes, out);
      } else {
        JpegStrip.copy(bytes, out);
      }
    }
  }

  /** Compares what is written with the next bytes of the original; stops at a difference. */
  private static final class SameBytes extends OutputStream {

    static final class Differs extends IOException {
      private static final long serialVersionUID = 1L;

      Differs() {
        super("the copy differs");
      }

      @Override
      public synchronized Throwable fillInStackTrace() {
        return this;
      }
    }

    private final InputStream original;
    private byte[] scratch = new byte[8192];

    SameBytes(InputStream original) {
      this.original = original;
    }

    @Override
    public void write(int b) throws IOException {
      if (original.read() != (b & 0xff)) {
        throw new Differs();
      }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      if (scratch.length < length) {
        scratch = new byte[length];
      }
      if (original.readNBytes(scratch, 0, length) != length
          || !Arrays.equals(bytes, offset, offset + length, scratch, 0, length)) {
        throw new Differs();
      }
    }
  }
}
