package org.lungscan.scans;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.lungscan.testing.SystemServer;

/**
 * A page upload (a multipart request to the Faces servlet) larger than the configured limit, here
 * the default of 20 MiB, is refused from its headers alone: the test never sends the body.
 */
class PageUploadLimitIT {

  private static final long DEFAULT_LIMIT = 20 * 1024 * 1024;

  @Test
  void anUploadDeclaredOverTheLimitIsRefusedBeforeItsBodyIsRead() throws IOException {
    assertEquals(
        413,
        statusOf("Content-Length: " + (DEFAULT_LIMIT + UploadLimit.MULTIPART_OVERHEAD + 1), ""));
  }

  @Test
  void anUploadThatDoesNotSayItsLengthIsRefused() throws IOException {
    assertEquals(411, statusOf("Transfer-Encoding: chunked", "0\r\n\r\n"));
  }

  @Test
  void anUploadWithinTheLimitReachesThePage() throws IOException {
    String body =
        "--limit-test\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nsmall\r\n"
            + "--limit-test--\r\n";
    assertEquals(200, statusOf("Content-Length: " + body.length(), body));
  }

  /** Sends a multipart POST to the login page and reads the status it gets. */
  private static int statusOf(String lengthHeader, String body) throws IOException {
    URI page = SystemServer.get().uri("/login.xhtml");
    try (Socket socket = new Socket(page.getHost(), page.getPort())) {
      socket.setSoTimeout(15_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /login.xhtml HTTP/1.1\r\n"
                  + "Host: "
                  + page.getHost()
                  + ":"
                  + page.getPort()
                  + "\r\n"
                  + "Content-Type: multipart/form-data; boundary=limit-test\r\n"
                  + lengthHeader
                  + "\r\n"
                  + "Connection: close\r\n\r\n"
                  + body)
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String statusLine =
          new BufferedReader(
                  new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      return Integer.parseInt(statusLine.split(" ")[1]);
    }
  }
}
