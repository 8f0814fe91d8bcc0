package org.lungscan.predictions;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lungscan.predictions.PredictionsResource.ModelResponse;

/** The JSON door to what the loaded model is and whether it can predict. */
@Path("model")
@Tag(name = "Predictions")
@RolesAllowed("doctor")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

  @Inject PredictionService predictions;

  @GET
  @Operation(operationId = "getModel", summary = "The loaded model and whether it can predict")
  @APIResponse(
      responseCode = "200",
      description = "The model",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ModelInUse")))
  @APIResponse(
      responseCode = "401",
      description = "No valid token",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  public ModelResponse model() {
    return ModelResponse.of(predictions.modelStatus());
  }
}
