package org.lungscan.scans.images;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/** The two image formats a scan may be uploaded in, recognised by their first bytes only. */
enum ImageFormat {
  JPEG("image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
  PNG("image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});

  static final int LONGEST_SIGNATURE = 8;

  private final String contentType;
  private final byte[] signature;

  ImageFormat(String contentType, byte[] signature) {
    this.contentType = contentType;
    this.signature = signature;
  }

  String contentType() {
    return contentType;
  }

  static Optional<ImageFormat> of(byte[] firstBytes) {
    for (ImageFormat format : values()) {
      if (firstBytes.length >= format.signature.length
          && Arrays.equals(
              firstBytes,
              0,
              format.signature.length,
              format.signature,
              0,
              format.signature.length)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  static Optional<ImageFormat> of(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return of(in.readNBytes(LONGEST_SIGNATURE));
    }
  }
}
