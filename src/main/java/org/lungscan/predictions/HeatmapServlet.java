package org.lungscan.predictions;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lungscan.platform.Damaged;
import org.lungscan.platform.Invalid;
import org.lungscan.platform.NotFound;
import org.lungscan.platform.Pages;
import org.lungscan.platform.Unavailable;
import org.lungscan.predictions.heatmap.HeatmapService;

/**
 * Heatmaps for the pages, under the signed-in doctor's session: {@code
 * /app/heatmaps/{scanId}?label=L} the map alone as a transparent PNG at the scan's aspect (header
 * {@code X-Heatmap-Method}), and {@code /app/heatmaps/legend} the legend as a PNG.
 */
@WebServlet(Pages.DOCTORS_ONLY + "heatmaps/*")
public class HeatmapServlet extends HttpServlet {

  private static final Pattern PATH = Pattern.compile("^/(?:(\\d{1,18})|(legend))$");

  @Inject HeatmapService heatmaps;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Matcher path = PATH.matcher(request.getPathInfo() == null ? "" : request.getPathInfo());
    if (!path.matches()) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    try {
      HeatmapService.Picture picture;
      if (path.group(2) != null) {
        ResourceBundle words = ResourceBundle.getBundle("org.lungscan.platform.messages");
        picture =
            heatmaps.legend(
                words.getString("heatmap.legend.weaker"),
                words.getString("heatmap.legend.stronger"));
      } else {
        picture = heatmaps.alone(Long.parseLong(path.group(1)), request.getParameter("label"));
        response.setHeader(HeatmapResource.METHOD_HEADER, picture.method());
      }
      response.setHeader("X-Content-Type-Options", "nosniff");
      response.setHeader("Cache-Control", "private, no-store");
      response.setContentType(picture.contentType());
      response.setContentLength(picture.png().length);
      response.getOutputStream().write(picture.png());
    } catch (NotFound notFound) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
    } catch (Invalid invalid) {
      refuse(response, HttpServletResponse.SC_BAD_REQUEST, invalid.getMessage());
    } catch (Damaged damaged) {
      refuse(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, damaged.getMessage());
    } catch (Unavailable busy) {
      busy.retryAfter()
          .ifPresent(
              after ->
                  response.setHeader("Retry-After", Long.toString(Math.max(1, after.toSeconds()))));
      refuse(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, busy.getMessage());
    }
  }

  private static void refuse(HttpServletResponse response, int status, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("text/plain;charset=UTF-8");
    response.getWriter().write(message);
  }
}
