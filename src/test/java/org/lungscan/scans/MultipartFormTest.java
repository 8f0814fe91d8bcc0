package org.lungscan.scans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lungscan.platform.Invalid;
import org.lungscan.testing.Multipart;

class MultipartFormTest {

  private static final String BOUNDARY = "----LungScanBoundary7MA4YWxkTrZu0gW";

  @ParameterizedTest(name = "{0} bytes of image")
  @ValueSource(ints = {0, 1, 100, 65_535, 65_536, 65_537, 1_000_003})
  void partsComeOutWithExactlyTheirBytesWhateverTheReadsSizes(int size) throws IOException {
    byte[] image = tricky(size);
    byte[] body = body("patient_id", "42", "image", "x.jpg", image);
    for (int chunk : new int[] {1, 7, 4096, 1 << 20}) {
      MultipartForm form = new MultipartForm(inChunksOf(body, chunk), BOUNDARY);
      MultipartForm.Part patient = form.next().orElseThrow();
      assertEquals("patient_id", patient.name());
      assertEquals(Optional.of("42"), patient.text(64));
      MultipartForm.Part file = form.next().orElseThrow();
      assertEquals("image", file.name());
      assertEquals(Optional.of("x.jpg"), file.fileName());
      assertArrayEquals(image, file.content().readAllBytes(), "chunks of " + chunk);
      assertTrue(form.next().isEmpty());
      assertTrue(form.next().isEmpty());
    }
  }

  @Test
  void aPartLeftUnreadIsSkipped() throws IOException {
    byte[] body = body("image", "a.png", tricky(200_000), "patient_id", " 7 ");
    MultipartForm form = new MultipartForm(new ByteArrayInputStream(body), BOUNDARY);
    assertEquals("image", form.next().orElseThrow().name());
    MultipartForm.Part patient = form.next().orElseThrow();
    assertEquals(Optional.of(" 7 "), patient.text(64));
    assertTrue(form.next().isEmpty());
  }

  @Test
  void aTextLongerThanAskedIsEmpty() throws IOException {
    MultipartForm form =
        new MultipartForm(new ByteArrayInputStream(body("patient_id", "1".repeat(100))), BOUNDARY);
    assertTrue(form.next().orElseThrow().text(64).isEmpty());
  }

  @Test
  void theTestClientsFormsParse() throws IOException {
    byte[] image = tricky(3000);
    Multipart multipart =
        new Multipart().text("patient_id", "9").file("image", "scan 1.png", "image/png", image);
    String type = multipart.contentType();
    String boundary = type.substring(type.indexOf("boundary=") + "boundary=".length());
    MultipartForm form =
        new MultipartForm(new ByteArrayInputStream(multipart.bytes()), boundary.replace("\"", ""));
    assertEquals(Optional.of("9"), form.next().orElseThrow().text(10));
    MultipartForm.Part file = form.next().orElseThrow();
    assertArrayEquals(image, file.content().readAllBytes());
    assertTrue(form.next().isEmpty());
  }

  @Test
  void aPreambleAndPaddingAreIgnored() throws IOException {
    String text =
        "This is a preamble.\r\n--"
            + BOUNDARY
            + "  \r\nContent-Disposition: form-data; name=patient_id\r\n\r\n5\r\n--"
            + BOUNDARY
            + "--\r\nepilogue";
    MultipartForm form =
        new MultipartForm(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)), BOUNDARY);
    MultipartForm.Part part = form.next().orElseThrow();
    assertEquals("patient_id", part.name());
    assertEquals(Optional.of("5"), part.text(10));
    assertTrue(form.next().isEmpty());
  }

  @Test
  void aBodyCutInsideAPartIsRefusedAsTheClientsMistake() throws IOException {
    byte[] body = body("patient_id", "1", "image", "x.jpg", tricky(100_000));
    byte[] cut = java.util.Arrays.copyOf(body, body.length - 5000);
    MultipartForm form = new MultipartForm(new ByteArrayInputStream(cut), BOUNDARY);
    form.next();
    InputStream image = form.next().orElseThrow().content();
    Invalid refused = assertThrows(Invalid.class, image::readAllBytes);
    assertTrue(refused.getMessage().contains("cut short"), refused.getMessage());
  }

  @Test
  void aBodyCutInsideTheHeadersIsMalformed() {
    byte[] body =
        ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; na")
            .getBytes(StandardCharsets.ISO_8859_1);
    assertThrows(
        MultipartForm.MalformedException.class,
        () -> new MultipartForm(new ByteArrayInputStream(body), BOUNDARY).next());
  }

  @Test
  void noBoundaryIsMalformed() {
    assertThrows(
        MultipartForm.MalformedException.class,
        () -> new MultipartForm(new ByteArrayInputStream(new byte[0]), null));
  }

  @Test
  void contentDispositionParameters() {
    String value = " form-data; name=\"image\"; filename=\"a; b \\\"c\\\".png\"";
    assertEquals("image", MultipartForm.parameter(value, "name"));
    assertEquals("a; b \"c\".png", MultipartForm.parameter(value, "filename"));
    assertEquals("x", MultipartForm.parameter(" form-data; NAME=x", "name"));
    assertFalse(Optional.ofNullable(MultipartForm.parameter(" form-data", "name")).isPresent());
  }

  /** Random bytes full of line breaks, dashes and near-misses of the delimiter. */
  private static byte[] tricky(int size) {
    Random random = new Random(size);
    byte[] near = ("\r\n--" + BOUNDARY.substring(0, BOUNDARY.length() - 1)).getBytes();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (out.size() < size) {
      switch (random.nextInt(4)) {
        case 0 -> {
          out.write(near, 0, 1 + random.nextInt(near.length));
          out.write('x');
        }
        case 1 -> out.writeBytes("\r\n--".getBytes());
        default -> {
          byte[] noise = new byte[random.nextInt(300)];
          random.nextBytes(noise);
          out.writeBytes(noise);
        }
      }
    }
    return java.util.Arrays.copyOf(out.toByteArray(), size);
  }

  /** A form of name/value pairs; a name followed by a file name and bytes is a file part. */
  private static byte[] body(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < parts.length) {
      String name = (String) parts[i++];
      out.writeBytes(("--" + BOUNDARY + "\r\n").getBytes());
      if (i + 1 < parts.length && parts[i + 1] instanceof byte[] bytes) {
        String fileName = (String) parts[i];
        i += 2;
        out.writeBytes(
            ("Content-Disposition: form-data; name=\""
                    + name
                    + "\"; filename=\""
                    + fileName
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes());
        out.writeBytes(bytes);
      } else {
        String value = (String) parts[i++];
        out.writeBytes(
            ("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value).getBytes());
      }
      out.writeBytes("\r\n".getBytes());
    }
    out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes());
    return out.toByteArray();
  }

  private static InputStream inChunksOf(byte[] bytes, int chunk) {
    return new FilterInputStream(new ByteArrayInputStream(bytes)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, chunk));
      }
    };
  }
}
