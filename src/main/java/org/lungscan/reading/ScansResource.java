package org.lungscan.reading;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lungscan.platform.OpenApiDocument;
import org.lungscan.platform.PageRequest;
import org.lungscan.reading.ScanAnswers.ReviewedScan;
import org.lungscan.reading.ScanAnswers.ReviewedScanWithPatient;
import org.lungscan.scans.LungScan;
import org.lungscan.scans.ScanService;

/**
 * The JSON door that reads the doctor's lung scans, each with its current review. Shares the path
 * {@code lung-scans} with the scans feature's door (upload, image, delete): the two are one
 * resource to JAX-RS.
 */
@Path("lung-scans")
@RolesAllowed("doctor")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reading")
public class ScansResource {

  @Inject ScanService scans;
  @Inject ReviewService reviews;

  @GET
  @Operation(
      operationId = "listLungScans",
      summary = "All the doctor's scans, newest first, with patient and current review")
  @APIResponse(
      responseCode = "200",
      description = "The scans; X-Total-Count holds the total",
      headers =
          @Header(
              name = "X-Total-Count",
              schema = @Schema(type = SchemaType.INTEGER, format = "int64")),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "ReviewedScanWithPatient"),
              extensions = @Extension(name = OpenApiDocument.LIST, value = "true")))
  @APIResponse(
      responseCode = "400",
      description = "page or size out of range",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  public Response list(@QueryParam("page") String page, @QueryParam("size") String size) {
    List<LungScan> found = scans.list(PageRequest.of(page, size));
    Map<Long, Review> latest = reviews.latestOf(found);
    List<ReviewedScanWithPatient> body =
        found.stream().map(s -> ReviewedScanWithPatient.of(s, latest)).toList();
    return Response.ok(body).header("X-Total-Count", scans.count()).build();
  }

  @GET
  @Path("{id}")
  @Operation(operationId = "getLungScan", summary = "One scan with its current review")
  @APIResponse(
      responseCode = "200",
      description = "The scan",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ReviewedScan")))
  @APIResponse(
      responseCode = "404",
      description = "No such scan of the doctor's",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  public ReviewedScan get(@PathParam("id") @Schema(format = "int64") long id) {
    LungScan scan = scans.get(id);
    return ReviewedScan.of(scan, reviews.latestOf(List.of(scan)));
  }
}
