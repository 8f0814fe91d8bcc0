package org.lungscan.scans;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lungscan.platform.Damaged;
import org.lungscan.platform.NotFound;
import org.lungscan.platform.Pages;
import org.lungscan.platform.Unavailable;

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
    } catch (Damaged damaged) {
      refuse(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, damaged.getMessage());
    } catch (Unavailable busy) {
      busy.retryAfter()
          .ifPresent(after -> response.setHeader("Retry-After", retryAfterSeconds(after)));
      refuse(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, busy.getMessage());
    }
  }

  /** A refusal in plain words, for a doctor who opened the image on its own. */
  private static void refuse(HttpServletResponse response, int status, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("text/plain;charset=UTF-8");
    response.getWriter().write(message);
  }

  private static String retryAfterSeconds(Duration after) {
    return Long.toString(Math.max(1, after.toSeconds()));
  }
}
