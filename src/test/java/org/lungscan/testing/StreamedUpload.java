package org.lungscan.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A multipart upload streamed over a raw socket, chunked (no {@code Content-Length}) or with its
 * length declared up front, the image part sent until the server answers or the given size is
 * reached. It tells how much had been sent when the answer came: a server that refuses at once or
 * counts as it reads answers early, one that reads everything first answers only after everything.
 */
public final class StreamedUpload {

  private static final int CHUNK = 64 * 1024;

  /** The server's answer and how many body bytes had gone out when its first byte arrived. */
  public record Answer(int status, String body, long sentBeforeAnswer, long bodyBytes) {}

  private StreamedUpload() {}

  /** Sends the upload with {@code Transfer-Encoding: chunked}. */
  public static Answer chunked(
      URI server, String path, String token, long patientId, long imageBytes)
      throws IOException, InterruptedException {
    return send(server, path, token, patientId, imageBytes, true);
  }

  /** Sends the upload with its {@code Content-Length}. */
  public static Answer declared(
      URI server, String path, String token, long patientId, long imageBytes)
      throws IOException, InterruptedException {
    return send(server, path, token, patientId, imageBytes, false);
  }

  private static Answer send(
      URI server, String path, String token, long patientId, long imageBytes, boolean chunked)
      throws IOException, InterruptedException {
    String boundary = "----chunked" + Long.toHexString(new Random().nextLong());
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"patient_id\"\r\n\r\n"
                + patientId
                + "\r\n--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"big.png\""
                + "\r\nContent-Type: image/png\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
    try (Socket socket = new Socket(server.getHost(), server.getPort())) {
      socket.setSoTimeout(120_000);
      AtomicLong sent = new AtomicLong();
      AtomicBoolean answered = new AtomicBoolean();
      Thread writer =
          new Thread(
              () ->
                  write(
                      socket,
                      server,
                      path,
                      token,
                      boundary,
                      new Body(head, tail, imageBytes, chunked),
                      sent,
                      answered),
              "streamed-upload");
      writer.setDaemon(true);
      writer.start();
      InputStream in = socket.getInputStream();
      int first = in.read();
      long sentBeforeAnswer = sent.get();
      answered.set(true);
      if (first < 0) {
        throw new IOException("the server closed the connection without an answer");
      }
      Answer answer =
          readAnswer(first, in, sentBeforeAnswer, head.length + imageBytes + tail.length);
      socket.close();
      writer.join(10_000);
      return answer;
    }
  }

  /** The multipart body around the image bytes, and how it is framed. */
  private record Body(byte[] head, byte[] tail, long imageBytes, boolean chunked) {
    long length() {
      return head.length + imageBytes + tail.length;
    }
  }

  private static void write(
      Socket socket,
      URI server,
      String path,
      String token,
      String boundary,
      Body body,
      AtomicLong sent,
      AtomicBoolean answered) {
    try {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST "
                  + path
                  + " HTTP/1.1\r\nHost: "
                  + server.getHost()
                  + ":"
                  + server.getPort()
                  + "\r\nAuthorization: Bearer "
                  + token
                  + "\r\nContent-Type: multipart/form-data; boundary="
                  + boundary
                  + (body.chunked()
                      ? "\r\nTransfer-Encoding: chunked"
                      : "\r\nContent-Length: " + body.length())
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      part(out, body.head(), body.head().length, body.chunked(), sent);
      byte[] noise = new byte[CHUNK];
      new Random(7).nextBytes(noise);
      for (long left = body.imageBytes(); left > 0 && !answered.get(); left -= CHUNK) {
        part(out, noise, (int) Math.min(CHUNK, left), body.chunked(), sent);
      }
      if (answered.get()) {
        return;
      }
      part(out, body.tail(), body.tail().length, body.chunked(), sent);
      if (body.chunked()) {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      }
      out.flush();
    } catch (IOException serverStoppedReading) {
      // the server answered and closed: what was sent is counted
    }
  }

  private static void part(
      OutputStream out, byte[] bytes, int length, boolean chunked, AtomicLong sent)
      throws IOException {
    if (chunked) {
      out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }
    out.write(bytes, 0, length);
    if (chunked) {
      out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }
    sent.addAndGet(length);
  }

  private static Answer readAnswer(int first, InputStream in, long sentBeforeAnswer, long bodyBytes)
      throws IOException {
    String statusLine = (char) first + line(in);
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    long length = -1;
    boolean chunked = false;
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      String lower = header.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Long.parseLong(header.substring(15).strip());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (chunked) {
      for (int size = Integer.parseInt(line(in).strip(), 16); size > 0; ) {
        body.write(in.readNBytes(size));
        line(in);
        size = Integer.parseInt(line(in).strip(), 16);
      }
    } else if (length >= 0) {
      body.write(in.readNBytes((int) length));
    }
    return new Answer(status, body.toString(StandardCharsets.UTF_8), sentBeforeAnswer, bodyBytes);
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }
}
