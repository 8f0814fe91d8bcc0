package org.lungscan.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the whole application has started. The database, the storage and the model can all be
 * up while the pages and the JSON API are still being set up (the model loads beside them), and
 * Payara answers those requests 404 meanwhile: a load balancer must not send doctors here yet.
 */
@Readiness
@ApplicationScoped
public class ApplicationReadiness extends ReadinessCheck {

  private volatile boolean started;

  void started(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    started = true;
  }

  @Override
  public HealthCheckResponse detailed() {
    var response = HealthCheckResponse.named("application");
    return started
        ? response.up().build()
        : response.down().withData("detail", "still starting").build();
  }
}
