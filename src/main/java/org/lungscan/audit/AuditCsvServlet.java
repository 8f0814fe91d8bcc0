package org.lungscan.audit;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import org.lungscan.platform.Invalid;

/**
 * The console's download of the filtered trail as CSV, for the page's session (the API's is {@code
 * GET /api/admin/audit} with {@code Accept: text/csv}). Under {@code /admin/}, so only
 * administrators reach it.
 */
@WebServlet(AuditCsvServlet.PATH)
public class AuditCsvServlet extends HttpServlet {

  static final String PATH = "/admin/audit.csv";

  @Inject AuditEventService events;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    AuditEventService.Export export;
    try {
      export =
          events.export(
              AuditQuery.of(
                  request.getParameter("from"),
                  request.getParameter("to"),
                  request.getParameter("doctor_id"),
                  request.getParameter("action")));
    } catch (Invalid refused) {
      response.sendError(HttpServletResponse.SC_BAD_REQUEST);
      return;
    }
    response.setContentType(AuditCsv.MEDIA_TYPE);
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Content-Disposition", "attachment; filename=\"lungscan-audit.csv\"");
    Writer writer = response.getWriter();
    AuditCsv csv = new AuditCsv(writer);
    csv.header();
    export.forEach(csv::row);
    writer.flush();
  }
}
