package org.lungscan.scans;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lungscan.platform.NotFound;
import org.lungscan.platform.Pages;

/**
 * Scan images and thumbnails for the pages, under the signed-in doctor's session: {@code
 * /app/scan-images/{id}} and {@code /app/scan-images/{id}/thumbnail}.
 */
@WebServlet(Pages.DOCTORS_ONLY + "scan-images/*")
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
    long id = Long.parseLong(path.group(1));
    try (ScanImage image = path.group(2) != null ? scans.thumbnail(id) : scans.image(id)) {
      response.setHeader("X-Content-Type-Options", "nosniff");
      response.setHeader("Cache-Control", "no-store");
      response.setContentType(image.contentType());
      response.setContentLengthLong(image.length());
      image.content().transferTo(response.getOutputStream());
    } catch (NotFound notFound) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
  }
}
