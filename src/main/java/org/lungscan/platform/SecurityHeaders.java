package org.lungscan.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The headers every response carries, pages and API alike. The sign-in mechanism runs before any
 * filter and may answer on its own, so it applies them too.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeaders extends HttpFilter {

  /** What a browser forgets of LungScan when its doctor signs out. */
  public static final String CLEAR_SITE_DATA = "\"cache\", \"cookies\", \"storage\"";

  private static final String FACES_RESOURCES = "/jakarta.faces.resource/";

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    applyTo(request, response);
    chain.doFilter(request, response);
  }

  public static void applyTo(HttpServletRequest request, HttpServletResponse response) {
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (!isPage(request)) {
      // a page gets it from PrimeFaces, with the page's nonce: two policies would both apply
      response.setHeader("Content-Security-Policy", ContentSecurityPolicy.POLICY);
    }
    if (!isStaticResource(request)) {
      // pages, lists and images show patients: nothing of them stays on a shared ward computer
      response.setHeader("Cache-Control", "no-store");
    }
    if (request.isSecure()) {
      response.setHeader("Strict-Transport-Security", "max-age=31536000");
    }
  }

  /** A page PrimeFaces renders (the Faces servlet serves {@code *.xhtml}). */
  private static boolean isPage(HttpServletRequest request) {
    return request.getServletPath().endsWith(".xhtml") && !isStaticResource(request);
  }

  /** Scripts, styles and icons of the pages: the same for everyone, and worth caching. */
  private static boolean isStaticResource(HttpServletRequest request) {
    return request.getServletPath().startsWith(FACES_RESOURCES);
  }
}
