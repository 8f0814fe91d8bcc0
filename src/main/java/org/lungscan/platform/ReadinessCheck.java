package org.lungscan.platform;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * A readiness check whose details are for administrators only. Anyone may ask {@code /health/ready}
 * and learns the checks' names and states; what went wrong (the database product, a model's load
 * error) is at {@code GET /api/admin/readiness}, see {@link ReadinessResource}.
 */
public abstract class ReadinessCheck implements HealthCheck {

  /** The check's answer with its details. */
  public abstract HealthCheckResponse detailed();

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponse full = detailed();
    return HealthCheckResponse.named(full.getName())
        .status(full.getStatus() == HealthCheckResponse.Status.UP)
        .build();
  }
}
