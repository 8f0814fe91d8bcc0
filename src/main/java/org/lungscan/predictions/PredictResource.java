package org.lungscan.predictions;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lungscan.platform.Invalid;
import org.lungscan.predictions.PredictionsResource.PredictRequest;
import org.lungscan.predictions.PredictionsResource.PredictResponse;

/** The JSON door to running the model on a scan. */
@Path("predict")
@Tag(name = "Predictions")
@RolesAllowed("doctor")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PredictResource {

  @Inject PredictionService predictions;

  @POST
  @Operation(operationId = "predict", summary = "Run the model on a scan")
  @APIResponse(
      responseCode = "200",
      description = "The prediction",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "PredictResponse")))
  @APIResponse(
      responseCode = "400",
      description = "scan_id is missing",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "401",
      description = "No valid token",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "404",
      description = "No such scan of this doctor",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "503",
      description =
          "No usable model is loaded, or the queue is full (then Retry-After says when to try again)",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  public PredictResponse predict(
      @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON,
                      schema = @Schema(ref = "PredictRequest"),
                      examples = @ExampleObject(name = "scan", value = "{\"scan_id\": 1}")))
          PredictRequest request) {
    if (request == null || request.scanId() == null) {
      throw new Invalid("scan_id", "is required");
    }
    return new PredictResponse(
        "Prediction successful", PredictionResponse.of(predictions.predict(request.scanId())));
  }
}
