package org.lungscan.scans.images;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

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
    ImageFormat format =
        ImageFormat.of(source)
            .orElseThrow(() -> new IOException("The upload is not the JPEG or PNG it was."));
    return DurableFiles.write(
        target,
        out -> {
          try (InputStream in = new BufferedInputStream(Files.newInputStream(source))) {
            StructureInput bytes = new StructureInput(in);
            if (format == ImageFormat.PNG) {
              PngStrip.copy(bytes, out);
            } else {
              JpegStrip.copy(bytes, out);
            }
          }
        });
  }
}
