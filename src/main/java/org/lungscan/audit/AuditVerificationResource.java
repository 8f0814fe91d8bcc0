package org.lungscan.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The administrators' JSON door to the audit trail's check: {@code GET /api/admin/audit/verify}. It
 * needs the database only, never the model or the storage, so it answers while the server is not
 * ready.
 */
@Path("admin/audit/verify")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AuditVerificationResource {

  @Inject AuditTrail audit;

  @GET
  public Verification verify() {
    ChainVerification.Result result = audit.verify();
    return new Verification(result.events(), result.intact(), result.firstBrokenId());
  }

  /** The answer: how many chained events were read, whether the chain holds, where it breaks. */
  public record Verification(long events, boolean intact, Long firstBrokenId) {}
}
