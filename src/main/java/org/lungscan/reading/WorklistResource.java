package org.lungscan.reading;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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
import org.lungscan.reading.ScanAnswers.WorklistItem;

/** The JSON door to the doctor's triage worklist. */
@Path("worklist")
@RolesAllowed("doctor")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
    name = "Reading",
    description = "The worklist, scans with their reviews, and the doctors' reviews")
public class WorklistResource {

  @Inject WorklistService worklist;

  @GET
  @Operation(
      operationId = "getWorklist",
      summary = "The doctor's scans to read, most suspicious (or newest) first")
  @APIResponse(
      responseCode = "200",
      description = "One page of the worklist; X-Total-Count holds the total",
      headers =
          @Header(
              name = "X-Total-Count",
              schema = @Schema(type = SchemaType.INTEGER, format = "int64")),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "WorklistItem"),
              extensions = @Extension(name = OpenApiDocument.LIST, value = "true")))
  @APIResponse(
      responseCode = "400",
      description = "An unknown status or sort, or page or size out of range",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  public Response list(
      @Parameter(description = "unreviewed (default), reviewed or all") @QueryParam("status")
          String status,
      @Parameter(description = "suspicion (default) or date") @QueryParam("sort") String sort,
      @QueryParam("page") String page,
      @QueryParam("size") String size) {
    Worklist found =
        worklist.worklist(
            Worklist.Status.of(status), Worklist.Order.of(sort), PageRequest.of(page, size));
    List<WorklistItem> body = found.entries().stream().map(WorklistItem::of).toList();
    return Response.ok(body).header("X-Total-Count", found.total()).build();
  }
}
