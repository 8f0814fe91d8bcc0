package org.lungscan.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Puts the address the request for {@code /openapi} reached into the document's server, so that a
 * client generated from it talks to this server however it is reached (Payara builds the document
 * once, with its own host name, and would otherwise name that). No trailing slash: the paths start
 * with one.
 */
@WebFilter(urlPatterns = {"/openapi", "/openapi/*"})
public class OpenApiServer extends HttpFilter {

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Captured captured = new Captured(response);
    chain.doFilter(request, captured);
    byte[] body =
        withoutEndpoints(
                new String(captured.bytes(), StandardCharsets.UTF_8)
                    .replace(OpenApiDocument.SERVER, address(request)))
            .getBytes(StandardCharsets.UTF_8);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /**
   * Without the list of endpoints Payara adds beside the paths (OpenAPI has no such member), in
   * either of the forms Payara writes, YAML or JSON.
   */
  static String withoutEndpoints(String document) {
    if (document.startsWith("{")) {
      try {
        jakarta.json.JsonObject json =
            jakarta.json.Json.createReader(new java.io.StringReader(document)).readObject();
        return json.containsKey("endpoints")
            ? jakarta.json.Json.createObjectBuilder(json).remove("endpoints").build().toString()
            : document;
      } catch (jakarta.json.JsonException notJson) {
        return document;
      }
    }
    return document.replaceAll("(?m)^endpoints:.*\\R(?:[ \\t-].*\\R)*", "");
  }

  /** The request's scheme, host and port, and the application's path, without a trailing slash. */
  static String address(HttpServletRequest request) {
    String scheme = request.getScheme();
    int port = request.getServerPort();
    boolean defaultPort =
        port <= 0
            || (scheme.equals("http") && port == 80)
            || (scheme.equals("https") && port == 443);
    String host = request.getServerName();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return scheme + "://" + host + (defaultPort ? "" : ":" + port) + request.getContextPath();
  }

  private static final class Captured extends HttpServletResponseWrapper {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ServletOutputStream stream =
        new ServletOutputStream() {
          @Override
          public void write(int b) {
            bytes.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
          }

          @Override
          public boolean isReady() {
            return true;
          }

          @Override
          public void setWriteListener(WriteListener listener) {
            throw new UnsupportedOperationException();
          }
        };
    private PrintWriter writer;

    Captured(HttpServletResponse response) {
      super(response);
    }

    @Override
    public ServletOutputStream getOutputStream() {
      return stream;
    }

    @Override
    public PrintWriter getWriter() {
      if (writer == null) {
        writer = new PrintWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8));
      }
      return writer;
    }

    @Override
    public void setContentLength(int length) {}

    @Override
    public void setContentLengthLong(long length) {}

    @Override
    public void flushBuffer() {
      if (writer != null) {
        writer.flush();
      }
    }

    byte[] bytes() {
      flushBuffer();
      return bytes.toByteArray();
    }
  }
}
