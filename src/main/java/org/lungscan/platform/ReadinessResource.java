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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Readiness with its details, for administrators: why the server is not ready, which database it
 * talks to. Answers 200 when every check is up, 503 otherwise, like {@code /health/ready}.
 */
@Path("admin/readiness")
@Tag(name = "Operations", description = "The server's state, for administrators")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class ReadinessResource {

  @Inject @Any Instance<ReadinessCheck> checks;

  @GET
  @Operation(operationId = "getReadiness", summary = "Whether the server is ready, and why not")
  @APIResponse(
      responseCode = "200",
      description = "Every check is up",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Readiness")))
  @APIResponse(
      responseCode = "401",
      description = "No valid token",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "403",
      description = "Not an administrator",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "503",
      description = "A check is down",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Readiness")))
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
  @Schema(name = "Readiness")
  public record Readiness(String status, List<Check> checks) {}

  /** One check: its name, UP or DOWN, and what it says about itself. */
  public record Check(String name, String status, Map<String, Object> data) {
    static Check of(HealthCheckResponse response) {
      Optional<Map<String, Object>> data = response.getData();
      return new Check(response.getName(), response.getStatus().name(), data.orElse(Map.of()));
    }
  }
}
