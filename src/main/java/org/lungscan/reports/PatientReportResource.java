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

/** The JSON API's door to the report of one of the doctor's patients (a PDF). */
@Path("patients/{id}/report")
@RolesAllowed("doctor")
@Tag(name = "Reports", description = "PDF/A-2b reports of scans and patients")
public class PatientReportResource {

  @Inject ReportService reports;

  @GET
  @Produces(ReportService.Report.CONTENT_TYPE)
  @Operation(
      operationId = "getPatientReport",
      summary = "A PDF/A-2b report of a patient, every scan newest first")
  @APIResponse(
      responseCode = "200",
      description =
          "The patient's report: the patient, then each scan, newest first, as in the scan's report",
      content =
          @Content(
              mediaType = ReportService.Report.CONTENT_TYPE,
              schema = @Schema(type = SchemaType.STRING, format = "binary")))
  @APIResponse(
      responseCode = "404",
      description = "No such patient of the doctor's",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  public Response report(@PathParam("id") @Schema(format = "int64") long id) {
    ReportService.Report report = reports.ofPatient(id);
    return Response.ok(report.pdf(), ReportService.Report.CONTENT_TYPE)
        .header("Content-Disposition", "attachment; filename=\"" + report.fileName() + "\"")
        .header("X-Content-Type-Options", "nosniff")
        .header("Cache-Control", "no-store")
        .build();
  }
}
