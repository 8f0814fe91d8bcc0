package org.lungscan.platform;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Requests per endpoint with their latency (a timer, so count, rate and percentiles), as {@code
 * lungscan_requests_seconds{endpoint="GET /api/patients/{id}"}} at {@code /metrics}. Endpoints are
 * the API's path templates and the pages' paths, so the number of series stays small whatever
 * clients ask for.
 */
@ApplicationScoped
public class RequestMetrics {

  /** The request attribute where the API's door names the endpoint a request matched. */
  public static final String ENDPOINT = "org.lungscan.endpoint";

  private static final Metadata REQUESTS =
      Metadata.builder()
          .withName("lungscan_requests")
          .withDescription("Requests answered, by endpoint, with their latency")
          .build();

  @Inject MetricRegistry metrics;

  @PostConstruct
  void register() {
    metrics.timer(REQUESTS, new Tag("endpoint", "other"));
  }

  public void record(String endpoint, Duration took) {
    metrics.timer(REQUESTS, new Tag("endpoint", endpoint)).update(took);
  }
}
