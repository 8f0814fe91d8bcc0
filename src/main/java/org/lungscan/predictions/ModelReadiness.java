package org.lungscan.predictions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.lungscan.platform.ReadinessCheck;

/** Ready when a model is loaded; otherwise says why not. */
@Readiness
@ApplicationScoped
public class ModelReadiness extends ReadinessCheck {

  @Inject LoadedModel model;

  @Override
  public HealthCheckResponse detailed() {
    ModelStatus status = model.status();
    var response =
        HealthCheckResponse.named("model")
            .status(status.ready())
            .withData("detail", status.detail());
    if (status.ready()) {
      response.withData("name", status.name()).withData("version", status.version());
    }
    return response.build();
  }
}
