package org.lungscan.predictions;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.lungscan.predictions.PredictionsResource.ModelResponse;

/** The JSON door to what the loaded model is and whether it can predict. */
@Path("model")
@RolesAllowed("doctor")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

  @Inject PredictionService predictions;

  @GET
  public ModelResponse model() {
    return ModelResponse.of(predictions.modelStatus());
  }
}
