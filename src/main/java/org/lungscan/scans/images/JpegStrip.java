package org.lungscan.scans.images;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Copies a checked JPEG segment by segment, leaving out what does not make its pixels: Exif and XMP
 * (APP1), every other application segment (APP3-APP13, APP15, and APP0/APP2 that are not JFIF or an
 * ICC profile), comments (COM), the JFIF thumbnail, stray bytes between segments, and anything
 * after the end-of-image marker. Kept as they are: frame and scan headers, tables, restart
 * intervals, the compressed data, JFIF (APP0) and Adobe (APP14) segments, which tell the decoder
 * the colour transform, and the ICC profile (APP2). Nothing is decoded or re-encoded, so the pixels
 * stay exactly the same.
 */
final class JpegStrip {

  private static final int SOI = 0xD8;
  private static final int EOI = 0xD9;
  private static final int SOS = 0xDA;
  private static final int COM = 0xFE;
  private static final int APP0 = 0xE0;
  private static final int APP2 = 0xE2;
  private static final int APP14 = 0xEE;
  private static final int APP15 = 0xEF;
  private static final int TEM = 0x01;
  private static final int FILL = 0xFF;
  private static final int STUFFED_ZERO = 0x00;
  private static final int JFIF_WITHOUT_THUMBNAIL = 14;

  private final StructureInput in;
  private final OutputStream out;

  private JpegStrip(StructureInput in, OutputStream out) {
    this.in = in;
    this.out = out;
  }

  static void copy(StructureInput in, OutputStream out) throws IOException {
    new JpegStrip(in, out).copy();
  }

  private void copy() throws IOException {
    in.skip(2);
    writeMarker(SOI);
    int marker = nextMarker();
    while (marker != EOI) {
      if (isRestart(marker) || marker == TEM) {
        writeMarker(marker);
        marker = nextMarker();
      } else if (isApplication(marker) || marker == COM) {
        copyIfNeeded(marker, in.bytes(segmentLength() - 2));
        marker = nextMarker();
      } else {
        int length = segmentLength();
        writeMarker(marker);
        writeLength(length);
        in.copy(length - 2L, out);
        marker = marker == SOS ? copyEntropyCodedData() : nextMarker();
      }
    }
    writeMarker(EOI);
    out.flush();
  }

  private void copyIfNeeded(int marker, byte[] data) throws IOException {
    byte[] kept = null;
    if (marker == APP0 && startsWith(data, "JFIF\0") && data.length >= JFIF_WITHOUT_THUMBNAIL) {
      kept = Arrays.copyOf(data, JFIF_WITHOUT_THUMBNAIL);
      kept[12] = 0; // thumbnail width
      kept[13] = 0; // thumbnail height
    } else if (marker == APP2 && startsWith(data, "ICC_PROFILE\0")
        || marker == APP14 && startsWith(data, "Adobe")) {
      kept = data;
    }
    if (kept != null) {
      writeMarker(marker);
      writeLength(kept.length + 2);
      out.write(kept);
    }
  }

  /** Copies compressed data, restart markers included, and returns the marker that ends it. */
  private int copyEntropyCodedData() throws IOException {
    while (true) {
      in.copyUntil((byte) FILL, out);
      int code = afterFill();
      if (code != STUFFED_ZERO && !isRestart(code)) {
        return code;
      }
      out.write(FILL);
      out.write(code);
    }
  }

  /** The next marker code, passing over fill bytes and stray bytes as decoders do. */
  private int nextMarker() throws IOException {
    while (true) {
      while (in.u8() != FILL) {
        // a stray byte between segments: libjpeg skips it, and so does the copy
      }
      int code = afterFill();
      if (code != STUFFED_ZERO) {
        return code;
      }
    }
  }

  private int afterFill() throws IOException {
    int code = in.u8();
    while (code == FILL) {
      code = in.u8();
    }
    return code;
  }

  private int segmentLength() throws IOException {
    int length = in.u16();
    if (length < 2) {
      throw new IOException("A JPEG segment is shorter than its length field.");
    }
    return length;
  }

  private void writeMarker(int marker) throws IOException {
    out.write(FILL);
    out.write(marker);
  }

  private void writeLength(int length) throws IOException {
    out.write(length >> 8);
    out.write(length & 0xFF);
  }

  private static boolean isApplication(int marker) {
    return marker >= APP0 && marker <= APP15;
  }

  private static boolean isRestart(int marker) {
    return marker >= 0xD0 && marker <= 0xD7;
  }

  private static boolean startsWith(byte[] data, String prefix) {
    byte[] expected = prefix.getBytes(StandardCharsets.US_ASCII);
    return data.length >= expected.length
        && Arrays.equals(data, 0, expected.length, expected, 0, expected.length);
  }
}
