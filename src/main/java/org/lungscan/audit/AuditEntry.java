package org.lungscan.audit;

import java.time.Instant;

/**
 * One event as administrators read it: who ({@code doctorId}), what, on which resource, with what
 * outcome, from where. Never the ids of patient data shown ({@code detail}) nor the chain's hash.
 */
public record AuditEntry(
    long id,
    Instant at,
    Long doctorId,
    String action,
    String resourceType,
    String resourceId,
    String outcome,
    String clientAddress) {}
