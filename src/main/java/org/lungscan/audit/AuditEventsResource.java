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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lungscan.platform.OpenApiDocument;
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

  /**
   * With {@code Accept: text/csv}. Declared before {@link #list}, and described there: of two
   * methods sharing a path and an HTTP method, Payara's OpenAPI reader keeps the later one's
   * operation only.
   */
  @GET
  @Produces(AuditCsv.MEDIA_TYPE)
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

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "listAuditEvents",
      summary = "The audit trail, filtered, newest first: a page as JSON, or all of it as CSV")
  @APIResponse(
      responseCode = "200",
      description =
          "One page of events as JSON; or, with Accept: text/csv, every matching event (page and"
              + " size do not apply) as CSV with a header row, where cells a spreadsheet would run"
              + " start with an apostrophe",
      headers =
          @Header(
              name = "X-Total-Count",
              description = "How many events match in all (JSON only)",
              schema = @Schema(type = SchemaType.INTEGER, format = "int64")),
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "AuditEntry"),
            extensions = @Extension(name = OpenApiDocument.LIST, value = "true")),
        @Content(
            mediaType = AuditCsv.MEDIA_TYPE,
            schema = @Schema(type = SchemaType.STRING),
            example =
                "id,at,doctor_id,action,resource_type,resource_id,outcome,client_address\r\n"
                    + "42,2026-11-23T22:41:00Z,7,SIGN_IN,,,SUCCESS,10.0.0.8\r\n")
      })
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
      @Parameter(
              description = "Only what this account did",
              schema = @Schema(type = SchemaType.INTEGER, format = "int64"))
          @QueryParam("doctor_id")
          String doctorId,
      @Parameter(description = "Only this action, e.g. SIGN_IN") @QueryParam("action")
          String action,
      @Parameter(description = "The page, from 0 (JSON only)") @QueryParam("page") String page,
      @Parameter(description = "Events a page, 1 to 200, default 50 (JSON only)")
          @QueryParam("size")
          String size) {
    AuditQuery query = AuditQuery.of(from, to, doctorId, action);
    PageRequest paging = PageRequest.of(page, size);
    List<AuditEntry> found = events.find(query, paging);
    return Response.ok(found).header("X-Total-Count", events.count(query)).build();
  }
}
