package org.lungscan.reading;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lungscan.platform.OpenApiDocument;

/** The JSON door to the doctor's findings on a scan. */
@Path("lung-scans/{scanId}/reviews")
@RolesAllowed("doctor")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reading")
public class ReviewsResource {

  private static final String NO_BODY = "must be a JSON object with finding and an optional note";

  @Inject ReviewService reviews;
  @Context UriInfo uri;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "createReview",
      summary = "Record the doctor's finding on a scan, superseding any earlier review")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              examples =
                  @ExampleObject(
                      name = "finding",
                      value =
                          "{\"finding\": \"benign_nodule\", \"note\": \"Calcified, stable since"
                              + " 2024.\"}")))
  @APIResponse(
      responseCode = "201",
      description = "The review, its URL in Location",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "ReviewResponse")))
  @APIResponse(
      responseCode = "400",
      description = "The finding is not one of the model's labels, or the note is too long",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "404",
      description = "No such scan of the doctor's",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  public Response create(
      @PathParam("scanId") @Schema(format = "int64") long scanId,
      @NotNull(message = NO_BODY) ReviewRequest body) {
    Review review = reviews.review(scanId, NewReview.of(body.finding(), body.note()));
    return Response.created(uri.getAbsolutePathBuilder().path(review.getId().toString()).build())
        .entity(ReviewResponse.of(review))
        .build();
  }

  @GET
  @Operation(operationId = "listReviews", summary = "The scan's reviews, newest first")
  @APIResponse(
      responseCode = "200",
      description = "The reviews, newest first; the first is the current one",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "ReviewResponse"),
              extensions = @Extension(name = OpenApiDocument.LIST, value = "true")))
  @APIResponse(
      responseCode = "404",
      description = "No such scan of the doctor's",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  public List<ReviewResponse> list(@PathParam("scanId") @Schema(format = "int64") long scanId) {
    return reviews.ofScan(scanId).stream().map(ReviewResponse::of).toList();
  }

  @GET
  @Path("{id}")
  @Operation(operationId = "getReview", summary = "One review of the scan")
  @APIResponse(
      responseCode = "200",
      description = "The review",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "ReviewResponse")))
  @APIResponse(
      responseCode = "404",
      description = "No such review of a scan of the doctor's",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  public ReviewResponse get(
      @PathParam("scanId") @Schema(format = "int64") long scanId,
      @PathParam("id") @Schema(format = "int64") long id) {
    return ReviewResponse.of(reviews.get(scanId, id));
  }

  /** Body of a review: one of the model's labels and an optional note. */
  public record ReviewRequest(String finding, String note) {}
}
