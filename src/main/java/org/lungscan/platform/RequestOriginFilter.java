package org.lungscan.platform;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;

/**
 * Notes where each request came from in the request's {@link RequestOrigin}, pages and API: the
 * client's address and the request id the load balancer gave it ({@code X-Request-Id}, made here
 * when there is none), which is echoed in the answer and written into audit events. Times every
 * request for {@link RequestMetrics}.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class RequestOriginFilter extends HttpFilter {

  @Inject RequestOrigin origin;
  @Inject ClientAddress clientAddress;
  @Inject RequestMetrics metrics;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    long start = System.nanoTime();
    origin.remember(clientAddress.of(request));
    origin.rememberRequestId(request.getHeader("X-Request-Id"));
    response.setHeader("X-Request-Id", origin.requestId());
    try {
      chain.doFilter(request, response);
    } finally {
      metrics.record(endpointOf(request), Duration.ofNanos(System.nanoTime() - start));
    }
  }

  private static String endpointOf(HttpServletRequest request) {
    Object api = request.getAttribute(RequestMetrics.ENDPOINT);
    if (api != null) {
      return api.toString();
    }
    String path = request.getServletPath();
    if (path.endsWith(".xhtml")) {
      return request.getMethod() + " " + path;
    }
    if (path.startsWith("/app/scan-images/")) {
      return "GET /app/scan-images/{id}";
    }
    return path.startsWith("/health") ? "GET /health" : "other";
  }
}
