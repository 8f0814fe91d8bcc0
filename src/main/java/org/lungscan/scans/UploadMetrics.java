package org.lungscan.scans;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/** Bytes of scan images stored, at {@code /metrics} as {@code upload_bytes_total}. */
@ApplicationScoped
public class UploadMetrics {

  @Inject MetricRegistry metrics;
  private Counter bytes;

  @PostConstruct
  void register() {
    bytes =
        metrics.counter(
            Metadata.builder()
                .withName("upload_bytes")
                .withDescription("Bytes of scan images stored (after metadata was removed)")
                .build());
  }

  void stored(long sizeBytes) {
    bytes.inc(sizeBytes);
  }
}
