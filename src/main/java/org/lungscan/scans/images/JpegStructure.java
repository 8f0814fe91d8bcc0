package org.lungscan.scans.images;

import java.io.IOException;

/**
 * Walks a JPEG marker by marker: segments are skipped by their stated length (so an embedded Exif
 * thumbnail is never mistaken for the image), the size is taken from the frame header (SOFn), and
 * the entropy-coded data is scanned through to the end-of-image marker. The JDK decoder only warns
 * when that marker is missing, so without this a cut-off JPEG passes.
 */
final class JpegStructure implements ImageStructure {

  private static final int SOI = 0xD8;
  private static final int EOI = 0xD9;
  private static final int SOS = 0xDA;
  private static final int TEM = 0x01;
  private static final int STUFFED_ZERO = 0x00;
  private static final int FILL = 0xFF;
  private static final int SOF_READABLE_PRECISION = 8;

  private final StructureInput in;
  private int pendingMarker = -1;

  JpegStructure(StructureInput in) {
    this.in = in;
  }

  @Override
  public PixelSize readSize() throws IOException, InvalidImageException {
    in.skip(2);
    while (true) {
      int marker = nextMarker();
      if (isFrameHeader(marker)) {
        return readFrameHeader(marker);
      }
      if (marker == SOS || marker == EOI || marker == SOI) {
        throw InvalidImageException.incompleteOrDamaged();
      }
      skipSegmentOf(marker);
    }
  }

  @Override
  public void verifyToEnd() throws IOException, InvalidImageException {
    boolean sawScan = false;
    while (true) {
      int marker = nextMarker();
      if (marker == EOI) {
        if (!sawScan) {
          throw InvalidImageException.incompleteOrDamaged();
        }
        return;
      }
      if (marker == SOI || isFrameHeader(marker)) {
        throw InvalidImageException.incompleteOrDamaged();
      }
      skipSegmentOf(marker);
      if (marker == SOS) {
        sawScan = true;
        pendingMarker = skipEntropyCodedData();
      }
    }
  }

  private PixelSize readFrameHeader(int marker) throws IOException, InvalidImageException {
    if (!isReadableFrame(marker)) {
      throw InvalidImageException.unsupportedJpegVariant();
    }
    int length = in.u16();
    int precision = in.u8();
    int height = in.u16();
    int width = in.u16();
    if (length < 8) {
      throw InvalidImageException.incompleteOrDamaged();
    }
    in.skip(length - 7L);
    if (precision != SOF_READABLE_PRECISION || height == 0) {
      // height 0 means "given later in a DNL marker", which the JDK decoder cannot read
      throw InvalidImageException.unsupportedJpegVariant();
    }
    if (width == 0) {
      throw InvalidImageException.incompleteOrDamaged();
    }
    return new PixelSize(width, height);
  }

  /** The next marker code, passing over fill bytes and tolerating stray bytes as decoders do. */
  private int nextMarker() throws IOException {
    if (pendingMarker >= 0) {
      int marker = pendingMarker;
      pendingMarker = -1;
      return marker;
    }
    while (true) {
      while (in.u8() != 0xFF) {
        // stray byte between segments; libjpeg skips these with a warning
      }
      int code = afterFill();
      if (code != STUFFED_ZERO) {
        return code;
      }
    }
  }

  /** Reads compressed image data up to the marker that ends it, and returns that marker. */
  private int skipEntropyCodedData() throws IOException {
    while (true) {
      in.skipPast((byte) FILL);
      int code = afterFill();
      if (code != STUFFED_ZERO && !isRestart(code)) {
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

  private void skipSegmentOf(int marker) throws IOException, InvalidImageException {
    if (isRestart(marker) || marker == TEM) {
      return;
    }
    int length = in.u16();
    if (length < 2) {
      throw InvalidImageException.incompleteOrDamaged();
    }
    in.skip(length - 2L);
  }

  private static boolean isRestart(int marker) {
    return marker >= 0xD0 && marker <= 0xD7;
  }

  private static boolean isFrameHeader(int marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
  }

  /** Baseline, extended sequential and progressive Huffman frames: what the JDK decoder reads. */
  private static boolean isReadableFrame(int marker) {
    return marker == 0xC0 || marker == 0xC1 || marker == 0xC2;
  }
}
