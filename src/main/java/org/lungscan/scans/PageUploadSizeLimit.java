package org.lungscan.scans;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;

/**
 * Refuses a page upload larger than the upload limit before the server reads any of it (the Faces
 * servlet's multipart configuration sets no size of its own, so the limit stays one setting). A
 * browser always states the length of what it uploads; a multipart body without one is refused.
 */
@WebFilter(servletNames = "Faces Servlet")
public class PageUploadSizeLimit extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Inject UploadLimit limit;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (isMultipart(request) && !limit.admitsRequestOf(request.getContentLengthLong())) {
      response.sendError(
          request.getContentLengthLong() < 0
              ? HttpServletResponse.SC_LENGTH_REQUIRED
              : HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      return;
    }
    chain.doFilter(request, response);
  }

  private static boolean isMultipart(HttpServletRequest request) {
    String type = request.getContentType();
    return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
  }
}
