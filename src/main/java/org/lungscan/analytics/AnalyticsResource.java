package org.lungscan.analytics;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The administrators' JSON door to the hospital's figures: {@code GET /api/admin/analytics}. */
@Path("admin/analytics")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
    name = "Analytics",
    description = "The hospital's figures, without patient data, for administrators")
public class AnalyticsResource {

  @Inject AnalyticsService analytics;

  @GET
  @Operation(
      operationId = "getAnalytics",
      summary = "The hospital's figures for a period, without any patient-identifying data")
  @APIResponse(
      responseCode = "200",
      description = "Counts per day, predicted classes, agreement, per model, inference times",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Analytics")))
  @APIResponse(
      responseCode = "400",
      description = "A date that is not YYYY-MM-DD, from after to, or more than 366 days",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "403",
      description = "Not an administrator",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  public Analytics get(
      @Parameter(description = "First day, YYYY-MM-DD (UTC), included; default 29 days before to")
          @QueryParam("from")
          String from,
      @Parameter(description = "Last day, YYYY-MM-DD (UTC), included; default today")
          @QueryParam("to")
          String to) {
    return analytics.of(analytics.period(from, to));
  }
}
