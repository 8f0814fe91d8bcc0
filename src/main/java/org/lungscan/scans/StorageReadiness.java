package org.lungscan.scans;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.lungscan.platform.ReadinessCheck;

/** Ready when the scan image directory can be written. */
@Readiness
@ApplicationScoped
public class StorageReadiness extends ReadinessCheck {

  @Inject ImageStorage storage;

  @Override
  public HealthCheckResponse detailed() {
    try {
      return HealthCheckResponse.named("storage").status(storage.isWritable()).build();
    } catch (RuntimeException stillStarting) {
      return HealthCheckResponse.named("storage").down().build();
    }
  }
}
