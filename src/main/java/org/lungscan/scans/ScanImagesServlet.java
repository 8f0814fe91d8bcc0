package org.lungscan.scans;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lungscan.platform.NotFound;

/**
 * Scan images and thumbnails for the pages, under the signed-in doctor's session: {@code
 * /app/scan-images/{id}} and {@code /app/scan-images/{id}/thumbnail}.
 */
@WebServlet("/app/scan-images/*")
public class ScanImagesServlet extends HttpServlet {

  private static final Pattern PATH = Pattern.compile("^/(\\d{1,18})(/thumbnail)?$");

  @Inject ScanService scans;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Matcher path = PATH.matcher(request.getPathInfo() == null ? "" : request.getPathInfo());
    if (!path.matches()) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    try {
      LungScan scan = scans.owned(Long.parseLong(path.group(1)), "SCAN_IMAGE_READ");
      response.setHeader("X-Content-Type-Options", "nosniff");
      response.setHeader("Cache-Control", "private, max-age=3600");
      if (path.group(2) != null) {
        response.setContentType("image/png");
        Files.copy(scans.thumbnail(scan), response.getOutputStream());
      } else {
        response.setContentType(scan.getContentType());
        response.setContentLengthLong(scan.getSizeBytes());
        try (InputStream image = scans.image(scan)) {
          image.transferTo(response.getOutputStream());
        }
      }
    } catch (NotFound notFound) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
  }
}
