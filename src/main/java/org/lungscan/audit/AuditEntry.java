package org.lungscan.audit;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One event as administrators read it: who ({@code doctorId}), what, on which resource, with what
 * outcome, from where. Never the ids of patient data shown ({@code detail}) nor the chain's hash.
 */
@Schema(name = "AuditEntry")
public record AuditEntry(
    @Schema(format = "int64") long id,
    @Schema(format = "date-time") Instant at,
    @Schema(format = "int64", nullable = true) Long doctorId,
    String action,
    String resourceType,
    @Schema(
            description =
                "The id of the resource as it was asked for (text: it may not be a number)",
            nullable = true)
        String resourceId,
    String outcome,
    String clientAddress) {}
