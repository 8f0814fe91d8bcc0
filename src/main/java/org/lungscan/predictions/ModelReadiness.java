package org.lungscan.predictions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when a model is loaded; otherwise says why not. */
@Readiness
@ApplicationScoped
public class ModelReadiness implements HealthCheck {

  @Inject LoadedModel model;

  @Override
  public HealthCheckResponse call() {
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
