package org.lungscan.scans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.lungscan.platform.TooLarge;

class BoundedBodyTest {

  private static final String BOUNDARY = "b0und";

  @Test
  void aBodyWithinTheLimitPassesUnchanged() throws IOException {
    byte[] body = multipart(2, 1000);
    try (InputStream in = bounded(body, body.length, 8)) {
      assertArrayEquals(body, in.readAllBytes());
    }
  }

  @Test
  void oneByteOverTheLimitStopsTheReader() {
    byte[] body = multipart(2, 1000);
    TooLarge refused =
        assertThrows(TooLarge.class, () -> bounded(body, body.length - 1, 8).readAllBytes());
    assertTrue(refused.getMessage().contains("larger than the limit"), refused.getMessage());
  }

  @Test
  void skippingCountsToo() {
    byte[] body = new byte[5000];
    assertThrows(TooLarge.class, () -> bounded(body, 4000, 8).skip(4500));
  }

  @Test
  void partsAreCountedEvenWhenADelimiterIsSplitAcrossReads() throws IOException {
    byte[] eight = multipart(8, 10);
    try (InputStream in = bounded(eight, eight.length, 8)) {
      readInSmallPieces(in);
    }
    byte[] nine = multipart(9, 10);
    TooLarge refused =
        assertThrows(TooLarge.class, () -> readInSmallPieces(bounded(nine, nine.length, 8)));
    assertTrue(refused.getMessage().contains("more than 8 parts"), refused.getMessage());
  }

  @Test
  void aDelimiterThatStartsInsideAnAlmostDelimiterIsFound() {
    // two delimiters, each right after a false start: "--b0u" then "--b0un"
    byte[] tricky = "-----b0u--b0und\r\nx--b0un--b0und--".getBytes(StandardCharsets.ISO_8859_1);
    assertThrows(TooLarge.class, () -> readInSmallPieces(bounded(tricky, 1000, 0)));
  }

  private static BoundedBody bounded(byte[] body, long limit, int maxParts) {
    return new BoundedBody(
        new ByteArrayInputStream(body), limit, "larger than the limit", BOUNDARY, maxParts);
  }

  private static void readInSmallPieces(InputStream in) throws IOException {
    byte[] piece = new byte[3];
    while (in.read(piece, 0, piece.length) >= 0) {
      in.read();
    }
  }

  private static byte[] multipart(int parts, int partBytes) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < parts; i++) {
      body.append("--")
          .append(BOUNDARY)
          .append("\r\nContent-Disposition: form-data; name=\"p")
          .append(i)
          .append("\"\r\n\r\n")
          .append("x".repeat(partBytes))
          .append("\r\n");
    }
    body.append("--").append(BOUNDARY).append("--\r\n");
    return body.toString().getBytes(StandardCharsets.ISO_8859_1);
  }
}
