package org.lungscan.reports;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lungscan.platform.Damaged;
import org.lungscan.platform.NotFound;
import org.lungscan.platform.Pages;
import org.lungscan.platform.Unavailable;

/**
 * Report downloads for the pages ("Download report"), under the signed-in doctor's session: {@code
 * /app/reports/scan/{id}} and {@code /app/reports/patient/{id}}, as attachments.
 */
@WebServlet(Pages.DOCTORS_ONLY + "reports/*")
public class ReportServlet extends HttpServlet {

  private static final Pattern PATH = Pattern.compile("^/(scan|patient)/(\\d{1,18})$");

  @Inject ReportService reports;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Matcher path = PATH.matcher(request.getPathInfo() == null ? "" : request.getPathInfo());
    if (!path.matches()) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    long id = Long.parseLong(path.group(2));
    try {
      ReportService.Report report =
          path.group(1).equals("scan") ? reports.ofScan(id) : reports.ofPatient(id);
      response.setHeader("X-Content-Type-Options", "nosniff");
      response.setHeader("Cache-Control", "no-store");
      response.setHeader(
          "Content-Disposition", "attachment; filename=\"" + report.fileName() + "\"");
      response.setContentType(ReportService.Report.CONTENT_TYPE);
      response.setContentLength(report.pdf().length);
      response.getOutputStream().write(report.pdf());
    } catch (NotFound notFound) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
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
