package org.lungscan.predictions;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.lungscan.platform.Invalid;
import org.lungscan.predictions.PredictionsResource.PredictRequest;
import org.lungscan.predictions.PredictionsResource.PredictResponse;

/** The JSON door to running the model on a scan. */
@Path("predict")
@RolesAllowed("doctor")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PredictResource {

  @Inject PredictionService predictions;

  @POST
  public PredictResponse predict(PredictRequest request) {
    if (request == null || request.scanId() == null) {
      throw new Invalid("scan_id", "is required");
    }
    return new PredictResponse(
        "Prediction successful", PredictionResponse.of(predictions.predict(request.scanId())));
  }
}
