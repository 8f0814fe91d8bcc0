package org.lungscan.scans.images;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Walks a PNG chunk by chunk: the size from IHDR first, then every chunk's CRC up to IEND. The JDK
 * decoder checks neither CRCs nor IEND, so without this a cut-off or altered PNG passes.
 */
final class PngStructure implements ImageStructure {

  private static final long MAX_CHUNK_LENGTH = Integer.MAX_VALUE;
  private static final int IHDR_LENGTH = 13;

  private final StructureInput in;
  private boolean sawImageData;

  PngStructure(StructureInput in) {
    this.in = in;
  }

  @Override
  public PixelSize readSize() throws IOException, InvalidImageException {
    in.skip(ImageFormat.LONGEST_SIGNATURE);
    long length = in.u32();
    byte[] type = in.bytes(4);
    if (length != IHDR_LENGTH || !"IHDR".equals(name(type))) {
      throw InvalidImageException.incompleteOrDamaged();
    }
    byte[] header = in.bytes(IHDR_LENGTH);
    CRC32 crc = new CRC32();
    crc.update(type);
    crc.update(header);
    if (crc.getValue() != in.u32()) {
      throw InvalidImageException.incompleteOrDamaged();
    }
    return checkedSize(unsigned(header, 0), unsigned(header, 4));
  }

  @Override
  public void verifyToEnd() throws IOException, InvalidImageException {
    while (true) {
      long length = in.u32();
      byte[] type = in.bytes(4);
      if (length > MAX_CHUNK_LENGTH || !isChunkName(type)) {
        throw InvalidImageException.incompleteOrDamaged();
      }
      CRC32 crc = new CRC32();
      crc.update(type);
      in.pass(length, crc);
      if (crc.getValue() != in.u32()) {
        throw InvalidImageException.incompleteOrDamaged();
      }
      String name = name(type);
      sawImageData |= name.equals("IDAT");
      if (name.equals("IEND")) {
        if (!sawImageData) {
          throw InvalidImageException.incompleteOrDamaged();
        }
        return;
      }
    }
  }

  private static PixelSize checkedSize(long width, long height) throws InvalidImageException {
    if (width == 0 || height == 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
      throw InvalidImageException.incompleteOrDamaged();
    }
    return new PixelSize(width, height);
  }

  private static long unsigned(byte[] bytes, int at) {
    long value = 0;
    for (int i = at; i < at + 4; i++) {
      value = (value << 8) | (bytes[i] & 0xFF);
    }
    return value;
  }

  private static boolean isChunkName(byte[] type) {
    for (byte b : type) {
      if (!(b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z')) {
        return false;
      }
    }
    return true;
  }

  private static String name(byte[] type) {
    return new String(type, StandardCharsets.US_ASCII);
  }
}
