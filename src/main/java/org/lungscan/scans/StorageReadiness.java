package org.lungscan.scans;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the scan image directory can be written. */
@Readiness
@ApplicationScoped
public class StorageReadiness implements HealthCheck {

  @Inject ImageStorage storage;

  @Override
  public HealthCheckResponse call() {
    try {
      return HealthCheckResponse.named("storage").status(storage.isWritable()).build();
    } catch (RuntimeException stillStarting) {
      return HealthCheckResponse.named("storage").down().build();
    }
  }
}
