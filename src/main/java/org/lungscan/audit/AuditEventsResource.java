package org.lungscan.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lungscan.platform.PageRequest;

/**
 * The administrators' JSON door to the trail: {@code GET /api/admin/audit}, filtered and paged, or
 * with {@code Accept: text/csv} every filtered event as CSV (paging does not apply).
 */
@Path("admin/audit")
@RolesAllowed("admin")
@Tag(name = "Audit")
public class AuditEventsResource {

  @Inject AuditEventService events;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "listAuditEvents",
      summary = "The audit trail, filtered, newest first, one page at a time")
  @APIResponse(
      responseCode = "200",
      description = "One page of events; X-Total-Count holds how many match")
  @APIResponse(
      responseCode = "400",
      description = "A date, doctor id, action, page or size that is not valid",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "403",
      description = "Not an administrator",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  public Response list(
      @Parameter(description = "First day, YYYY-MM-DD (UTC), included") @QueryParam("from")
          String from,
      @Parameter(description = "Last day, YYYY-MM-DD (UTC), included") @QueryParam("to") String to,
      @Parameter(description = "Only what this account did") @QueryParam("doctor_id")
          String doctorId,
      @Parameter(description = "Only this action, e.g. SIGN_IN") @QueryParam("action")
          String action,
      @QueryParam("page") String page,
      @QueryParam("size") String size) {
    AuditQuery query = AuditQuery.of(from, to, doctorId, action);
    PageRequest paging = PageRequest.of(page, size);
    List<AuditEntry> found = events.find(query, paging);
    return Response.ok(found).header("X-Total-Count", events.count(query)).build();
  }

  @GET
  @Produces(AuditCsv.MEDIA_TYPE)
  @Operation(
      operationId = "exportAuditEvents",
      summary = "Every event of the filtered audit trail as CSV, newest first")
  @APIResponse(
      responseCode = "200",
      description = "CSV with a header row; cells a spreadsheet would run start with an apostrophe",
      content = @Content(mediaType = AuditCsv.MEDIA_TYPE))
  @APIResponse(
      responseCode = "400",
      description = "A date, doctor id or action that is not valid",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "403",
      description = "Not an administrator",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  public Response export(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("doctor_id") String doctorId,
      @QueryParam("action") String action) {
    AuditEventService.Export export = events.export(AuditQuery.of(from, to, doctorId, action));
    StreamingOutput body =
        output -> {
          Writer writer =
              new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
          AuditCsv csv = new AuditCsv(writer);
          csv.header();
          export.forEach(csv::row);
          writer.flush();
        };
    return Response.ok(body, AuditCsv.MEDIA_TYPE + "; charset=UTF-8")
        .header("Content-Disposition", "attachment; filename=\"lungscan-audit.csv\"")
        .build();
  }
}
