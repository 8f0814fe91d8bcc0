package org.lungscan.platform;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Readiness with its details, for administrators: why the server is not ready, which database it
 * talks to. Answers 200 when every check is up, 503 otherwise, like {@code /health/ready}.
 */
@Path("admin/readiness")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class ReadinessResource {

  @Inject @Any Instance<ReadinessCheck> checks;

  @GET
  public Response readiness() {
    List<Check> all =
        checks.stream()
            .map(ReadinessCheck::detailed)
            .map(Check::of)
            .sorted(Comparator.comparing(Check::name))
            .toList();
    boolean up = all.stream().allMatch(check -> check.status().equals("UP"));
    return Response.status(up ? 200 : 503).entity(new Readiness(up ? "UP" : "DOWN", all)).build();
  }

  /** Every check's state and details. */
  public record Readiness(String status, List<Check> checks) {}

  /** One check: its name, UP or DOWN, and what it says about itself. */
  public record Check(String name, String status, Map<String, Object> data) {
    static Check of(HealthCheckResponse response) {
      Optional<Map<String, Object>> data = response.getData();
      return new Check(response.getName(), response.getStatus().name(), data.orElse(Map.of()));
    }
  }
}
