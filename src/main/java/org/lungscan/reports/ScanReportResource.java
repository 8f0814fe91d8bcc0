package org.lungscan.reports;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The JSON API's door to the report of one of the doctor's scans (a PDF). */
@Path("lung-scans/{id}/report")
@RolesAllowed("doctor")
@Tag(name = "Reports", description = "PDF/A-2b reports of scans and patients")
public class ScanReportResource {

  @Inject ReportService reports;

  @GET
  @Produces(ReportService.Report.CONTENT_TYPE)
  @Operation(operationId = "getScanReport", summary = "A PDF/A-2b report of one scan")
  @APIResponse(
      responseCode = "200",
      description =
          "The scan's report: patient, scan (date, size, SHA-256), the image with the heatmap, the prediction with every class, the model, the review or \"Not reviewed\", the notice that the prediction alone is not a diagnosis",
      content =
          @Content(
              mediaType = ReportService.Report.CONTENT_TYPE,
              schema = @Schema(type = SchemaType.STRING, format = "binary")))
  @APIResponse(
      responseCode = "404",
      description = "No such scan of the doctor's",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  public Response report(@PathParam("id") @Schema(format = "int64") long id) {
    ReportService.Report report = reports.ofScan(id);
    return Response.ok(report.pdf(), ReportService.Report.CONTENT_TYPE)
        .header("Content-Disposition", "attachment; filename=\"" + report.fileName() + "\"")
        .header("X-Content-Type-Options", "nosniff")
        .header("Cache-Control", "no-store")
        .build();
  }
}
