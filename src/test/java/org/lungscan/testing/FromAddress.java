package org.lungscan.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A client that connects from a chosen loopback address ({@code 127.0.0.2}, {@code 127.0.0.3},
 * ...), so that one machine can play the hospital's proxy and clients elsewhere. The JDK's
 * HttpClient cannot choose its local address, so this speaks plain HTTP/1.0 over a socket.
 */
public final class FromAddress {

  private final InetAddress local;
  private final URI server;

  public FromAddress(String localAddress, RunningServer server) {
    try {
      this.local = InetAddress.getByName(localAddress);
    } catch (IOException e) {
      throw new IllegalArgumentException(localAddress, e);
    }
    this.server = server.uri("/");
  }

  /** POSTs JSON, with {@code X-Forwarded-For} unless it is null. */
  public Reply postJson(String path, String json, String forwardedFor) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    StringBuilder head =
        new StringBuilder("POST " + path + " HTTP/1.0\r\n")
            .append("Host: ")
            .append(server.getHost())
            .append(':')
            .append(server.getPort())
            .append("\r\nContent-Type: application/json\r\nContent-Length: ")
            .append(body.length)
            .append("\r\n");
    if (forwardedFor != null) {
      head.append("X-Forwarded-For: ").append(forwardedFor).append("\r\n");
    }
    head.append("\r\n");
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(local, 0));
      socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), 5_000);
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      return Reply.parse(socket.getInputStream().readAllBytes());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A response: its status, headers (names in lower case) and body. */
  public record Reply(int status, Map<String, String> headers, String body) {

    static Reply parse(byte[] raw) {
      String text = new String(raw, StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      String[] lines = text.substring(0, end).split("\r\n");
      Map<String, String> headers = new TreeMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(
            lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).strip());
      }
      String body = text.substring(end + 4);
      if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        body = unchunked(body);
      }
      return new Reply(
          Integer.parseInt(lines[0].split(" ")[1]),
          headers,
          new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    /** Chunk sizes count bytes, which ISO-8859-1 text holds one per character. */
    private static String unchunked(String chunked) {
      StringBuilder body = new StringBuilder();
      int at = 0;
      while (true) {
        int lineEnd = chunked.indexOf("\r\n", at);
        int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].strip(), 16);
        if (size == 0) {
          return body.toString();
        }
        body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
        at = lineEnd + 2 + size + 2;
      }
    }

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public JsonObject json() {
      try (var reader = Json.createReader(new StringReader(body))) {
        return reader.readObject();
      }
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }
}
