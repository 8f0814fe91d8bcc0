package org.lungscan.models;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The console's download of the de-identified dataset, for the page's session (the API's is {@code
 * GET /api/admin/dataset}). Under {@code /admin/}, so only administrators reach it.
 */
@WebServlet(DatasetServlet.PATH)
public class DatasetServlet extends HttpServlet {

  static final String PATH = "/admin/dataset.zip";

  @Inject DatasetExport export;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("application/zip");
    response.setHeader("Content-Disposition", "attachment; filename=\"lungscan-dataset.zip\"");
    response.setHeader("Cache-Control", "no-store");
    export.export(response.getOutputStream());
  }
}
