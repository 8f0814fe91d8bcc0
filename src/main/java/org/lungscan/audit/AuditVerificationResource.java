package org.lungscan.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The administrators' JSON door to the audit trail's check: {@code GET /api/admin/audit/verify}. It
 * needs the database only, never the model or the storage, so it answers while the server is not
 * ready.
 */
@Path("admin/audit/verify")
@Tag(name = "Audit", description = "The audit trail, for administrators")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AuditVerificationResource {

  @Inject AuditTrail audit;

  @GET
  @Operation(
      operationId = "verifyAuditTrail",
      summary = "Check that the audit trail's hash chain is intact")
  @APIResponse(
      responseCode = "200",
      description = "The check's result",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Verification")))
  @APIResponse(
      responseCode = "401",
      description = "No valid token",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "403",
      description = "Not an administrator",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  public Verification verify() {
    ChainVerification.Result result = audit.verify();
    return new Verification(result.events(), result.intact(), result.firstBrokenId());
  }

  /** The answer: how many chained events were read, whether the chain holds, where it breaks. */
  public record Verification(
      @Schema(format = "int64") long events,
      boolean intact,
      @Schema(format = "int64", nullable = true) Long firstBrokenId) {}
}
