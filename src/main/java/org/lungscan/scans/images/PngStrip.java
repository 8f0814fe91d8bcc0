package org.lungscan.scans.images;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Copies a checked PNG chunk by chunk, keeping only the chunks that make or colour its pixels and
 * ending at IEND: text (tEXt, zTXt, iTXt), Exif (eXIf), time (tIME), private and unknown chunks and
 * anything after the image are left out. The pixels are the same bytes, so they decode the same.
 */
final class PngStrip {

  /**
   * The critical chunks (IHDR, PLTE, IDAT, IEND), transparency (tRNS), how the samples' colours are
   * meant (gAMA, cHRM, sRGB, iCCP, cICP, sBIT) and the physical pixel size (pHYs).
   */
  static final Set<String> KEPT =
      Set.of(
          "IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "cICP", "sBIT",
          "pHYs");

  /** An ICC profile's name is free text, so it is replaced by this one. */
  private static final byte[] PROFILE_NAME = "ICC profile".getBytes(StandardCharsets.ISO_8859_1);

  private static final int MAX_PROFILE_NAME = 79;

  private PngStrip() {}

  static void copy(StructureInput in, OutputStream out) throws IOException {
    out.write(in.bytes(ImageFormat.LONGEST_SIGNATURE));
    DataOutputStream chunks = new DataOutputStream(out);
    while (true) {
      long length = in.u32();
      byte[] type = in.bytes(4);
      String name = new String(type, StandardCharsets.US_ASCII);
      if (name.equals("iCCP")) {
        copyProfile(in, (int) length, chunks);
      } else if (KEPT.contains(name)) {
        chunks.writeInt((int) length);
        chunks.write(type);
        in.copy(length + 4, chunks);
      } else {
        in.skip(length + 4);
      }
      if (name.equals("IEND")) {
        chunks.flush();
        return;
      }
    }
  }

  /** Keeps the profile itself (compression method and data) under a neutral name. */
  private static void copyProfile(StructureInput in, int length, DataOutputStream out)
      throws IOException {
    byte[] data = in.bytes(length);
    in.skip(4);
    int end = indexOfZero(data, Math.min(data.length, MAX_PROFILE_NAME + 1));
    if (end < 1) {
      return; // not a well-formed iCCP chunk: ImageIO never used it, so neither do we
    }
    ByteArrayOutputStream renamed = new ByteArrayOutputStream(data.length);
    renamed.write(PROFILE_NAME);
    renamed.write(Arrays.copyOfRange(data, end, data.length));
    writeChunk(out, "iCCP", renamed.toByteArray());
  }

  private static void writeChunk(DataOutputStream out, String type, byte[] data)
      throws IOException {
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    out.writeInt(data.length);
    out.write(name);
    out.write(data);
    out.writeInt((int) crc.getValue());
  }

  private static int indexOfZero(byte[] data, int within) {
    for (int i = 0; i < within; i++) {
      if (data[i] == 0) {
        return i;
      }
    }
    return -1;
  }
}
