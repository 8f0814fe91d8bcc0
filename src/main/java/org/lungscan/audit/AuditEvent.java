package org.lungscan.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One line of the audit trail. Immutable: written once, never updated or deleted. */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

  /** Whether the audited action happened or was refused. */
  public enum Outcome {
    SUCCESS,
    FAILURE,
    DENIED
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "occurred_at", nullable = false, updatable = false)
  private Instant occurredAt;

  @Column(name = "actor_id", updatable = false)
  private Long actorId;

  @Column(name = "actor_email", length = 254, updatable = false)
  private String actorEmail;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 32, updatable = false)
  private AuditAction action;

  @Column(name = "resource_type", length = 32, updatable = false)
  private String resourceType;

  @Column(name = "resource_id", length = 64, updatable = false)
  private String resourceId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16, updatable = false)
  private Outcome outcome;

  @Column(name = "client_address", length = 45, updatable = false)
  private String clientAddress;

  protected AuditEvent() {}

  public AuditEvent(
      Long actorId,
      String actorEmail,
      AuditAction action,
      String resourceType,
      String resourceId,
      Outcome outcome,
      String clientAddress) {
    this.occurredAt = Instant.now();
    this.actorId = actorId;
    this.actorEmail = actorEmail;
    this.action = action;
    this.resourceType = resourceType;
    this.resourceId = resourceId;
    this.outcome = outcome;
    this.clientAddress = clientAddress;
  }

  public Long getId() {
    return id;
  }

  public Instant getOccurredAt() {
    return occurredAt;
  }

  public Long getActorId() {
    return actorId;
  }

  public String getActorEmail() {
    return actorEmail;
  }

  public AuditAction getAction() {
    return action;
  }

  public String getResourceType() {
    return resourceType;
  }

  public String getResourceId() {
    return resourceId;
  }

  public Outcome getOutcome() {
    return outcome;
  }

  public String getClientAddress() {
    return clientAddress;
  }
}
